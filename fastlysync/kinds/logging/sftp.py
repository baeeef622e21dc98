"""SFTP logging (batched files)."""

from __future__ import annotations

from pydantic import Field

from .base import FILE_UNSET, ONE_COMPRESSION, SECRET, UNSET, FileEndpoint, logging_kind


class LoggingSftp(FileEndpoint):
    address: str = Field(description="SFTP server host name or IP address.")
    port: int = Field(22, ge=1, le=65535, description="SSH port. API default: 22.")
    user: str = Field(description="User name.")
    ssh_known_hosts: str = Field(description="known_hosts lines for the server.")
    password: str | None = Field(None, description="Password (or use secret_key)." + SECRET + " "
                                 + UNSET)
    secret_key: str | None = Field(None, description="SSH private key (or use password)." + SECRET
                                   + " " + UNSET)


KIND = logging_kind("sftp", LoggingSftp, sensitive=frozenset({"password", "secret_key"}),
                    wire={"period": "str", "port": "str"},
                    unset_wire={**FILE_UNSET, "password": "blank", "secret_key": "blank"},
                    exclusive=(ONE_COMPRESSION,))
