"""Sumo Logic logging."""

from __future__ import annotations

from pydantic import Field

from .base import LoggingEndpoint, MessageType, logging_kind


class LoggingSumologic(LoggingEndpoint):
    url: str = Field(description="Sumo Logic HTTP source URL (not masked, as in Terraform).")
    message_type: MessageType = Field("classic", description="How each line is framed. API "
                                                             "default: classic.")


KIND = logging_kind("sumologic", LoggingSumologic)
