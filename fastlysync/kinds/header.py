"""Header rewrites (set/append/delete/regex) in request, cache or response context."""

from __future__ import annotations

from typing import Literal

from .base import Kind, NamedModel, Reference


class Header(NamedModel):
    action: Literal["set", "append", "delete", "regex", "regex_repeat"]
    type: Literal["request", "cache", "response"]
    dst: str
    src: str | None = None
    regex: str | None = None
    substitution: str | None = None
    ignore_if_set: bool = False
    priority: int = 100
    request_condition: str | None = None
    cache_condition: str | None = None
    response_condition: str | None = None


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
