"""Conditions: VCL expressions other objects attach to by name."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from .base import Kind, NamedModel

ConditionType = Literal["REQUEST", "CACHE", "RESPONSE", "PREFETCH"]


class Condition(NamedModel):
    statement: str = Field(description="VCL boolean expression, e.g. req.url ~ \"^/api/\".")
    type: ConditionType = Field(description="Where it is evaluated; users need a matching type "
                                "(request_condition needs REQUEST, cache_condition CACHE, "
                                "response_condition RESPONSE).")
    priority: int = Field(10, description="Lower runs first. API default: 10.")
    comment: str | None = Field(None, description="Free text. API default: none (\"\").")


KIND = Kind(name="condition", model=Condition, spec_key="conditions", api_path="condition",
            api_label="Condition", wire={"priority": "str"}, version_wire="str", order=10,
            unset_wire={"comment": "blank"})
