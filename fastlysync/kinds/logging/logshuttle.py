"""Log Shuttle logging."""

from __future__ import annotations

from pydantic import Field

from .base import SECRET, LoggingEndpoint, logging_kind


class LoggingLogshuttle(LoggingEndpoint):
    url: str = Field(description="Log Shuttle URL.")
    token: str = Field(description="Data authentication token." + SECRET)


KIND = logging_kind("logshuttle", LoggingLogshuttle, sensitive=frozenset({"token"}))
