"""Cache settings: TTL overrides applied under a cache condition."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from .base import Kind, NamedModel, Reference


class CacheSettings(NamedModel):
    action: Literal["cache", "pass", "restart"] | None = Field(
        None, description="Override what happens to the response. API default: none (null).")
    ttl: int | None = Field(None, ge=0, description="Seconds to cache. API default: unset.")
    stale_ttl: int | None = Field(None, ge=0, description="Seconds to serve stale. "
                                  "API default: unset.")
    cache_condition: str | None = Field(None, description="Name of a CACHE condition. "
                                        "API default: none (\"\").")


KIND = Kind(
    name="cache_settings", model=CacheSettings, spec_key="cache_settings",
    api_path="cache_settings", api_label="CacheSettings",
    wire={"ttl": "str", "stale_ttl": "str"}, version_wire="str",
    references=(Reference("cache_condition", "condition", "CACHE"),), order=40,
    unset_wire={"ttl": "blank", "stale_ttl": "blank", "cache_condition": "blank"},
)
