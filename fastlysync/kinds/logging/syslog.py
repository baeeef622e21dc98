"""Syslog logging over TCP/UDP, optionally TLS."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from .base import LoggingEndpoint, logging_kind


class LoggingSyslog(LoggingEndpoint):
    address: str
    port: int = Field(514, ge=1, le=65535)
    use_tls: bool = False
    token: str | None = None
    message_type: Literal["classic", "loggly", "logplex", "blank"] = "classic"
    tls_hostname: str | None = None
    tls_ca_cert: str | None = None
    tls_client_cert: str | None = None
    tls_client_key: str | None = None


KIND = logging_kind("syslog", LoggingSyslog,
                    sensitive=frozenset({"token", "tls_client_key"}),
                    wire={"use_tls": "str01"}, echoes={"hostname": "address"})
