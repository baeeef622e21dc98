"""HTTPS logging: batches of log lines POSTed to any URL."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, field_validator

from .. import validators
from .base import ONE_COMPRESSION, CompressionCodec, MessageType, TlsEndpoint, logging_kind


class LoggingHttps(TlsEndpoint):
    url: str = Field(description="Where to send logs.")
    method: Literal["POST", "PUT"] = Field("POST", description="HTTP method. API default: POST.")
    content_type: str | None = Field(None, description="Content-Type of the requests. API default:"
                                                       " none (null).")
    header_name: str | None = Field(None, description="Name of a custom request header. API "
                                                      "default: none (null).")
    header_value: str | None = Field(None, description="Value of the custom header. Sensitive: "
                                                       "write it as ${env:NAME}. API default: none"
                                                       " (null).")
    json_format: Literal["0", "1", "2"] = Field("0", description="\"0\" plain lines, \"1\" a JSON "
                                                                 "array, \"2\" newline-delimited "
                                                                 "JSON. API default: 0.")
    message_type: MessageType = Field("blank", description="How each line is framed. API default: "
                                                           "blank.")
    request_max_entries: int = Field(0, ge=0, description="Most log lines per request (0: no "
                                                          "limit). API default: 0.")
    request_max_bytes: int = Field(0, ge=0, description="Largest request in bytes (0: no limit). "
                                                        "API default: 0.")
    period: int = Field(5, ge=0, description="Seconds between uploads. API default: 5.")
    add_batch_size_header: bool = Field(False, description="Send the number of log lines in a "
                                        "Fastly-Log-Batch-Size header. API default: false.")
    compression_codec: CompressionCodec | None = Field(
        None, description="Compression; not together with gzip_level. API default: none (null).",
    )
    gzip_level: int = Field(0, ge=0, le=9, description="Gzip level 0-9 (0: off); not together with"
                                                       " compression_codec. API default: 0.")

    @field_validator("url")
    @classmethod
    def _https(cls, value: str) -> str:
        return validators.https_url(value)


KIND = logging_kind("https", LoggingHttps,
                    sensitive=frozenset({"header_value", "tls_client_key"}),
                    exclusive=(ONE_COMPRESSION,))
