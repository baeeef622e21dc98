"""HTTPS logging: batches of log lines POSTed to any URL."""

from __future__ import annotations

from typing import Literal

from .base import LoggingEndpoint, logging_kind


class LoggingHttps(LoggingEndpoint):
    url: str
    method: Literal["POST", "PUT"] = "POST"
    content_type: str | None = None
    header_name: str | None = None
    header_value: str | None = None
    json_format: Literal["0", "1", "2"] = "0"
    message_type: Literal["classic", "loggly", "logplex", "blank"] = "blank"
    request_max_entries: int = 0
    request_max_bytes: int = 0
    period: int = 5
    tls_ca_cert: str | None = None
    tls_client_cert: str | None = None
    tls_client_key: str | None = None
    tls_hostname: str | None = None


KIND = logging_kind("https", LoggingHttps,
                    sensitive=frozenset({"header_value", "tls_client_key"}))
