"""Request settings: per-request behaviour (force TLS, pass, hash keys, X-Forwarded-For)."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from .base import Kind, NamedModel, Reference

_OFF = "API default: false."


class RequestSettings(NamedModel):
    action: Literal["lookup", "pass"] | None = Field(
        None, description="Force a lookup or a pass. API default: none (null).")
    default_host: str | None = Field(None, description="Host header when the client sends "
                                     "none. API default: none (null).")
    hash_keys: str | None = Field(None, description="Comma-separated VCL expressions hashed "
                                  "instead of URL and host. API default: none (null).")
    xff: Literal["clear", "leave", "append", "append_all", "overwrite"] | None = Field(
        None, description="X-Forwarded-For handling. API default: none (null).")
    force_miss: bool = Field(False, description="Fetch even when cached. " + _OFF)
    force_ssl: bool = Field(False, description="Redirect HTTP to HTTPS. " + _OFF)
    bypass_busy_wait: bool = Field(False, description="Skip request collapsing. " + _OFF)
    geo_headers: bool = Field(False, description="Add geo headers (legacy). " + _OFF)
    max_stale_age: int | None = Field(None, ge=0, description="Seconds stale content may be "
                                      "served. API default: unset.")
    timer_support: bool = Field(False, description="Add timing headers (legacy). " + _OFF)
    request_condition: str | None = Field(None, description="Name of a REQUEST condition. "
                                          "API default: none (\"\").")


KIND = Kind(
    name="request_settings", model=RequestSettings, spec_key="request_settings",
    api_path="request_settings", api_label="RequestSettings",
    wire={"force_miss": "str01", "force_ssl": "str01", "bypass_busy_wait": "str01",
          "geo_headers": "str01", "max_stale_age": "str", "timer_support": "str01"},
    version_wire="str",
    references=(Reference("request_condition", "condition", "REQUEST"),), order=40,
    unset_wire={"request_condition": "blank", "action": "real_blank"},
    default_name="request_settings",
)
