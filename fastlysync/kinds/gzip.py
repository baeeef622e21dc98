"""Gzip rules (content types and extensions compressed at the edge)."""

from __future__ import annotations

from .base import Kind, NamedModel, Reference


class Gzip(NamedModel):
    content_types: str | None = None
    extensions: str | None = None
    cache_condition: str | None = None


KIND = Kind(name="gzip", model=Gzip, spec_key="gzips", api_path="gzip", api_label="Gzip",
            version_wire="str", references=(Reference("cache_condition", "condition", "CACHE"),),
            order=40)
