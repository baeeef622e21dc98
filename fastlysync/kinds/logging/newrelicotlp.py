"""New Relic OTLP logging."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from .base import SECRET, UNSET, LoggingEndpoint, logging_kind


class LoggingNewrelicotlp(LoggingEndpoint):
    token: str = Field(description="New Relic license key." + SECRET)
    region: Literal["US", "EU"] = Field("US", description="New Relic region. API default: US.")
    url: str | None = Field(None, description="OTLP endpoint overriding the region's. " + UNSET)


KIND = logging_kind("newrelicotlp", LoggingNewrelicotlp, sensitive=frozenset({"token"}))
