"""Apache Kafka logging."""

from __future__ import annotations

from typing import Literal

from .base import LoggingEndpoint, logging_kind


class LoggingKafka(LoggingEndpoint):
    brokers: str
    topic: str
    required_acks: Literal["1", "0", "-1"] = "1"
    compression_codec: Literal["gzip", "snappy", "lz4", "zstd"] | None = None
    use_tls: bool = False
    request_max_bytes: int = 0
    parse_log_keyvals: bool = False
    auth_method: Literal["plain", "scram-sha-256", "scram-sha-512"] | None = None
    user: str | None = None
    password: str | None = None
    tls_hostname: str | None = None
    tls_ca_cert: str | None = None
    tls_client_cert: str | None = None
    tls_client_key: str | None = None


KIND = logging_kind("kafka", LoggingKafka,
                    sensitive=frozenset({"password", "tls_client_key"}),
                    wire={"use_tls": "str01"})
