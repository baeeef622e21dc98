"""Custom `error NNN` codes and the vcl_error branches that handle them."""

from __future__ import annotations

import re

from .. import ast as A
from ..records import field, record
from .base import Rule

TYPE_CHECKING = False  # typing itself costs a cold lint its import
if TYPE_CHECKING:
    from ..diagnostic import Diagnostic
    from .analysis import Analysis, Container

FASTLY_HANDLED = frozenset({550, 801})
"""Handled by Fastly's own code at `#FASTLY error` (550 delivered as is, 801 the TLS redirect)."""
CUSTOM_MIN = 600


def literal_status(expr: A.Expression | None) -> int | None:
    """The status of `error NNN` when it is a literal; None when computed (or absent)."""
    while isinstance(expr, A.Grouped):
        expr = expr.expr
    if isinstance(expr, A.IntLit):
        return expr.value
    return None


def _is_status(e: A.Expression) -> bool:
    while isinstance(e, A.Grouped):
        e = e.expr
    return isinstance(e, A.Ident) and e.name == "obj.status"


def _int(e: A.Expression) -> int | None:
    while isinstance(e, A.Grouped):
        e = e.expr
    if isinstance(e, A.IntLit):
        return e.value
    if isinstance(e, A.Unary) and e.op == "-" and isinstance(e.operand, A.IntLit):
        return -e.operand.value
    return None


def _flatten(e: A.Expression, op: str) -> list[A.Expression]:
    out: list[A.Expression] = []
    todo = [e]
    while todo:
        cur = todo.pop()
        while isinstance(cur, A.Grouped):
            cur = cur.expr
        if isinstance(cur, A.Binary) and cur.op == op:
            todo.append(cur.right)
            todo.append(cur.left)
        else:
            out.append(cur)
    return out


_FLIP = {"<": ">", ">": "<", "<=": ">=", ">=": "<=", "==": "==", "!=": "!="}


@record
class Handled:
    """What the error handlers test: status intervals, status regexes, response texts."""

    intervals: list[tuple[float, float]] = field(default_factory=list)
    patterns: list[str] = field(default_factory=list)
    responses: set[str] = field(default_factory=set)
    points: list[tuple[int, A.Node, object]] = field(default_factory=list)
    dynamic: bool = False

    def covers(self, status: int, response: str | None) -> bool:
        if self.dynamic:
            return True
        if any(lo <= status <= hi for lo, hi in self.intervals):
            return True
        for pattern in self.patterns:
            try:
                if re.search(pattern, str(status)):
                    return True
            except re.error:
                return True
        return response is not None and response in self.responses


def _term(term: A.Expression, handled: Handled, file: object) -> None:
    lo, hi = float("-inf"), float("inf")
    constrained = False
    for factor in _flatten(term, "&&"):
        if not isinstance(factor, A.Binary):
            continue
        if factor.op == "||":
            # `(obj.status == 601 || obj.status == 602) && obj.response`: each alternative
            # is handled (the other conditions only narrow it further).
            for alternative in _flatten(factor, "||"):
                _term(alternative, handled, file)
            continue
        left, right, op = factor.left, factor.right, factor.op
        if _is_status(right) and not _is_status(left):
            left, right, op = right, left, _FLIP.get(op, op)
        if _is_status(left):
            if op in ("~", "!~") and isinstance(right, A.StringLit):
                handled.patterns.append(right.value)
                continue
            value = _int(right)
            if value is None:
                handled.dynamic = True  # compared with a variable or a lookup
                continue
            constrained = True
            if op in ("==", "!="):
                handled.intervals.append((value, value))
                handled.points.append((value, factor, file))
            elif op == ">":
                lo = max(lo, value + 1)
            elif op == ">=":
                lo = max(lo, value)
            elif op == "<":
                hi = min(hi, value - 1)
            elif op == "<=":
                hi = min(hi, value)
        elif (isinstance(left, A.Ident) and left.name == "obj.response"
              and op in ("==", "~") and isinstance(right, A.StringLit)):
            handled.responses.add(right.value)
    if constrained and (lo, hi) != (float("-inf"), float("inf")):
        handled.intervals.append((lo, hi))


def _contains_status_call(e: A.Expression) -> bool:
    """obj.status passed to a function inside a condition: a lookup we cannot evaluate."""
    todo = [e]
    while todo:
        cur = todo.pop()
        if isinstance(cur, A.FunctionCall):
            if any(_mentions_status(a) for a in cur.args):
                return True
        elif isinstance(cur, A.Binary):
            todo.extend((cur.left, cur.right))
        elif isinstance(cur, A.Grouped):
            todo.append(cur.expr)
        elif isinstance(cur, A.Unary):
            todo.append(cur.operand)
    return False


def _mentions_status(e: A.Expression) -> bool:
    todo = [e]
    while todo:
        cur = todo.pop()
        if isinstance(cur, A.Ident) and cur.name == "obj.status":
            return True
        if isinstance(cur, A.FunctionCall):
            todo.extend(cur.args)
        elif isinstance(cur, A.Concat):
            todo.extend(cur.parts)
        elif isinstance(cur, A.Binary):
            todo.extend((cur.left, cur.right))
        elif isinstance(cur, A.Grouped):
            todo.append(cur.expr)
    return False


def handled_statuses(context: Analysis) -> Handled:
    handlers: set[int] = {id(c) for c in context.error_handlers()}
    handled = Handled()
    for occ in context.occ.get(A.If, ()):
        if occ.container is None or id(occ.container) not in handlers:
            continue
        for branch in occ.node.branches:
            cond = branch.condition
            if _contains_status_call(cond):
                handled.dynamic = True
            for term in _flatten(cond, "||"):
                _term(term, handled, occ.file)
    for occ in context.occ.get(A.Switch, ()):
        if occ.container is None or id(occ.container) not in handlers:
            continue
        if _is_status(occ.node.subject) or _mentions_status(occ.node.subject):
            handled.dynamic = True
    return handled


