"""Health checks that backends refer to. Defaults are the API's."""

from __future__ import annotations

from pydantic import Field, field_validator

from .base import Kind, NamedModel


class Healthcheck(NamedModel):
    host: str = Field(description="Host header of the check request.")
    path: str = Field("/", description="Path requested. API default: /.")
    comment: str | None = Field(None, description="Free text. API default: none (\"\").")
    method: str = Field("HEAD", description="HTTP method. API default: HEAD.")
    http_version: str = Field("1.1", description="HTTP version. API default: 1.1.")
    expected_response: int = Field(200, description="Status that means healthy. "
                                   "API default: 200.")
    check_interval: int = Field(5000, ge=0, description="Milliseconds between checks. "
                                "API default: 5000.")
    timeout: int = Field(500, ge=0, description="Milliseconds to wait for a response. "
                         "API default: 500.")
    window: int = Field(2, ge=0, description="Most recent checks considered. API default: 2.")
    threshold: int = Field(1, ge=0, description="Healthy checks needed within the window. "
                           "API default: 1.")
    initial: int = Field(1, ge=0, description="Checks assumed healthy at start. "
                         "API default: 1.")
    headers: list[str] = Field(default_factory=list, description="Extra request headers, "
                               "\"Name: value\" each. API default: none.")

    @field_validator("headers")
    @classmethod
    def _headers(cls, value: list[str]) -> list[str]:
        """The API stores `Name: value` (one space after the first colon), sorted; so must a
        spec, or `X-A:1` would plan a change on every run."""
        return sorted(_header(line) for line in value)


def _header(line: str) -> str:
    name, colon, rest = line.partition(":")
    return f"{name.strip()}: {rest.strip()}" if colon else line.strip()


KIND = Kind(name="healthcheck", model=Healthcheck, spec_key="healthchecks",
            api_path="healthcheck", api_label="Healthcheck", order=20,
            unset_wire={"comment": "blank"})
