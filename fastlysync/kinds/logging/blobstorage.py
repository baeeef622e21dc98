"""Azure Blob Storage logging (the API's `azureblob`; Terraform's `logging_blobstorage`)."""

from __future__ import annotations

from pydantic import Field

from .base import FILE_UNSET, FILE_WIRE, ONE_COMPRESSION, SECRET, FileEndpoint, logging_kind


class LoggingBlobstorage(FileEndpoint):
    account_name: str = Field(description="Storage account name.")
    container: str = Field(description="Blob container to write to.")
    sas_token: str = Field(description="Shared access signature token with write permission."
                                       + SECRET)
    file_max_bytes: int = Field(0, ge=0, description="Largest file in bytes before a new one "
                                                     "starts (0: no limit). API default: 0.")


KIND = logging_kind("blobstorage", LoggingBlobstorage, api_name="azureblob",
                    label="azureblob", sensitive=frozenset({"sas_token"}), wire=FILE_WIRE,
                    unset_wire={**FILE_UNSET, "file_max_bytes": "omit"},
                    exclusive=(ONE_COMPRESSION,))
