"""Logentries logging."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from .base import SECRET, UNSET, LoggingEndpoint, logging_kind


class LoggingLogentries(LoggingEndpoint):
    token: str = Field(description="Logentries token." + SECRET)
    port: int = Field(20000, ge=0, le=65535, description="Port. API default: 20000.")
    use_tls: bool = Field(True, description="Connect over TLS. API default: true.")
    region: Literal["US", "US-2", "US-3", "EU", "CA", "AU", "AP"] | None = Field(
        None, description="Logentries region. " + UNSET)


KIND = logging_kind("logentries", LoggingLogentries, sensitive=frozenset({"token"}),
                    wire={"use_tls": "str01"}, unset_wire={"region": "omit"},
                    real_wire={"port": "str"}, extras={"hostname": None, "public_key": None})
