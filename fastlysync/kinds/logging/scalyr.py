"""Scalyr (DataSet) logging."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from .base import SECRET, LoggingEndpoint, logging_kind


class LoggingScalyr(LoggingEndpoint):
    token: str = Field(description="Scalyr Write Logs API key." + SECRET)
    region: Literal["US", "EU"] = Field("US", description="Scalyr region. API default: US.")
    project_id: str = Field("logplex", description="Scalyr project (serverHost). API default: "
                                                   "logplex.")


KIND = logging_kind("scalyr", LoggingScalyr, sensitive=frozenset({"token"}))
