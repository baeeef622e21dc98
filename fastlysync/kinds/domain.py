"""Domains a service answers for."""

from __future__ import annotations

from .base import Kind, NamedModel


class Domain(NamedModel):
    comment: str | None = None


KIND = Kind(name="domain", model=Domain, spec_key="domains", api_path="domain",
            api_label="Domain", order=10)
