"""Predefined variables: known names, scopes, writability and types."""

from __future__ import annotations

from .. import ast as A
from ..catalogue import scope_names
from .analysis import scope_label
from .base import Rule
from .types import article, assignable, is_literal, normal

TYPE_CHECKING = False  # typing itself costs a cold lint its import
if TYPE_CHECKING:
    from ..diagnostic import Diagnostic
    from .analysis import Analysis, Container


def _where(context: Analysis, cont: Container, bad: int) -> str:
    text = ", ".join("vcl_" + s for s in scope_names(bad))
    return text + (context.callers_text(cont) if cont.kind == "sub" or cont.guessed else "")


class UnknownVariable(Rule):
    """A variable name Fastly does not define."""

    code = "VCL401"
    name = "unknown-variable"
    severity = "error"
    aliases = ("undefined-variable",)
    doc = (
        "The name is not one of Fastly's predefined variables (catalogue generated from falco's "
        "data). Headers are any `req.http.*`, `bereq.http.*`, `beresp.http.*`, `obj.http.*` and "
        "`resp.http.*`; local variables are `var.*` (see VCL421)."
    )
    bad = 'sub vcl_recv {\n  #FASTLY recv\n  set req.http.X-Path = req.urlpath;\n}\n'
    good = 'sub vcl_recv {\n  #FASTLY recv\n  set req.http.X-Path = req.url.path;\n}\n'

    def check(self, context: Analysis) -> list[Diagnostic]:
        out = []
        cat = context.catalogue
        for occ in context.reads:
            if occ.role not in ("value", "acl", "backend"):
                continue
            base = occ.node.name.split(":", 1)[0]
            if "." in base and cat.variable(base) is None:
                out.append(self.diag(occ.node, occ.file, f"unknown variable {base}"))
        for occ in context.writes:
            base = occ.node.name.split(":", 1)[0]
            if cat.variable(base) is None:
                out.append(self.diag(occ.node, occ.file, f"unknown variable {base}"))
        return out


class VariableScope(Rule):
    """A variable read or written in a subroutine where it does not exist."""

    code = "VCL402"
    name = "variable-scope"
    severity = "error"
    doc = (
        "Most variables exist only in some stages: `beresp.*` in vcl_fetch, `resp.*` in "
        "vcl_deliver and vcl_log, `obj.*` in vcl_hit and vcl_error, `bereq.*` in vcl_miss, "
        "vcl_pass and vcl_fetch. Some are readable everywhere but writable in fewer places. "
        "Custom subs are checked in the scopes of the subs that call them. A snippet file's "
        "scope comes from a `# @scope: fetch` comment or a name that is just the type "
        "(`fetch.vcl`); a name merely ending in the type (`cache_fetch.vcl`) is only a guess, "
        "so findings there are warnings."
    )
    bad = 'sub vcl_recv {\n  #FASTLY recv\n  set beresp.ttl = 60s;\n}\n'
    good = 'sub vcl_fetch {\n  #FASTLY fetch\n  set beresp.ttl = 60s;\n}\n'

    def check(self, context: Analysis) -> list[Diagnostic]:
        out = []
        cat = context.catalogue
        for occ in context.reads:
            cont = occ.container
            if cont is None or not cont.scope or occ.role not in ("value", "acl", "backend"):
                continue
            var = cat.variable(occ.node.name)
            if var is None or not var.read:
                continue
            bad = cont.scope & ~var.read
            if bad:
                out.append(self.diag(
                    occ.node, occ.file,
                    f"{var.name} cannot be read in {_where(context, cont, bad)}; it is readable "
                    f"in {scope_label(var.read)}",
                    self.scoped_severity(cont),
                ))
        for occ in context.writes:
            cont = occ.container
            if cont is None or not cont.scope:
                continue
            var = cat.variable(occ.node.name)
            if var is None:
                continue
            allowed = var.write | (var.unset if occ.role == "unset" else 0)
            if not allowed:
                continue
            bad = cont.scope & ~allowed
            if bad:
                verb = "unset" if occ.role == "unset" else "set"
                out.append(self.diag(
                    occ.node, occ.file,
                    f"{var.name} cannot be {verb} in {_where(context, cont, bad)}; it is "
                    f"writable in {scope_label(allowed)}",
                    self.scoped_severity(cont),
                ))
        return out


class ReadOnlyVariable(Rule):
    """A read-only variable is set, unset or added to (or a write-only one is read)."""

    code = "VCL403"
    name = "read-only-variable"
    severity = "error"
    doc = (
        "Variables such as `client.ip`, `req.restarts` or `beresp.backend.name` are read-only; "
        "`add` works on headers only. A few (`beresp.saintmode`) can be set but not read."
    )
    bad = 'sub vcl_recv {\n  #FASTLY recv\n  set req.restarts = 0;\n}\n'
    good = 'sub vcl_recv {\n  #FASTLY recv\n  set req.http.X-Restarts = req.restarts;\n}\n'

    def check(self, context: Analysis) -> list[Diagnostic]:
        out = []
        cat = context.catalogue
        for occ in context.writes:
            var = cat.variable(occ.node.name)
            if var is None:
                continue
            if occ.role == "add":
                if ".http." not in var.name:
                    out.append(self.diag(occ.node, occ.file,
                                         f"`add` works on headers only, not on {var.name}"))
                continue
            if occ.role == "unset":
                if not var.unset and not var.write:
                    out.append(self.diag(occ.node, occ.file, f"{var.name} cannot be unset"))
                continue
            if not var.write:
                out.append(self.diag(occ.node, occ.file, f"{var.name} is read-only"))
        for occ in context.reads:
            if occ.role != "value":
                continue
            var = cat.variable(occ.node.name)
            if var is not None and not var.read and var.write:
                out.append(self.diag(occ.node, occ.file, f"{var.name} can be set but not read"))
        return out


