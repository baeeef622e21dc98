"""OpenStack Swift logging."""

from __future__ import annotations

from pydantic import Field

from .base import FILE_UNSET, FILE_WIRE, ONE_COMPRESSION, SECRET, FileEndpoint, logging_kind


class LoggingOpenstack(FileEndpoint):
    url: str = Field(description="OpenStack authentication URL.")
    user: str = Field(description="OpenStack user name.")
    access_key: str = Field(description="OpenStack access key." + SECRET)
    bucket_name: str = Field(description="Container to write to.")


KIND = logging_kind("openstack", LoggingOpenstack, sensitive=frozenset({"access_key"}),
                    wire=FILE_WIRE,
                    unset_wire=FILE_UNSET, exclusive=(ONE_COMPRESSION,))
