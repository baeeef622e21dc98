"""Apache Kafka logging."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from .base import TlsEndpoint, logging_kind


class LoggingKafka(TlsEndpoint):
    brokers: str = Field(description="Comma-separated host:port list of brokers.")
    topic: str = Field(description="Kafka topic.")
    required_acks: Literal["1", "0", "-1"] = Field(
        "1", description="Acknowledgements to wait for: 1 the leader, 0 none, -1 all replicas. "
                         "API default: 1.")
    compression_codec: Literal["gzip", "snappy", "lz4", "zstd"] | None = Field(
        None, description="Compression; not together with gzip_level. API default: none (null).",
    )
    use_tls: bool = Field(False, description="Connect over TLS. API default: False.")
    request_max_bytes: int = Field(0, ge=0, description="Largest request in bytes (0: no limit). "
                                                        "API default: 0.")
    parse_log_keyvals: bool = Field(False, description="Send key=value pairs in the line as Kafka "
                                                       "record headers. API default: False.")
    auth_method: Literal["plain", "scram-sha-256", "scram-sha-512"] | None = Field(
        None, description="SASL mechanism. API default: none (null).",
    )
    user: str | None = Field(None, description="Service account email. API default: none (null).")
    password: str | None = Field(None, description="SASL password. Sensitive: write it as "
                                                   "${env:NAME}. API default: none (null).")


KIND = logging_kind("kafka", LoggingKafka,
                    sensitive=frozenset({"password", "tls_client_key"}),
                    wire={"use_tls": "str01", "required_acks": "int"},
                    real_wire={"required_acks": "str"}, create_wire={"format_version": "int"},
                    unset_wire={"auth_method": "omit", "user": "blank", "password": "blank"})
