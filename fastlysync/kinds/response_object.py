"""Synthetic responses served under a request or cache condition."""

from __future__ import annotations

from pydantic import Field

from .base import Kind, NamedModel, Reference


class ResponseObject(NamedModel):
    status: int = Field(200, ge=100, le=999, description="HTTP status. API default: 200.")
    response: str = Field("Ok", description="Status text. API default: Ok.")
    content: str = Field("", description="Body. API default: empty.")
    content_type: str | None = Field(None, description="Content-Type of the body. "
                                     "API default: none (null).")
    request_condition: str | None = Field(None, description="Name of a REQUEST condition. "
                                          "API default: none (\"\").")
    cache_condition: str | None = Field(None, description="Name of a CACHE condition. "
                                        "API default: none (\"\").")


KIND = Kind(
    name="response_object", model=ResponseObject, spec_key="response_objects",
    api_path="response_object", api_label="ResponseObject",
    wire={"status": "str"}, version_wire="str",
    references=(Reference("request_condition", "condition", "REQUEST"),
                Reference("cache_condition", "condition", "CACHE")),
    order=40, unset_wire={"request_condition": "blank", "cache_condition": "blank"},
)
