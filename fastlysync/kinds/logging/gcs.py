"""Google Cloud Storage logging."""

from __future__ import annotations

from pydantic import Field

from .base import CompressionCodec, LoggingEndpoint, MessageType, logging_kind


class LoggingGcs(LoggingEndpoint):
    bucket_name: str = Field(description="Bucket to write to.")
    user: str | None = Field(None, description="Service account email. API default: none (null).")
    account_name: str | None = Field(None, description="Google service account to impersonate "
                                                       "instead of user/secret_key. API default: "
                                                       "none (null).")
    secret_key: str | None = Field(None, description="Secret key. Sensitive: write it as "
                                                     "${env:NAME}. API default: none (null).")
    project_id: str | None = Field(None, description="Google Cloud project id. API default: none "
                                                     "(null).")
    path: str | None = Field(None, description="Path prefix inside the bucket. API default: none "
                                               "(null).")
    period: int = Field(3600, ge=0, description="Seconds between uploads. API default: 3600.")
    gzip_level: int = Field(0, ge=0, le=9, description="Gzip level 0-9 (0: off); not together with"
                                                       " compression_codec. API default: 0.")
    compression_codec: CompressionCodec | None = Field(
        None, description="Compression; not together with gzip_level. API default: none (null).",
    )
    message_type: MessageType = Field("classic", description="How each line is framed. API "
                                                             "default: classic.")
    timestamp_format: str = Field(
        "%Y-%m-%dT%H:%M:%S.000", description="strftime format in file names. API default: "
                                             "%Y-%m-%dT%H:%M:%S.000.",
    )
    public_key: str | None = Field(None, description="PGP public key to encrypt the files with. "
                                                     "API default: none (null).")


KIND = logging_kind("gcs", LoggingGcs, sensitive=frozenset({"secret_key"}),
                    wire={"period": "str", "gzip_level": "str"},
                    unset_wire={**dict.fromkeys(("user", "account_name", "secret_key", "project_id",
                                                 "path"), "blank"),
                                "compression_codec": "omit"})
