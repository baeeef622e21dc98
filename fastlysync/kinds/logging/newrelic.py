"""New Relic Logs logging."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from .base import SECRET, LoggingEndpoint, logging_kind


class LoggingNewrelic(LoggingEndpoint):
    token: str = Field(description="New Relic insert key." + SECRET)
    region: Literal["US", "EU"] = Field("US", description="New Relic region. API default: US.")


KIND = logging_kind("newrelic", LoggingNewrelic, sensitive=frozenset({"token"}))
