"""Loggly logging."""

from __future__ import annotations

from pydantic import Field

from .base import SECRET, LoggingEndpoint, logging_kind


class LoggingLoggly(LoggingEndpoint):
    token: str = Field(description="Loggly customer token." + SECRET)


KIND = logging_kind("loggly", LoggingLoggly, sensitive=frozenset({"token"}),
                    extras={"public_key": None})
