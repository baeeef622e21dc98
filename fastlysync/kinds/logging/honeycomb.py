"""Honeycomb logging (format must be a Honeycomb JSON event)."""

from __future__ import annotations

from pydantic import Field

from .base import SECRET, LoggingEndpoint, logging_kind


class LoggingHoneycomb(LoggingEndpoint):
    dataset: str = Field(description="Honeycomb dataset.")
    token: str = Field(description="Honeycomb write key." + SECRET)


KIND = logging_kind("honeycomb", LoggingHoneycomb, sensitive=frozenset({"token"}))
