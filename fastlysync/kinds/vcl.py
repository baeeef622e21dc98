"""Custom VCL files; exactly one is `main` when any exist."""

from __future__ import annotations

from pydantic import Field

from .base import Kind, NamedModel


class Vcl(NamedModel):
    content: str | None = None
    file: str | None = Field(None, description="Path under vcl/ holding the content.")
    main: bool = False


KIND = Kind(name="vcl", model=Vcl, spec_key="vcls", api_path="vcl", api_label="VCL",
            spec_only=frozenset({"file"}), order=70)
