"""Request settings: per-request behaviour (force TLS, pass, hash keys, X-Forwarded-For)."""

from __future__ import annotations

from typing import Literal

from .base import Kind, NamedModel, Reference


class RequestSettings(NamedModel):
    action: Literal["lookup", "pass"] | None = None
    default_host: str | None = None
    hash_keys: str | None = None
    xff: Literal["clear", "leave", "append", "append_all", "overwrite"] | None = None
    force_miss: bool = False
    force_ssl: bool = False
    bypass_busy_wait: bool = False
    geo_headers: bool = False
    max_stale_age: int | None = None
    timer_support: bool = False
    request_condition: str | None = None


KIND = Kind(
    name="request_settings", model=RequestSettings, spec_key="request_settings",
    api_path="request_settings", api_label="RequestSettings",
    wire={"force_miss": "str01", "force_ssl": "str01", "bypass_busy_wait": "str01",
          "geo_headers": "str01", "max_stale_age": "str", "timer_support": "str01"},
    version_wire="str",
    references=(Reference("request_condition", "condition", "REQUEST"),), order=40,
)
