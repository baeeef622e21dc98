"""Google Cloud Storage logging."""

from __future__ import annotations

from pydantic import Field

from .base import FILE_WIRE, ONE_COMPRESSION, FileEndpoint, logging_kind


class LoggingGcs(FileEndpoint):
    bucket_name: str = Field(description="Bucket to write to.")
    user: str | None = Field(None, description="Service account email. API default: none (null).")
    account_name: str | None = Field(None, description="Google service account to impersonate "
                                                       "instead of user/secret_key. API default: "
                                                       "none (null).")
    secret_key: str | None = Field(None, description="Secret key. Sensitive: write it as "
                                                     "${env:NAME}. API default: none (null).")
    project_id: str | None = Field(None, description="Google Cloud project id. API default: none "
                                                     "(null).")


KIND = logging_kind("gcs", LoggingGcs, sensitive=frozenset({"secret_key"}),
                    wire=FILE_WIRE,
                    unset_wire={**dict.fromkeys(("user", "secret_key", "project_id", "path"),
                                                "blank"),
                                "account_name": "sdk_blank",
                                "compression_codec": "omit"},
                    exclusive=(ONE_COMPRESSION,))
