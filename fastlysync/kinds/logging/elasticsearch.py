"""Elasticsearch logging (bulk API)."""

from __future__ import annotations

from pydantic import Field, field_validator

from .. import validators
from .base import SECRET, UNSET, TlsEndpoint, logging_kind


class LoggingElasticsearch(TlsEndpoint):
    url: str = Field(description="Elasticsearch URL (https).")
    index: str = Field(description="Index to write to (strftime patterns allowed).")
    pipeline: str | None = Field(None, description="Ingest pipeline id. " + UNSET)
    user: str | None = Field(None, description="Basic auth user. " + UNSET)
    password: str | None = Field(None, description="Basic auth password." + SECRET + " "
                                 + UNSET)
    request_max_entries: int = Field(0, ge=0, description="Most log lines per request (0: no "
                                                          "limit). API default: 0.")
    request_max_bytes: int = Field(0, ge=0, description="Largest request in bytes (0: no limit). "
                                                        "API default: 0.")

    @field_validator("url")
    @classmethod
    def _https(cls, value: str) -> str:
        return validators.https_url(value)


KIND = logging_kind("elasticsearch", LoggingElasticsearch,
                    sensitive=frozenset({"password", "tls_client_key"}))
