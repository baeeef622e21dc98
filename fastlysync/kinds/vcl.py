"""Custom VCL files; exactly one is `main` when any exist."""

from __future__ import annotations

from pydantic import Field

from .base import Kind, NamedModel


class Vcl(NamedModel):
    content: str | None = Field(None, description="The VCL (or give file:).")
    file: str | None = Field(None, description="Path under vcl/ holding the content.")
    main: bool = Field(False, description="The entry point; exactly one custom VCL is main. "
                       "API default: false.")


KIND = Kind(name="vcl", model=Vcl, spec_key="vcls", api_path="vcl", api_label="VCL",
            spec_only=frozenset({"file"}), order=70,
            unset_wire={"content": "blank"})
