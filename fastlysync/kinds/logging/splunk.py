"""Splunk HTTP Event Collector logging."""

from __future__ import annotations

from pydantic import Field

from .base import TlsEndpoint, logging_kind


class LoggingSplunk(TlsEndpoint):
    url: str = Field(description="Where to send logs.")
    token: str | None = Field(None, description="Token (Datadog API key, Splunk HEC token, syslog "
                                                "line prefix). Sensitive: write it as ${env:NAME}."
                                                " API default: none (null).")
    use_tls: bool = Field(False, description="Connect over TLS. API default: False.")
    request_max_entries: int = Field(0, ge=0, description="Most log lines per request (0: no "
                                                          "limit). API default: 0.")
    request_max_bytes: int = Field(0, ge=0, description="Largest request in bytes (0: no limit). "
                                                        "API default: 0.")


KIND = logging_kind("splunk", LoggingSplunk,
                    sensitive=frozenset({"token", "tls_client_key"}),
                    wire={"use_tls": "str01"}, unset_wire={"token": "blank"})
