"""Directors: load-balancing groups of backends. Members live at director/{d}/backend/{b}."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from .base import Kind, NamedModel, Reference

DIRECTOR_TYPES = {"random": 1, "hash": 3, "client": 4}


class Director(NamedModel):
    type: Literal[1, 3, 4] = 1
    quorum: int = Field(75, ge=0, le=100)
    retries: int = Field(5, ge=0)
    capacity: int = 100
    shield: str | None = None
    comment: str | None = None
    backends: list[str] = Field(default_factory=list)


KIND = Kind(
    name="director", model=Director, spec_key="directors", api_path="director",
    api_label="Director", references=(Reference("backends", "backend", many=True),),
    order=35, detached=frozenset({"backends"}),
)