def raised(context: Analysis) -> tuple[list[tuple[int, A.Error, Container, object]], bool]:
    """Literal custom codes raised with `error`, and whether any code is computed."""
    out = []
    dynamic = False
    for occ in context.occ.get(A.Error, ()):
        node: A.Error = occ.node
        if node.status is None:
            continue
        status = literal_status(node.status)
        if status is None:
            dynamic = True
            continue
        out.append((status, node, occ.container, occ.file))
    return out, dynamic


def _has_error_sub(context: Analysis) -> bool:
    return "vcl_error" in context.subs or not context.standalone


def _handlers_unknowable(context: Analysis) -> bool:
    """Standalone code whose vcl_error pulls in snippets we cannot see."""
    if not context.standalone:
        return False
    handler_ids = {id(c) for c in context.error_handlers()}
    return any(
        o.container is not None and id(o.container) in handler_ids for o in context.unresolved
    )


class UnhandledErrorCode(Rule):
    """A custom `error NNN` whose status vcl_error never handles."""

    code = "VCL101"
    name = "unhandled-error-code"
    severity = "error"
    doc = (
        "Statuses 600-699 are for customer use and are meant to be caught in vcl_error and turned "
        "into a real response (a redirect, a synthetic page) with a 1xx-5xx status. A literal "
        "`error NNN` with a custom status that no vcl_error branch tests (`obj.status == NNN`, "
        "a range such as `obj.status >= 600 && obj.status < 700`, a regex, or a match on the "
        "error's response text) reaches the client as a raw non-HTTP status. Branches in subs "
        "called from vcl_error, and error snippets in service context, count. 801 and 550 are "
        "handled by Fastly's code at `#FASTLY error`. Codes computed from variables or table "
        "lookups are not guessed. A file linted on its own also counts the statuses that the "
        "`.vcl` files beside it test (their vcl_error parts are joined to its own)."
    )
    bad = (
        "sub vcl_recv {\n  #FASTLY recv\n  if (req.url.path == \"/old\") {\n    error 601;\n  }\n"
        "}\n\nsub vcl_error {\n  #FASTLY error\n  if (obj.status == 602) {\n"
        "    set obj.status = 404;\n    return(deliver);\n  }\n}\n"
    )
    good = (
        "sub vcl_recv {\n  #FASTLY recv\n  if (req.url.path == \"/old\") {\n    error 601;\n  }\n"
        "}\n\nsub vcl_error {\n  #FASTLY error\n  if (obj.status == 601) {\n"
        "    set obj.status = 301;\n    set obj.http.Location = \"/new\";\n"
        "    return(deliver);\n  }\n}\n"
    )

    def check(self, context: Analysis) -> list[Diagnostic]:
        if not _has_error_sub(context) or _handlers_unknowable(context):
            return []
        beside = context.external.get("handled", set())  # vcl_error code in files beside
        if "*" in beside:
            return []
        codes, _ = raised(context)
        codes = [c for c in codes if c[0] >= CUSTOM_MIN and c[0] not in FASTLY_HANDLED
                 and str(c[0]) not in beside]
        if not codes:
            return []
        handled = handled_statuses(context)
        out = []
        for status, node, _cont, file in codes:
            response = node.response.value if isinstance(node.response, A.StringLit) else None
            if not handled.covers(status, response):
                out.append(self.diag(
                    node, file,  # type: ignore[arg-type]
                    f"error {status} is raised here but vcl_error never handles status {status} "
                    f"(no `obj.status == {status}` test or range covering it)",
                ))
        return out


class UnusedErrorHandler(Rule):
    """A vcl_error branch for a custom status that no `error` statement raises."""

    code = "VCL102"
    name = "unused-error-handler"
    severity = "warning"
    doc = (
        "vcl_error tests `obj.status == NNN` for a custom status (600-699) that nothing raises. "
        "Usually a typo in either place, or a handler left behind after the `error` was removed. "
        "Not reported when some `error` takes its status from a variable or lookup, nor for "
        "a status that a `.vcl` file beside a file linted on its own raises."
    )
    bad = (
        "sub vcl_recv {\n  #FASTLY recv\n  error 601;\n}\n\nsub vcl_error {\n  #FASTLY error\n"
        "  if (obj.status == 601 || obj.status == 610) {\n    set obj.status = 404;\n"
        "    return(deliver);\n  }\n}\n"
    )
    good = (
        "sub vcl_recv {\n  #FASTLY recv\n  error 601;\n}\n\nsub vcl_error {\n  #FASTLY error\n"
        "  if (obj.status == 601) {\n    set obj.status = 404;\n    return(deliver);\n  }\n}\n"
    )

    def check(self, context: Analysis) -> list[Diagnostic]:
        if context.standalone and context.unresolved:
            return []
        codes, dynamic = raised(context)
        beside = context.external.get("raised", set())  # `error NNN` in the files beside
        if dynamic or "*" in beside:
            return []
        raised_codes = {c[0] for c in codes} | {int(c) for c in beside}
        handled = handled_statuses(context)
        out = []
        seen: set[int] = set()
        for status, node, file in handled.points:
            if not (CUSTOM_MIN <= status < 700) or status in raised_codes or status in seen:
                continue
            seen.add(status)
            out.append(self.diag(
                node, file,  # type: ignore[arg-type]
                f"vcl_error handles status {status} but no `error {status}` raises it",
            ))
        return out
