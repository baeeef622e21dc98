"""Datadog logging."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from .base import LoggingEndpoint, logging_kind


class LoggingDatadog(LoggingEndpoint):
    token: str = Field(description="Token (Datadog API key, Splunk HEC token, syslog line prefix)."
                                   " Sensitive: write it as ${env:NAME}.")
    region: Literal["US", "US3", "US5", "EU", "EU1", "AP1"] = Field(
        "US", description="Datadog site. API default: US.",
    )


KIND = logging_kind("datadog", LoggingDatadog, sensitive=frozenset({"token"}))
