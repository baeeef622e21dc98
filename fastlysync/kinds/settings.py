"""Service-wide settings: a singleton per version, spelled `general.<field>` on the wire."""

from __future__ import annotations

from pydantic import Field

from .base import Kind, KindModel


class Settings(KindModel):
    default_ttl: int = Field(3600, ge=0)
    default_host: str | None = None
    stale_if_error: bool = False
    stale_if_error_ttl: int = Field(43200, ge=0)


WIRE_PREFIX = "general."

KIND = Kind(name="settings", model=Settings, spec_key="settings", api_path="settings",
            api_label="Settings", singleton=True, wire_prefix=WIRE_PREFIX, order=5)
