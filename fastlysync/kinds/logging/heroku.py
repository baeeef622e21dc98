"""Heroku log drain logging."""

from __future__ import annotations

from pydantic import Field

from .base import SECRET, LoggingEndpoint, logging_kind


class LoggingHeroku(LoggingEndpoint):
    url: str = Field(description="Heroku log drain URL.")
    token: str = Field(description="Heroku log drain token." + SECRET)


KIND = logging_kind("heroku", LoggingHeroku, sensitive=frozenset({"token"}))
