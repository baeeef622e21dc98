"""What every Fastly logging endpoint shares, and the helper that declares a logging kind."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field

from ..base import Exclusive, Kind, NamedModel, Reference, UnsetSpelling, WireType

DEFAULT_FORMAT = '%h %l %u %t "%r" %>s %b'

MessageType = Literal["classic", "loggly", "logplex", "blank"]
CompressionCodec = Literal["zstd", "snappy", "gzip"]
UNSET = "API default: none (null)."
ONE_COMPRESSION = Exclusive("compression_codec", ("gzip_level",),
                            "'compression_codec' and 'gzip_level' cannot be set simultaneously",
                            clears=True)
"""Real API: both on create is a 400; an update setting one clears the other (recorded for
s3, gcs and https). Fastly documents the 400 for every endpoint taking both fields (the
file-upload ones and https), so each of those kinds declares this rule."""
SECRET = " Sensitive: write it as ${env:NAME}."
FILE_WIRE: dict[str, WireType] = {"period": "str", "gzip_level": "str"}
"""How file-upload endpoints spell their numbers (as the recorded S3 and GCS answers do)."""
FILE_UNSET: dict[str, UnsetSpelling] = {"compression_codec": "omit", "path": "blank",
                                        "public_key": "blank"}
"""How file-upload endpoints spell unset fields so the official SDK's types accept them."""


class LoggingEndpoint(NamedModel):
    format: str = Field(DEFAULT_FORMAT, description="Log line format (Apache-style or VCL). "
                        "API default: '%h %l %u %t \"%r\" %>s %b'.")
    format_version: Literal[1, 2] = Field(2, description="Format syntax version. "
                                          "API default: 2.")
    placement: Literal["none", "none_vcl", "waf_debug"] | None = Field(
        None, description="Where Fastly puts the logging call; none means only custom VCL "
                          "logs. " + UNSET)
    response_condition: str | None = Field(None, description="Name of a RESPONSE condition "
                                           "that gates logging. API default: none (\"\").")
    log_processing_region: Literal["none", "eu", "us"] = Field(
        "none", description="Region logs are processed in. API default: none.")


class TlsEndpoint(LoggingEndpoint):
    """An endpoint reached over TLS, with its own CA and an optional client certificate."""

    tls_hostname: str | None = Field(None, description="Host name the endpoint's certificate must "
                                                       "match. API default: none (null).")
    tls_ca_cert: str | None = Field(None, description="CA certificate (PEM) that signs the "
                                                      "endpoint's certificate. API default: none "
                                                      "(null).")
    tls_client_cert: str | None = Field(None, description="Client certificate (PEM). API default: "
                                                          "none (null).")
    tls_client_key: str | None = Field(None, description="Client private key (PEM). Sensitive: "
                                                         "write it as ${env:NAME}. API default: "
                                                         "none (null).")


class FileEndpoint(LoggingEndpoint):
    """An object store that receives batched log files."""

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


def logging_kind(
    provider: str,
    model: type[LoggingEndpoint],
    *,
    label: str | None = None,
    sensitive: frozenset[str] = frozenset(),
    wire: dict[str, WireType] | None = None,
    echoes: dict[str, str] | None = None,
    unset_wire: dict[str, UnsetSpelling] | None = None,
    real_wire: dict[str, WireType] | None = None,
    extras: dict[str, Any] | None = None,
    real_extras: dict[str, Any] | None = None,
    create_wire: dict[str, WireType] | None = None,
    exclusive: tuple[Exclusive, ...] = (),
    api_name: str | None = None,
) -> Kind:
    """Declare the logging kind `logging_<provider>` served at `logging/<api_name>`
    (`api_name` defaults to `provider`; Terraform's names differ for two: blobstorage is the
    API's azureblob and googlepubsub its pubsub)."""
    return Kind(
        name=f"logging_{provider}",
        model=model,
        spec_key=f"logging_{provider}",
        api_path=f"logging/{api_name or provider}",
        api_label=label or provider,
        in_details=False,
        wire={"format_version": "str", **(wire or {})},
        version_wire="str",
        sensitive=sensitive,
        references=(Reference("response_condition", "condition", "RESPONSE"),),
        order=80,
        logging=True,
        echoes=echoes or {},
        unset_wire={"response_condition": "blank", **(unset_wire or {})},
        real_wire=real_wire or {},
        extras=extras or {},
        real_extras=real_extras or {},
        create_wire=create_wire or {},
        exclusive=exclusive,
    )
