"""Datadog logging."""

from __future__ import annotations

from typing import Literal

from .base import LoggingEndpoint, logging_kind


class LoggingDatadog(LoggingEndpoint):
    token: str
    region: Literal["US", "US3", "US5", "EU", "AP1"] = "US"


KIND = logging_kind("datadog", LoggingDatadog, sensitive=frozenset({"token"}))
