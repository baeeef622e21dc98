"""Gzip rules (content types and extensions compressed at the edge)."""

from __future__ import annotations

from pydantic import Field

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
                                      "content types to compress. API default: a list of "
                                      "common text types (as shown).")
    extensions: str | None = Field(DEFAULT_EXTENSIONS, description="Space-separated file "
                                   "extensions to compress. API default: as shown.")
    cache_condition: str | None = Field(None, description="Name of a CACHE condition. "
                                        "API default: none (\"\").")


KIND = Kind(name="gzip", model=Gzip, spec_key="gzips", api_path="gzip", api_label="Gzip",
            version_wire="str", references=(Reference("cache_condition", "condition", "CACHE"),),
            order=40, unset_wire={"cache_condition": "blank"})
