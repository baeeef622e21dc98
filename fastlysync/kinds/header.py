"""Header rewrites (set/append/delete/regex) in request, cache or response context."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from .base import Kind, NamedModel, Reference

_UNSET = "API default: none (null)."


class Header(NamedModel):
    action: Literal["set", "append", "delete", "regex", "regex_repeat"] = Field(
        description="What to do with the header.")
    type: Literal["request", "fetch", "cache", "response"] = Field(
        description="Which object's headers: request (req), fetch (bereq), cache (beresp) or "
                    "response (resp).")
    dst: str = Field(description="Header to change, e.g. http.X-Served-By.")
    src: str | None = Field(None, description="VCL expression giving the value. " + _UNSET)
    regex: str | None = Field(None, description="Regex for regex actions. " + _UNSET)
    substitution: str | None = Field(None, description="Replacement for regex actions. "
                                     + _UNSET)
    ignore_if_set: bool = Field(False, description="Leave an existing header alone. "
                                "API default: false.")
    priority: int = Field(100, description="Lower runs first. API default: 100.")
    request_condition: str | None = Field(None, description="Name of a REQUEST condition. "
                                          + _UNSET)
    cache_condition: str | None = Field(None, description="Name of a CACHE condition. " + _UNSET)
    response_condition: str | None = Field(None, description="Name of a RESPONSE condition. "
                                           + _UNSET)


KIND = Kind(
    name="header", model=Header, spec_key="headers", api_path="header", api_label="Header",
    wire={"priority": "str", "ignore_if_set": "str01"}, version_wire="str",
    references=(
        Reference("request_condition", "condition", "REQUEST"),
        Reference("cache_condition", "condition", "CACHE"),
        Reference("response_condition", "condition", "RESPONSE"),
    ),
    order=40,
)
