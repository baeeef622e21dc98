"""VCL snippets: regular ones are versioned; dynamic ones keep content outside the version."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from .base import Detached, Kind, NamedModel

SnippetType = Literal["init", "recv", "hash", "hit", "miss", "pass", "fetch", "error",
                      "deliver", "log", "none"]


class Snippet(NamedModel):
    type: SnippetType = Field(description="Where Fastly places it: a subroutine's #FASTLY "
                              "macro, init (top level) or none (include \"snippet::<name>\").")
    content: str | None = Field(None, description="The VCL (or give file:).")
    file: str | None = Field(None, description="Path under vcl/ holding the content.")
    priority: int = Field(100, ge=0, description="Lower runs first. API default: 100.")
    dynamic: bool = Field(False, description="Content managed outside versions. "
                          "API default: false (regular).")


KIND = Kind(
    name="snippet", model=Snippet, spec_key="snippets", api_path="snippet", api_label="Snippet",
    wire={"priority": "str", "dynamic": "str01"}, version_wire="str", has_id=True,
    spec_only=frozenset({"file"}), order=60,
    storage=(Detached("content", "dynamic_content", when="dynamic"),),
)
