"""Grafana Cloud Logs (Loki) logging."""

from __future__ import annotations

from pydantic import Field

from .base import SECRET, LoggingEndpoint, logging_kind


class LoggingGrafanacloudlogs(LoggingEndpoint):
    url: str = Field(description="Grafana Cloud Logs URL.")
    user: str = Field(description="Grafana Cloud user id.")
    token: str = Field(description="Access policy token." + SECRET)
    index: str = Field(description="Stream labels, e.g. {\"label\": \"value\"}.")


KIND = logging_kind("grafanacloudlogs", LoggingGrafanacloudlogs,
                    sensitive=frozenset({"token"}))
