"""Google Cloud Storage logging."""

from __future__ import annotations

from typing import Literal

from .base import LoggingEndpoint, logging_kind


class LoggingGcs(LoggingEndpoint):
    bucket_name: str
    user: str | None = None
    account_name: str | None = None
    secret_key: str | None = None
    project_id: str | None = None
    path: str | None = None
    period: int = 3600
    gzip_level: int = 0
    compression_codec: Literal["zstd", "snappy", "gzip"] | None = None
    message_type: Literal["classic", "loggly", "logplex", "blank"] = "classic"
    timestamp_format: str = "%Y-%m-%dT%H:%M:%S.000"


KIND = logging_kind("gcs", LoggingGcs, sensitive=frozenset({"secret_key"}),
                    wire={"period": "str", "gzip_level": "str"})
