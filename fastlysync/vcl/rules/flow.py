"""Return actions and the error/restart/synthetic statements each subroutine allows."""

from __future__ import annotations

from .. import ast as A
from ..catalogue import SCOPE_BIT, scope_names
from ..scopes import ERROR_SCOPES, RESTART_SCOPES, RETURN_ACTIONS, SYNTHETIC_SCOPES
from .base import Rule

TYPE_CHECKING = False  # typing itself costs a cold lint its import
if TYPE_CHECKING:
    from typing import ClassVar

    from ..diagnostic import Diagnostic
    from .analysis import Analysis, Container


def _where(context: Analysis, cont: Container, bad_mask: int) -> str:
    subs = ", ".join("vcl_" + s for s in scope_names(bad_mask))
    if cont.kind == "sub" and not cont.fixed:
        return f"{subs}{context.callers_text(cont)}"
    return subs


class ReturnAction(Rule):
    """`return(action)` with an action the subroutine does not allow."""

    code = "VCL301"
    name = "invalid-return-action"
    severity = "error"
    aliases = ("return-statement/invalid-action",)
    doc = (
        "Each lifecycle subroutine allows only some return actions (Fastly's request lifecycle): "
        "vcl_recv lookup, pass, error, restart, upgrade (and challenge, which Fastly's VCL "
        "metadata lists); vcl_hash hash; vcl_hit deliver, pass, "
        "error, restart; vcl_miss fetch, deliver_stale, pass, error; vcl_pass pass, error; "
        "vcl_fetch deliver, deliver_stale, pass, error, restart; vcl_error deliver, "
        "deliver_stale, restart; vcl_deliver deliver, restart; vcl_log deliver. A custom sub "
        "runs in the scopes of the subs that call it (or those named by a `# @scope: recv` "
        "comment above it), and its `return(action)` must suit all of them. When nothing calls "
        "a custom sub its scope is only guessed from its name (`handle_error`), and findings "
        "in it are warnings."
    )
    bad = "sub vcl_deliver {\n  #FASTLY deliver\n  return(lookup);\n}\n"
    good = "sub vcl_deliver {\n  #FASTLY deliver\n  return(deliver);\n}\n"

    def check(self, context: Analysis) -> list[Diagnostic]:
        out = []
        for occ in context.occ.get(A.Return, ()):
            node: A.Return = occ.node
            cont = occ.container
            if node.action is None or cont is None or not cont.scope:
                continue
            if cont.return_type is not None:
                continue  # a typed sub returns a value: `return (x);` is not an action
            action = node.action.lower()
            bad = 0
            for scope, bit in SCOPE_BIT.items():
                if cont.scope & bit and action not in RETURN_ACTIONS[scope]:
                    bad |= bit
            if bad:
                out.append(self.diag(
                    node, occ.file,
                    f"return({node.action}) is not allowed in {_where(context, cont, bad)}",
                    self.scoped_severity(cont),
                ))
        return out


class _StatementScope(Rule):
    statement: ClassVar[type]
    keyword: ClassVar[str]
    allowed: ClassVar[int]

    def check(self, context: Analysis) -> list[Diagnostic]:
        out = []
        for occ in context.occ.get(self.statement, ()):
            cont = occ.container
            if cont is None or not cont.scope:
                continue
            bad = cont.scope & ~self.allowed
            if bad:
                keyword = self.keyword
                if isinstance(occ.node, A.Synthetic) and occ.node.base64:
                    keyword = "synthetic.base64"
                out.append(self.diag(
                    occ.node, occ.file,
                    f"`{keyword}` is not allowed in {_where(context, cont, bad)}; allowed in "
                    + ", ".join("vcl_" + s for s in scope_names(self.allowed)),
                    self.scoped_severity(cont),
                ))
        return out


class ErrorScope(_StatementScope):
    """`error` in a subroutine that cannot raise errors."""

    code = "VCL302"
    name = "error-not-allowed"
    severity = "error"
    aliases = ("error-statement/scope",)
    statement = A.Error
    keyword = "error"
    allowed = ERROR_SCOPES
    doc = (
        "`error` is available in vcl_recv, vcl_hit, vcl_miss, vcl_pass and vcl_fetch only "
        "(also when it sits in a custom sub called from another sub). In vcl_deliver set "
        "`resp.status` or `restart`; in vcl_error change `obj.*` directly."
    )
    bad = "sub vcl_deliver {\n  #FASTLY deliver\n  error 404;\n}\n"
    good = "sub vcl_recv {\n  #FASTLY recv\n  error 404;\n}\n"


class RestartScope(_StatementScope):
    """`restart` in a subroutine that cannot restart."""

    code = "VCL303"
    name = "restart-not-allowed"
    severity = "error"
    aliases = ("restart-statement/scope",)
    statement = A.Restart
    keyword = "restart"
    allowed = RESTART_SCOPES
    doc = "`restart` is available in vcl_recv, vcl_hit, vcl_fetch, vcl_error and vcl_deliver only."
    bad = "sub vcl_miss {\n  #FASTLY miss\n  restart;\n}\n"
    good = "sub vcl_fetch {\n  #FASTLY fetch\n  if (beresp.status >= 500) {\n    restart;\n  }\n}\n"


class SyntheticScope(_StatementScope):
    """`synthetic` outside vcl_error."""

    code = "VCL304"
    name = "synthetic-not-allowed"
    severity = "error"
    aliases = ("synthetic-statement/scope", "synthetic-base64-statement/scope")
    statement = A.Synthetic
    keyword = "synthetic"
    allowed = SYNTHETIC_SCOPES
    doc = "`synthetic` and `synthetic.base64` build the response body in vcl_error only."
    bad = 'sub vcl_deliver {\n  #FASTLY deliver\n  synthetic "hello";\n}\n'
    good = 'sub vcl_error {\n  #FASTLY error\n  synthetic "hello";\n  return(deliver);\n}\n'
