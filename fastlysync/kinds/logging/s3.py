"""Amazon S3 logging (or any S3-compatible store)."""

from __future__ import annotations

from pydantic import Field

from ..base import Exclusive
from .base import FILE_WIRE, ONE_COMPRESSION, FileEndpoint, logging_kind


class LoggingS3(FileEndpoint):
    bucket_name: str = Field(description="Bucket to write to.")
    access_key: str | None = Field(None, description="Access key id. Sensitive: write it as "
                                                     "${env:NAME}. API default: none (null).")
    secret_key: str | None = Field(None, description="Secret key. Sensitive: write it as "
                                                     "${env:NAME}. API default: none (null).")
    iam_role: str | None = Field(None, description="IAM role to assume instead of access keys. API"
                                                   " default: none (null).")
    domain: str = Field("s3.amazonaws.com", description="Endpoint host of the bucket's region. API"
                                                        " default: s3.amazonaws.com.")
    redundancy: str | None = Field(None, description="S3 storage class. API default: none (null).")
    server_side_encryption: str | None = Field(None, description="Server-side encryption (AES256 "
                                                                 "or aws:kms). API default: none "
                                                                 "(null).")
    server_side_encryption_kms_key_id: str | None = Field(
        None, description="KMS key for aws:kms encryption. API default: none (null).",
    )
    acl: str | None = Field(None, description="Canned ACL for new objects. API default: none "
                                              "(null).")
    file_max_bytes: int = Field(0, ge=0, description="Largest file in bytes before a new one "
                                                     "starts (0: no limit). API default: 0.")


NO_KEYS_WITH_ROLE = Exclusive("iam_role", ("access_key", "secret_key"),
                              "'iam_role' can't be used when 'access_key' or 'secret_key' are "
                              "provided")

KIND = logging_kind("s3", LoggingS3, label="s3",
                    sensitive=frozenset({"access_key", "secret_key"}),
                    wire=FILE_WIRE,
                    unset_wire={"compression_codec": "omit", "acl": "sdk_blank",
                                "file_max_bytes": "omit"},
                    exclusive=(ONE_COMPRESSION, NO_KEYS_WITH_ROLE))
