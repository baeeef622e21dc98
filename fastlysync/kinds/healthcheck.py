"""Health checks that backends refer to. Defaults are the API's."""

from __future__ import annotations

from pydantic import Field

from .base import Kind, NamedModel


class Healthcheck(NamedModel):
    host: str
    path: str = "/"
    comment: str | None = None
    method: str = "HEAD"
    http_version: str = "1.1"
    expected_response: int = 200
    check_interval: int = Field(5000, ge=0)
    timeout: int = Field(500, ge=0)
    window: int = Field(2, ge=0)
    threshold: int = Field(1, ge=0)
    initial: int = Field(1, ge=0)
    headers: list[str] = Field(default_factory=list)


KIND = Kind(name="healthcheck", model=Healthcheck, spec_key="healthchecks",
            api_path="healthcheck", api_label="Healthcheck", order=20)
