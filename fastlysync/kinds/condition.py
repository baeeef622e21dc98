"""Conditions: VCL expressions other objects attach to by name."""

from __future__ import annotations

from typing import Literal

from .base import Kind, NamedModel

ConditionType = Literal["REQUEST", "CACHE", "RESPONSE", "PREFETCH"]


class Condition(NamedModel):
    statement: str
    type: ConditionType
    priority: int = 10
    comment: str | None = None


KIND = Kind(name="condition", model=Condition, spec_key="conditions", api_path="condition",
            api_label="Condition", wire={"priority": "str"}, version_wire="str", order=10)
