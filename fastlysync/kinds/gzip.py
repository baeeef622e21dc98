"""Gzip rules (content types and extensions compressed at the edge)."""

from __future__ import annotations

from typing import Any

from pydantic import Field, field_validator

from .base import Kind, NamedModel, Reference

DEFAULT_CONTENT_TYPES = (
    "text/html application/x-javascript text/css application/javascript text/javascript "
    "application/json application/vnd.ms-fontobject application/x-font-opentype "
    "application/x-font-truetype application/x-font-ttf application/xml font/eot "
    "font/opentype font/otf image/svg+xml image/vnd.microsoft.icon text/plain text/xml"
)
"""What the API stores when a gzip is created without content_types (recorded)."""
DEFAULT_EXTENSIONS = "css js html eot ico otf ttf json"
"""What the API stores when a gzip is created without extensions (recorded)."""


class Gzip(NamedModel):
    content_types: str | None = Field(DEFAULT_CONTENT_TYPES, description="Space-separated "
                                      "content types to compress (or a list); [] or null for "
                                      "none. API default: common text types (as shown).")
    extensions: str | None = Field(DEFAULT_EXTENSIONS, description="Space-separated file "
                                   "extensions to compress (or a list); [] or null for none. "
                                   "API default: as shown.")
    cache_condition: str | None = Field(None, description="Name of a CACHE condition. "
                                        "API default: none (\"\").")

    @field_validator("content_types", "extensions", mode="before")
    @classmethod
    def _words(cls, value: Any) -> Any:
        """A list (Terraform's spelling) is the space-separated string; an empty one, like
        `""` and null, means "none" (the API answers null), not the API's default list."""
        if isinstance(value, list | tuple):
            value = " ".join(str(v) for v in value)
        if isinstance(value, str) and not value.strip():
            return None
        return value


KIND = Kind(name="gzip", model=Gzip, spec_key="gzips", api_path="gzip", api_label="Gzip",
            version_wire="str", references=(Reference("cache_condition", "condition", "CACHE"),),
            order=40, unset_wire={"cache_condition": "blank"})
