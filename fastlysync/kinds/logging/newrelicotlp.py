"""New Relic OTLP logging."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from .base import SECRET, UNSET, LoggingEndpoint, logging_kind


class LoggingNewrelicotlp(LoggingEndpoint):
    token: str = Field(description="New Relic license key." + SECRET)
    region: Literal["US", "EU"] | None = Field(
        None, description="New Relic region. API default: unset (null on the wire), which New "
        "Relic serves from US. " + UNSET)
    url: str | None = Field(None, description="OTLP endpoint overriding the region's. " + UNSET)


KIND = logging_kind("newrelicotlp", LoggingNewrelicotlp, sensitive=frozenset({"token"}),
                    unset_wire={"region": "omit"})
