"""Service-wide settings: a singleton per version, spelled `general.<field>` on the wire."""

from __future__ import annotations

from pydantic import Field

from .base import Ignoring, Kind


class Settings(Ignoring):
    default_ttl: int = Field(3600, ge=0, description="Seconds to cache responses without "
                             "caching headers. API default: 3600.")
    default_host: str | None = Field(None, description="Host header when the client sends "
                                     "none. API default: none (\"\").")
    stale_if_error: bool = Field(False, description="Serve stale content when the origin "
                                 "fails. API default: false.")
    stale_if_error_ttl: int = Field(43200, ge=0, description="Seconds stale content may be "
                                    "served on error. API default: 43200.")


WIRE_PREFIX = "general."

KIND = Kind(name="settings", model=Settings, spec_key="settings", api_path="settings",
            api_label="Settings", singleton=True, wire_prefix=WIRE_PREFIX, order=5,
            unset_wire={"default_host": "blank"}, extras={"general.default_pci": 0})
