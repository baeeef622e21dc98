"""Papertrail logging."""

from __future__ import annotations

from pydantic import Field, field_validator

from .. import validators
from .base import LoggingEndpoint, logging_kind


class LoggingPapertrail(LoggingEndpoint):
    address: str = Field(description="Papertrail host name.")
    port: int = Field(514, ge=1, le=65535, description="Papertrail port. API default: 514.")

    @field_validator("address")
    @classmethod
    def _address(cls, value: str) -> str:
        return validators.address(value)


KIND = logging_kind("papertrail", LoggingPapertrail, real_wire={"port": "str"},
                    extras={"public_key": None})