class TypeMismatch(Rule):
    """A value of the wrong type in `set`, a comparison or a regex match."""

    code = "VCL404"
    name = "type-mismatch"
    severity = "error"
    aliases = ("operator/assignment", "operator/conditional")
    doc = (
        "VCL is typed. STRING targets accept other scalar variables (converted) but not number "
        "literals; INTEGER, FLOAT, RTIME and TIME convert between each other from variables but "
        "not from literals (`set beresp.ttl = 60;` needs `60s`). `==` and `!=` cannot compare a "
        "STRING with a number or BOOL, `<`/`>` need numbers or times, `~` needs a STRING or IP on "
        "the left and a regex literal or ACL on the right."
    )
    bad = (
        'sub vcl_fetch {\n  #FASTLY fetch\n  set beresp.ttl = 60;\n'
        '  if (beresp.status == "200") {\n    return(deliver);\n  }\n}\n'
    )
    good = (
        'sub vcl_fetch {\n  #FASTLY fetch\n  set beresp.ttl = 60s;\n'
        '  if (beresp.status == 200) {\n    return(deliver);\n  }\n}\n'
    )

    def check(self, context: Analysis) -> list[Diagnostic]:
        out = []
        cat = context.catalogue
        for occ in context.occ.get(A.Set, ()):
            node: A.Set = occ.node
            if node.op != "=":
                continue
            cont = occ.container
            name = node.target.name
            if name.startswith("var."):
                target = cont.local_type(name) if cont is not None else None
            else:
                var = cat.variable(name)
                target = var.type if var is not None else None
            if target is None:
                continue
            value = context.type_of(node.value, cont)
            if value is None or value == target:  # the same type is always assignable
                continue
            if not assignable(target, value, is_literal(node.value)):
                what = " literal" if is_literal(node.value) else " value"
                out.append(self.diag(
                    node.value, occ.file,
                    f"cannot assign {article(value)} {value}{what} to {name} ({target})",
                ))
        for occ in context.occ.get(A.Binary, ()):
            node: A.Binary = occ.node  # type: ignore[no-redef]
            message = self._binary(context, node, occ.container)
            if message:
                out.append(self.diag(node, occ.file, message))
        return out

    @staticmethod
    def _binary(context: Analysis, node: A.Binary, cont: Container | None) -> str | None:
        op = node.op
        if op in ("&&", "||", "-"):
            return None
        left = context.type_of(node.left, cont)
        if op in ("~", "!~"):
            if left in ("INTEGER", "FLOAT", "RTIME", "TIME", "BOOL"):
                return f"`{op}` needs a STRING or IP on the left, not {left}"
            if isinstance(node.right, A.StringLit):  # a regex literal: no type to check
                return None
            right = context.type_of(node.right, cont)
            if right is None:
                return None
            if right in ("ACL", "REGEX"):
                return None
            return (f"the right side of `{op}` must be a regex literal or an ACL, not "
                    f"{article(right)} {right}")
        if left is None:
            return None
        right = context.type_of(node.right, cont)
        if right is None:
            return None
        left, right = normal(left), normal(right)
        if op in ("==", "!="):
            pair = {left, right}
            if "STRING" in pair and pair & {"INTEGER", "FLOAT", "RTIME", "BOOL", "TIME"}:
                return f"cannot compare {left} with {right} using `{op}`"
            if "BOOL" in pair and pair & {"INTEGER", "FLOAT", "RTIME", "TIME"}:
                return f"cannot compare {left} with {right} using `{op}`"
            return None
        if op in ("<", ">", "<=", ">="):
            for side in (left, right):
                if side in ("STRING", "BOOL", "ACL", "BACKEND", "TABLE"):
                    return f"`{op}` compares numbers or times, not {side}"
        return None


class DeprecatedVariable(Rule):
    """A deprecated variable."""

    code = "VCL405"
    name = "deprecated-variable"
    severity = "warning"
    aliases = ("deprecated",)
    doc = "Fastly has deprecated the variable (e.g. the `client.class.*` and `client.display.*` "\
        "device-detection fields); it may stop returning useful values."
    bad = 'sub vcl_recv {\n  #FASTLY recv\n  if (client.class.checker) {\n    error 403;\n  }\n}\n'
    good = (
        'sub vcl_recv {\n  #FASTLY recv\n  if (client.platform.mobile) {\n'
        '    set req.http.X-Mobile = "1";\n  }\n}\n'
    )

    def check(self, context: Analysis) -> list[Diagnostic]:
        out = []
        cat = context.catalogue
        for occ in context.reads:
            if occ.role != "value":
                continue
            var = cat.variable(occ.node.name)
            if var is not None and var.deprecated:
                out.append(self.diag(occ.node, occ.file, f"{var.name} is deprecated"))
        return out


__all__ = ["DeprecatedVariable", "ReadOnlyVariable", "TypeMismatch", "UnknownVariable",
           "VariableScope"]
