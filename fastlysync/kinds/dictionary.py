"""Edge dictionaries: the container is versioned, its items are not."""

from __future__ import annotations

from pydantic import Field

from .base import Kind, NamedModel


class Dictionary(NamedModel):
    write_only: bool = False
    items: dict[str, str] = Field(default_factory=dict)


KIND = Kind(name="dictionary", model=Dictionary, spec_key="dictionaries",
            api_path="dictionary", api_label="Dictionary", has_id=True, order=20,
            detached=frozenset({"items"}))
