"""Google BigQuery logging (one row per request)."""

from __future__ import annotations

from .base import LoggingEndpoint, logging_kind


class LoggingBigquery(LoggingEndpoint):
    project_id: str
    dataset: str
    table: str
    template_suffix: str | None = None
    user: str | None = None
    account_name: str | None = None
    secret_key: str | None = None


KIND = logging_kind("bigquery", LoggingBigquery, sensitive=frozenset({"secret_key"}))
