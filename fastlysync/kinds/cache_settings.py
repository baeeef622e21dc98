"""Cache settings: TTL overrides applied under a cache condition."""

from __future__ import annotations

from typing import Literal

from .base import Kind, NamedModel, Reference


class CacheSettings(NamedModel):
    action: Literal["cache", "pass", "restart"] | None = None
    ttl: int | None = None
    stale_ttl: int | None = None
    cache_condition: str | None = None


KIND = Kind(
    name="cache_settings", model=CacheSettings, spec_key="cache_settings",
    api_path="cache_settings", api_label="CacheSettings",
    wire={"ttl": "str", "stale_ttl": "str"}, version_wire="str",
    references=(Reference("cache_condition", "condition", "CACHE"),), order=40,
)
