"""Subroutine names."""

from __future__ import annotations

from ..scopes import BUILTIN_SUBS
from .base import Rule

TYPE_CHECKING = False  # typing itself costs a cold lint its import
if TYPE_CHECKING:
    from ..diagnostic import Diagnostic
    from .analysis import Analysis


class ReservedSubName(Rule):
    """A custom subroutine named `vcl_*` that is not one of Fastly's."""

    code = "VCL603"
    name = "reserved-sub-name"
    severity = "error"
    aliases = ("subroutine/syntax",)
    doc = (
        "The `vcl_` prefix is reserved for Fastly's lifecycle subroutines (vcl_recv, vcl_hash, "
        "vcl_hit, vcl_miss, vcl_pass, vcl_fetch, vcl_error, vcl_deliver, vcl_log, and vcl_pipe "
        "in generated VCL). A misspelt one (`vcl_reciev`) is never run."
    )
    bad = "sub vcl_reciev {\n  set req.http.X = \"1\";\n}\n"
    good = "sub vcl_recv {\n  #FASTLY recv\n  set req.http.X = \"1\";\n}\n"

    def check(self, context: Analysis) -> list[Diagnostic]:
        out = []
        for d in context.decls.get("sub", ()):
            if d.name.startswith("vcl_") and d.name not in BUILTIN_SUBS:
                out.append(self.diag(
                    d.node.name, d.file,  # type: ignore[attr-defined]
                    f"{d.name} is not a Fastly subroutine; the vcl_ prefix is reserved",
                ))
        return out
