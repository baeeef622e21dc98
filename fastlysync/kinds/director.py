"""Directors: load-balancing groups of backends. Members live at director/{d}/backend/{b}."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field, field_validator

from .base import Detached, Kind, NamedModel, Reference

DIRECTOR_TYPES = {"random": 1, "hash": 3, "client": 4}


class Director(NamedModel):
    type: Literal[1, 3, 4] = Field(1, description="1 random, 3 hash, 4 client (the names "
                                   "work too). API default: 1 (random).")
    quorum: int = Field(75, ge=0, le=100, description="Percentage of healthy backends needed. "
                        "API default: 75.")
    retries: int = Field(5, ge=0, description="Backends tried before failing. API default: 5.")
    capacity: int = Field(100, description="Unused by Fastly; API default: 100.")
    shield: str | None = Field(None, description="POP code used as shield. "
                               "API default: none (null).")
    comment: str | None = Field(None, description="Free text. API default: none (\"\").")
    backends: list[str] = Field(default_factory=list, description="Names of backends of this "
                                "service. API default: none.")


    @field_validator("type", mode="before")
    @classmethod
    def _type_name(cls, value: Any) -> Any:
        if isinstance(value, str):
            word = value.strip().lower()
            return int(word) if word.isdigit() else DIRECTOR_TYPES.get(word, value)
        return value


KIND = Kind(
    name="director", model=Director, spec_key="directors", api_path="director",
    api_label="Director", references=(Reference("backends", "backend", many=True),),
    order=35, storage=(Detached("backends", "director_members"),),
    unset_wire={"comment": "blank"}, fixed_name=True,
)
