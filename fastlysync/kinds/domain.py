"""Domains a service answers for."""

from __future__ import annotations

from pydantic import Field, field_validator

from . import validators
from .base import Kind, NamedModel


class Domain(NamedModel):
    comment: str | None = Field(None, description="Free text. API default: none (\"\").")

    @field_validator("name")
    @classmethod
    def _host_name(cls, value: str) -> str:
        return validators.domain_name(value)


KIND = Kind(name="domain", model=Domain, spec_key="domains", api_path="domain",
            api_label="Domain", order=10)
