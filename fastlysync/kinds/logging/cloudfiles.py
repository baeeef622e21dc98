"""Rackspace Cloud Files logging."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from .base import FILE_UNSET, FILE_WIRE, ONE_COMPRESSION, SECRET, UNSET, FileEndpoint, logging_kind


class LoggingCloudfiles(FileEndpoint):
    user: str = Field(description="Cloud Files user name.")
    access_key: str = Field(description="Cloud Files API key." + SECRET)
    bucket_name: str = Field(description="Container to write to.")
    region: Literal["DFW", "ORD", "IAD", "LON", "SYD", "HKG"] | None = Field(
        None, description="Cloud Files region. " + UNSET)


KIND = logging_kind("cloudfiles", LoggingCloudfiles, sensitive=frozenset({"access_key"}),
                    wire=FILE_WIRE,
                    unset_wire=FILE_UNSET, exclusive=(ONE_COMPRESSION,))
