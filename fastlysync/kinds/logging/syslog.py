"""Syslog logging over TCP/UDP, optionally TLS."""

from __future__ import annotations

from pydantic import Field, field_validator

from .. import validators
from .base import MessageType, TlsEndpoint, logging_kind


class LoggingSyslog(TlsEndpoint):
    address: str = Field(description="Host name or IP address of the endpoint.")
    port: int = Field(514, ge=1, le=65535, description="Port of the endpoint. API default: 514.")
    use_tls: bool = Field(False, description="Connect over TLS. API default: False.")
    token: str | None = Field(None, description="Token (Datadog API key, Splunk HEC token, syslog "
                                                "line prefix). Sensitive: write it as ${env:NAME}."
                                                " API default: none (null).")
    message_type: MessageType = Field("classic", description="How each line is framed. API "
                                                             "default: classic.")
    public_key: str | None = Field(None, description="PGP public key to encrypt the files with. "
                                                     "API default: none (null).")

    @field_validator("address")
    @classmethod
    def _address(cls, value: str) -> str:
        return validators.address(value)


KIND = logging_kind("syslog", LoggingSyslog,
                    sensitive=frozenset({"token", "tls_client_key"}),
                    wire={"use_tls": "str01"}, echoes={"hostname": "address"},
                    real_wire={"port": "str"}, extras={"ipv4": None})
