"""Splunk HTTP Event Collector logging."""

from __future__ import annotations

from .base import LoggingEndpoint, logging_kind


class LoggingSplunk(LoggingEndpoint):
    url: str
    token: str | None = None
    use_tls: bool = False
    request_max_entries: int = 0
    request_max_bytes: int = 0
    tls_hostname: str | None = None
    tls_ca_cert: str | None = None
    tls_client_cert: str | None = None
    tls_client_key: str | None = None


KIND = logging_kind("splunk", LoggingSplunk,
                    sensitive=frozenset({"token", "tls_client_key"}),
                    wire={"use_tls": "str01"})
