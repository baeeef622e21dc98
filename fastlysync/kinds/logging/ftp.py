"""FTP logging (batched files)."""

from __future__ import annotations

from pydantic import Field

from .base import FILE_UNSET, FILE_WIRE, ONE_COMPRESSION, SECRET, FileEndpoint, logging_kind


class LoggingFtp(FileEndpoint):
    address: str = Field(description="FTP server host name or IP address.")
    port: int = Field(21, ge=1, le=65535, description="FTP port. API default: 21.")
    user: str = Field(description="User name (can be anonymous).")
    password: str = Field(description="Password (an email address for anonymous)." + SECRET)


KIND = logging_kind("ftp", LoggingFtp, sensitive=frozenset({"password"}),
                    wire={**FILE_WIRE, "port": "str"},
                    unset_wire=FILE_UNSET, exclusive=(ONE_COMPRESSION,),
                    echoes={"hostname": "address"}, real_extras={"ipv4": None})
