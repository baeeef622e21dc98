"""Synthetic responses served under a request or cache condition."""

from __future__ import annotations

from pydantic import Field

from .base import Kind, NamedModel, Reference


class ResponseObject(NamedModel):
    status: int = Field(200, ge=100, le=999)
    response: str = "Ok"
    content: str = ""
    content_type: str | None = None
    request_condition: str | None = None
    cache_condition: str | None = None


KIND = Kind(
    name="response_object", model=ResponseObject, spec_key="response_objects",
    api_path="response_object", api_label="ResponseObject",
    wire={"status": "str"}, version_wire="str",
    references=(Reference("request_condition", "condition", "REQUEST"),
                Reference("cache_condition", "condition", "CACHE")),
    order=40,
)
