"""VCL snippets: regular ones are versioned; dynamic ones keep content outside the version."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator

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
    manage_content: bool = Field(True, description="false (dynamic snippets only): another "
                                 "system writes the content; fastlysync manages the snippet only "
                                 "and never reads, changes or reports its content. Default: true.")

    @model_validator(mode="after")
    def _dynamic_only(self) -> Snippet:
        if not self.manage_content and not self.dynamic:
            raise ValueError("manage_content: false needs dynamic: true (a regular snippet's "
                             "content is part of the version)")
        if not self.manage_content and (self.content or self.file):
            raise ValueError("manage_content: false: leave out content and file (another "
                             "system writes them)")
        return self


KIND = Kind(
    name="snippet", model=Snippet, spec_key="snippets", api_path="snippet", api_label="Snippet",
    wire={"priority": "str", "dynamic": "str01"}, version_wire="str", has_id=True,
    spec_only=frozenset({"file", "manage_content"}), order=60,
    storage=(Detached("content", "dynamic_content", when="dynamic", managed_by="manage_content"),),
)
