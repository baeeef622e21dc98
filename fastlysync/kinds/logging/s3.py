"""Amazon S3 logging (or any S3-compatible store)."""

from __future__ import annotations

from typing import Literal

from .base import LoggingEndpoint, logging_kind


class LoggingS3(LoggingEndpoint):
    bucket_name: str
    access_key: str | None = None
    secret_key: str | None = None
    iam_role: str | None = None
    domain: str = "s3.amazonaws.com"
    path: str | None = None
    period: int = 3600
    gzip_level: int = 0
    compression_codec: Literal["zstd", "snappy", "gzip"] | None = None
    message_type: Literal["classic", "loggly", "logplex", "blank"] = "classic"
    redundancy: str | None = None
    server_side_encryption: str | None = None
    server_side_encryption_kms_key_id: str | None = None
    acl: str | None = None
    timestamp_format: str = "%Y-%m-%dT%H:%M:%S.000"
    public_key: str | None = None


KIND = logging_kind("s3", LoggingS3, label="s3",
                    sensitive=frozenset({"access_key", "secret_key"}),
                    wire={"period": "str", "gzip_level": "str"})
