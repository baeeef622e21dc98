"""Builtin function calls: known names, argument count and types, scope."""

from __future__ import annotations

from .. import ast as A
from ..catalogue import scope_names
from .analysis import _overload_for, scope_label
from .base import Rule
from .types import argument_ok, article, is_literal

TYPE_CHECKING = False  # typing itself costs a cold lint its import
if TYPE_CHECKING:
    from ..diagnostic import Diagnostic
    from .analysis import Analysis


def _signature(name: str, params: tuple[str, ...]) -> str:
    return f"{name}({', '.join(params)})"


class UnknownFunction(Rule):
    """A call to a function that is neither a Fastly builtin nor a typed custom sub."""

    code = "VCL411"
    name = "unknown-function"
    severity = "error"
    aliases = ("undefined-function",)
    doc = (
        "The name is not one of Fastly's builtin functions (catalogue generated from falco's data) "
        "and no custom sub of that name is defined. Custom subs with a return type are called "
        "like functions; subs without one are run with `call`."
    )
    bad = 'sub vcl_recv {\n  #FASTLY recv\n  set req.http.X = std.lower(req.http.X);\n}\n'
    good = 'sub vcl_recv {\n  #FASTLY recv\n  set req.http.X = std.tolower(req.http.X);\n}\n'

    def check(self, context: Analysis) -> list[Diagnostic]:
        out = []
        cat = context.catalogue
        for occ in context.occ.get(A.FunctionCall, ()):
            name = occ.node.name
            if cat.function(name) is None and not context.sub_defined(name):
                out.append(self.diag(occ.node, occ.file, f"unknown function {name}"))
        return out


class FunctionArguments(Rule):
    """Wrong number or type of arguments to a function or typed sub."""

    code = "VCL412"
    name = "function-arguments"
    severity = "error"
    aliases = ("function/arguments", "function/argument-type")
    doc = (
        "Builtins take fixed argument lists (some have a few overloads). TABLE, ACL and ID "
        "parameters take a bare name (`table.lookup(redirects, req.url.path)`, "
        "`header.get(req, \"Host\")`); number parameters do not take string literals. A custom "
        "sub with a return type takes exactly its declared parameters, and a sub without a "
        "return type cannot be used as a value."
    )
    bad = (
        'sub vcl_recv {\n  #FASTLY recv\n  set req.http.X = substr(req.url);\n'
        '  set req.http.Y = std.itoa("10");\n}\n'
    )
    good = (
        'sub vcl_recv {\n  #FASTLY recv\n  set req.http.X = substr(req.url, 0, 10);\n'
        '  set req.http.Y = std.itoa(10);\n}\n'
    )

    def check(self, context: Analysis) -> list[Diagnostic]:
        out = []
        cat = context.catalogue
        for occ in context.occ.get(A.FunctionCall, ()):
            node: A.FunctionCall = occ.node
            fn = cat.function(node.name)
            if fn is None:
                subs = context.subs.get(node.name)
                if not subs:
                    continue
                sub = subs[0]
                if sub.return_type is None:
                    out.append(self.diag(
                        node, occ.file,
                        f"sub {node.name} has no return type; run it with `call {node.name};`"))
                elif len(node.args) != len(sub.params):
                    out.append(self.diag(
                        node, occ.file,
                        f"sub {node.name} takes {len(sub.params)} argument(s), got "
                        f"{len(node.args)}"))
                continue
            params = _overload_for(fn.overloads, len(node.args))
            if params is None:
                wanted = " or ".join(
                    _signature(fn.name, o) for o in fn.overloads
                )
                out.append(self.diag(
                    node, occ.file,
                    f"{fn.name} takes {' or '.join(str(len(o)) for o in fn.overloads)} "
                    f"argument(s), got {len(node.args)}: {wanted}",
                ))
                continue
            for i, (param, arg) in enumerate(zip(params, node.args, strict=False)):
                value = context.type_of(arg, occ.container)
                if not argument_ok(param, value, is_literal(arg), arg):
                    got = "a name" if isinstance(arg, A.Ident) and value is None else (
                        f"{article(value or '')} {value}" + (" literal" if is_literal(arg) else ""))
                    if value is None and not isinstance(arg, A.Ident):
                        got = "an expression"
                    out.append(self.diag(
                        arg, occ.file,
                        f"argument {i + 1} of {fn.name} must be {param}, got {got}",
                    ))
        return out


class FunctionScope(Rule):
    """A builtin function called in a subroutine where it is not available."""

    code = "VCL413"
    name = "function-scope"
    severity = "error"
    doc = (
        "A few builtins only work in some stages, e.g. `resp.tarpit` in vcl_deliver and "
        "`h2.push` everywhere but vcl_log."
    )
    bad = 'sub vcl_recv {\n  #FASTLY recv\n  resp.tarpit(5);\n}\n'
    good = 'sub vcl_deliver {\n  #FASTLY deliver\n  resp.tarpit(5);\n}\n'

    def check(self, context: Analysis) -> list[Diagnostic]:
        out = []
        cat = context.catalogue
        for occ in context.occ.get(A.FunctionCall, ()):
            cont = occ.container
            if cont is None or not cont.scope:
                continue
            fn = cat.function(occ.node.name)
            if fn is None:
                continue
            bad = cont.scope & ~fn.scopes
            if bad:
                where = ", ".join("vcl_" + s for s in scope_names(bad))
                if cont.kind == "sub":
                    where += context.callers_text(cont)
                out.append(self.diag(
                    occ.node, occ.file,
                    f"{fn.name} cannot be called in {where}; available in "
                    f"{scope_label(fn.scopes)}",
                    self.scoped_severity(cont),
                ))
        return out
