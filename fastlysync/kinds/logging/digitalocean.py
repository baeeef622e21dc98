"""DigitalOcean Spaces logging."""

from __future__ import annotations

from pydantic import Field

from .base import FILE_UNSET, FILE_WIRE, ONE_COMPRESSION, SECRET, FileEndpoint, logging_kind


class LoggingDigitalocean(FileEndpoint):
    bucket_name: str = Field(description="Space to write to.")
    access_key: str = Field(description="Spaces access key." + SECRET)
    secret_key: str = Field(description="Spaces secret key." + SECRET)
    domain: str = Field("nyc3.digitaloceanspaces.com", description="Spaces endpoint. API "
                        "default: nyc3.digitaloceanspaces.com.")


KIND = logging_kind("digitalocean", LoggingDigitalocean,
                    sensitive=frozenset({"access_key", "secret_key"}), wire=FILE_WIRE,
                    unset_wire=FILE_UNSET, exclusive=(ONE_COMPRESSION,),
                    extras={"redundancy": None})
