"""Run VCL statements and evaluate expressions over the project's AST.

A tree walker with one dispatch table per node class. Control flow (return, error, restart,
goto, break) travels as exceptions from ``signals``. Limits keep hostile input bounded: a
budget of statements per request, a maximum call depth, and regex time (see ``regex``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from fastlysync.vcl import ast as A

from . import regex, variables
from .errors import LimitExceeded, Unsupported, VclRuntimeError
from .headers import MAX_HEADER_BYTES, get_subfield, separator, set_subfield
from .signals import ActionReturn, BreakSignal, ErrorSignal, GotoSignal, RestartSignal, SubReturn
from .state import State, Step
from .values import (
    ZERO,
    AclRef,
    BackendRef,
    RTime,
    Time,
    coerce,
    parse_ip,
    to_bool,
    to_str,
    type_of,
)

if TYPE_CHECKING:
    from .service import Service

MAX_STEPS = 200_000
"""Statements one request may run (all restarts together) before it is stopped."""
MAX_DEPTH = 64
"""Nested custom sub calls; Fastly forbids recursion, so real code stays far below."""


@dataclass
class Segment:
    """Statements from one source (a snippet, the generated macro code) spliced into a sub."""

    path: str
    statements: list[A.Statement]
    label: str
    line: int = 0


@dataclass
class Frame:
    path: str
    locals: dict[str, Any]
    types: dict[str, str]
    name: str


class TableRef:
    __slots__ = ("entries", "name", "value_type")

    def __init__(self, name: str, value_type: str, entries: dict[str, Any]) -> None:
        self.name = name
        self.value_type = value_type
        self.entries = entries


class Executor:
    def __init__(self, service: Service, st: State) -> None:
        self.service = service
        self.st = st
        self.frame = Frame("", {}, {}, "")
        self.depth = 0
        self.trace = st.steps is not None
        self.extra: dict[str, Callable[[Executor, A.FunctionCall], Any]] = {}
        """Functions only some runs have (falco's ``testing.*`` and ``assert.*``)."""
        self.mocks: dict[str, str] = {}
        self._stmt: dict[type, Callable[[Any], None]] = {
            A.Set: self._set, A.Unset: self._unset, A.Remove: self._unset, A.Add: self._add,
            A.Declare: self._declare, A.If: self._if, A.Call: self._call,
            A.Return: self._return, A.Error: self._error, A.Restart: self._restart,
            A.Synthetic: self._synthetic, A.Log: self._log, A.Esi: self._noop,
            A.Block: self._block, A.Goto: self._goto, A.Label: self._noop,
            A.Switch: self._switch, A.Break: self._break, A.Fallthrough: self._noop,
            A.ExprStatement: self._expr_statement, A.IncludeStatement: self._include,
            Segment: self._segment,
        }
        from .service import MacroMarker

        self._stmt[MacroMarker] = self._macro
        self._expr: dict[type, Callable[[Any], Any]] = {
            A.StringLit: lambda n: n.value, A.IntLit: lambda n: n.value,
            A.FloatLit: lambda n: n.value, A.BoolLit: lambda n: n.value,
            A.RTimeLit: lambda n: RTime(n.seconds), A.PercentLit: lambda n: n.value,
            A.IPLit: lambda n: parse_ip(n.address), A.Ident: self.read,
            A.Binary: self._binary, A.Unary: self._unary, A.Concat: self._concat,
            A.Grouped: lambda n: self.eval(n.expr), A.IfExpr: self._ifexpr,
            A.FunctionCall: self._function,
        }

    # ----------------------------------------------------------------- helpers

    def fail(self, message: str, node: Any) -> VclRuntimeError:
        return VclRuntimeError(message, self.frame.path, getattr(node, "line", 0))

    def unsupported(self, name: str, node: Any) -> Unsupported:
        return Unsupported(name, self.frame.path, getattr(node, "line", 0))

    def run_sub(self, name: str, sub: A.Subroutine, path: str,
                args: list[Any] | None = None) -> Any:
        """Run a subroutine body in a fresh frame; returns a typed sub's value."""
        if self.depth >= MAX_DEPTH:
            raise LimitExceeded(f"subroutine calls nested deeper than {MAX_DEPTH} "
                                f"(calling {name})", self.frame.path, sub.line)
        saved = self.frame
        self.frame = Frame(path, {}, {}, name)
        for param, value in zip(sub.params, args or [], strict=False):
            self.frame.types[param.name.name] = param.type
            self.frame.locals[param.name.name] = coerce(value, param.type)
        self.depth += 1
        self.st.subs.append(name)
        if self.trace:
            assert self.st.steps is not None
            self.st.steps.append(Step(path, sub.line, f"sub {name}", self.depth))
        try:
            body = self.service._bodies.get(id(sub))
            self.run(body if body is not None else sub.body.statements)
        except SubReturn as ret:
            return coerce(ret.value, sub.return_type) if sub.return_type else None
        finally:
            self.depth -= 1
            self.frame = saved
        if sub.return_type:
            raise VclRuntimeError(f"subroutine {name} ended without returning a "
                                  f"{sub.return_type}", path, sub.body.end_line)
        return None

    def run(self, statements: list[Any]) -> None:
        """Run a statement list; a ``goto`` to one of its labels resumes there."""
        i = 0
        n = len(statements)
        stmt_table = self._stmt
        st = self.st
        while i < n:
            node = statements[i]
            i += 1
            st.counter += 1
            if st.counter > MAX_STEPS:
                raise LimitExceeded(f"more than {MAX_STEPS} statements run (endless loop of "
                                    "goto?)", self.frame.path, node.line)
            if self.trace:
                self._record(node)
            try:
                stmt_table[type(node)](node)
            except GotoSignal as jump:
                target = self.service.labels(statements).get(jump.label)
                if target is None:
                    raise
                i = target
            except KeyError as exc:
                if type(node) not in stmt_table:
                    raise self.unsupported(f"statement {type(node).__name__}", node) from None
                raise exc

    def _record(self, node: Any) -> None:
        assert self.st.steps is not None
        path = self.frame.path
        if isinstance(node, A.If):
            text = f"if ({expr_text(node.branches[0].condition)})"
        elif isinstance(node, A.Switch):
            text = f"switch ({expr_text(node.subject)})"
        elif isinstance(node, A.Block):
            text = "{"
        elif isinstance(node, Segment):
            text, path = node.label, node.path
        elif type(node).__name__ == "MacroMarker":
            text = f"#FASTLY {node.name}"
        else:
            text = describe(node)
        self.st.steps.append(Step(path, node.line, text, self.depth))

    # ----------------------------------------------------------------- statements

    def _noop(self, node: Any) -> None:
        return None

    def _block(self, node: A.Block) -> None:
        self.run(node.statements)

    def _segment(self, node: Segment) -> None:
        saved = self.frame.path
        self.frame.path = node.path
        try:
            self.run(node.statements)
        finally:
            self.frame.path = saved

    def _macro(self, node: Any) -> None:
        for seg in self.service.macros.get(node.name, ()):
            if self.trace:
                self._record(seg)
            self._segment(seg)

    def _include(self, node: A.IncludeStatement) -> None:
        seg = self.service.include(node.target)
        if seg is None:
            raise self.fail(f"include {node.target!r}: no such snippet or file", node)
        self._segment(seg)

    def _declare(self, node: A.Declare) -> None:
        name = node.name.name
        vtype = node.type.upper()
        self.frame.types[name] = vtype
        self.frame.locals[name] = ZERO.get(vtype) if node.value is None else coerce(
            self.eval(node.value), vtype)

    def target_type(self, name: str) -> str:
        if name.startswith("var."):
            return self.frame.types.get(name.split(":", 1)[0], "STRING")
        head = name.split(".", 1)[0]
        if ".http." in name and head in variables.HEADER_PREFIXES:
            return "STRING"
        return variables.variable_type(name) or "STRING"

    def _set(self, node: A.Set) -> None:
        name = node.target.name
        value = self.eval(node.value)
        vtype = self.target_type(name)
        if node.op != "=":
            value = self._compound(node, self.read(node.target), value, vtype)
        self.write(node.target, coerce(value, vtype) if vtype != "HASH" else value)

    def _compound(self, node: A.Set, old: Any, value: Any, vtype: str) -> Any:
        op = node.op[:-1]
        if vtype == "STRING" or vtype == "HASH":
            if op == "+":
                return to_str(old) + to_str(value) if vtype == "STRING" else value
            raise self.fail(f"operator {node.op} needs a number, {name_of(node)} is a STRING",
                            node)
        if op == "&&":
            return to_bool(old) and to_bool(value)
        if op == "||":
            return to_bool(old) or to_bool(value)
        a = old if old is not None else 0
        b = value if value is not None else 0
        if isinstance(b, str):
            b = coerce(b, vtype)
        try:
            result = _ARITH[op](a, b)
        except ZeroDivisionError:
            self.st.vars["fastly.error"] = "EDOM"
            return a
        except KeyError:
            raise self.unsupported(f"operator {node.op}", node) from None
        if vtype == "INTEGER":
            result = int(result)
            if not -(2**63) <= result < 2**63:
                self.st.vars["fastly.error"] = "ERANGE"
                result = ((result + 2**63) % 2**64) - 2**63
        return result

    def _add(self, node: A.Add) -> None:
        name = node.target.name
        head, sep, header = name.partition(".http.")
        if not sep or head not in variables.HEADER_PREFIXES:
            raise self.fail(f"add works on headers only, not {name}", node)
        value = self.eval(node.value)
        if value is not None:
            hdrs = getattr(self.st, head)
            hdrs.add(header, to_str(value))
            self._check_size(hdrs, node)

    def _unset(self, node: A.Unset | A.Remove) -> None:
        name = node.target.name
        if name.startswith("var."):
            self.frame.locals[name] = ZERO.get(self.frame.types.get(name, "STRING"))
            return
        self.write(node.target, None)

    def _if(self, node: A.If) -> None:
        for branch in node.branches:
            if to_bool(self.eval(branch.condition)):
                self.run(branch.block.statements)
                return
        if node.else_block is not None:
            self.run(node.else_block.statements)

    def _switch(self, node: A.Switch) -> None:
        subject = to_str(self.eval(node.subject))
        start = None
        for i, case in enumerate(node.cases):
            if case.value is None:
                continue
            pattern = to_str(self.eval(case.value))
            hit = (self._match(pattern, subject, case) if case.regex else pattern == subject)
            if hit:
                start = i
                break
        if start is None:
            start = next((i for i, c in enumerate(node.cases) if c.value is None), None)
        if start is None:
            return
        try:
            for case in node.cases[start:]:
                self.run(case.statements)
                if not case.fallthrough:
                    break
        except BreakSignal:
            return

    def _break(self, node: A.Break) -> None:
        raise BreakSignal

    def _goto(self, node: A.Goto) -> None:
        raise GotoSignal(node.label, node)

    def _call(self, node: A.Call) -> None:
        name = node.name.name
        name = self.mocks.get(name, name)
        sub, path = self.service.sub(name)
        if sub is None:
            raise self.fail(f"call {name}: no such subroutine", node)
        args = [self.eval(a) for a in node.args]
        self.run_sub(name, sub, path, args)

    def _return(self, node: A.Return) -> None:
        if node.action is not None:
            if not self._is_typed_sub():
                raise ActionReturn(node.action)
            word = node.action  # `return(true)` / `return(var.x)` in a typed sub
            value = {"true": True, "false": False}.get(word)
            if value is None:
                value = self.eval(A.Ident(word, line=node.line))
            raise SubReturn(value)
        raise SubReturn(None if node.value is None else self.eval(node.value))

    def _is_typed_sub(self) -> bool:
        sub, _ = self.service.sub(self.frame.name)
        return bool(sub is not None and sub.return_type)

    def _error(self, node: A.Error) -> None:
        status = 503 if node.status is None else self.eval(node.status)
        if isinstance(status, str):
            status = variables_int(status)
        response = None if node.response is None else to_str(self.eval(node.response))
        raise ErrorSignal(int(status), response)

    def _restart(self, node: A.Restart) -> None:
        raise RestartSignal

    def _synthetic(self, node: A.Synthetic) -> None:
        value = to_str(self.eval(node.value))
        if node.base64:
            import base64

            try:
                value = base64.b64decode(value + "=" * (-len(value) % 4)).decode(
                    "utf-8", "replace")
            except ValueError:
                value = ""
        self.st.body = value

    def _log(self, node: A.Log) -> None:
        self.service.log(self.st, to_str(self.eval(node.value)))

    def _expr_statement(self, node: A.ExprStatement) -> None:
        self.eval(node.expr)

    # ----------------------------------------------------------------- variables

    def read(self, ident: A.Ident) -> Any:
        name = ident.name
        access = _ACCESS.get(name)
        if access is None:
            access = _ACCESS[name] = _classify(name)
        kind = access[0]
        if kind == _LOCAL:
            base = access[1]
            if base not in self.frame.locals:
                raise self.fail(f"local {base} is not declared", ident)
            value = self.frame.locals[base]
            sub = access[2]
            return get_subfield(to_str(value), sub, ",") if sub is not None else value
        if kind == _HEADER:
            value = getattr(self.st, access[1]).get(access[2])
            sub = access[3]
            return get_subfield(value, sub, separator(access[2])) if sub else value
        if kind == _GROUP:
            groups = self.st.groups
            return groups[access[1]] if access[1] < len(groups) else None
        return self._read_other(ident, name)

    def _read_other(self, ident: A.Ident, name: str) -> Any:
        head = name.partition(".")[0]
        if head in ("backend", "director") and name.endswith(".healthy"):
            found = self.service.named(name[len(head) + 1:-len(".healthy")])
            if isinstance(found, BackendRef):
                return found.healthy
        known, value = variables.read(self.st, name)
        if known:
            return value
        found = self.service.named(name)
        if found is not None:
            return found
        if ":" in name:
            base, _, sub = name.partition(":")
            known, value = variables.read(self.st, base)
            if known:
                return get_subfield(to_str(value), sub, ",")
        raise self.fail(f"unknown variable {name}", ident)

    def write(self, ident: A.Ident, value: Any) -> None:
        name = ident.name
        if name.startswith("var."):
            base, sub = ident.base, ident.subfield
            if base not in self.frame.locals:
                raise self.fail(f"local {base} is not declared", ident)
            if sub is not None:
                value = set_subfield(to_str(self.frame.locals[base]), sub,
                                     None if value is None else to_str(value), ",")
            self.frame.locals[base] = value
            return
        head, _, rest = name.partition(".")
        if head in variables.HEADER_PREFIXES and rest.startswith("http."):
            header, _, sub = rest[5:].partition(":")
            hdrs = getattr(self.st, head)
            text = None if value is None else to_str(value)
            if sub:
                sep = separator(header)
                current = hdrs.get(header)
                text = set_subfield(current, sub, text, sep)
            hdrs.set(header, text)
            self._check_size(hdrs, ident)
            return
        if isinstance(value, str) and self.target_type(name) == "BACKEND":
            value = self.service.named(value)
        variables.write(self.st, name, value)

    def _check_size(self, hdrs: Any, node: Any) -> None:
        if hdrs.size() > MAX_HEADER_BYTES:
            raise LimitExceeded(f"headers grew past Fastly's {MAX_HEADER_BYTES // 1024} KB "
                                "limit", self.frame.path, node.line)

    # ----------------------------------------------------------------- expressions

    def eval(self, node: Any) -> Any:
        try:
            return self._expr[type(node)](node)
        except KeyError:
            if type(node) not in self._expr:
                raise self.unsupported(f"expression {type(node).__name__}", node) from None
            raise

    def _ident(self, node: A.Ident) -> Any:
        return self.read(node)

    def _ifexpr(self, node: A.IfExpr) -> Any:
        return self.eval(node.then if to_bool(self.eval(node.condition)) else node.otherwise)

    def _unary(self, node: A.Unary) -> Any:
        value = self.eval(node.operand)
        if node.op == "!":
            return not to_bool(value)
        if node.op == "-":
            if isinstance(value, RTime):
                return RTime(-value)
            return -value if isinstance(value, int | float) else value
        return value

    def _concat(self, node: A.Concat) -> Any:
        values = [self.eval(p) for p in node.parts]
        if all(node.explicit) and values and all(
                isinstance(v, int | float) and not isinstance(v, bool) for v in values):
            first = values[0]
            total = sum(values[1:], first)
            if isinstance(first, Time):
                return Time(total)
            if isinstance(first, RTime):
                return RTime(total)
            return total
        return "".join(to_str(v) for v in values)

    def _binary(self, node: A.Binary) -> Any:
        op = node.op
        if op == "&&":
            return to_bool(self.eval(node.left)) and to_bool(self.eval(node.right))
        if op == "||":
            return to_bool(self.eval(node.left)) or to_bool(self.eval(node.right))
        left = self.eval(node.left)
        if op in ("~", "!~"):
            right = self.eval(node.right)
            if isinstance(right, AclRef):
                hit = right.match(left)
            else:
                hit = False if left is None else self._match(to_str(right), to_str(left), node)
            return hit if op == "~" else not hit
        right = self.eval(node.right)
        if op == "-":
            result = left - right
            return Time(result) if isinstance(left, Time) and isinstance(right, RTime) else (
                RTime(result) if isinstance(left, Time | RTime) else result)
        if op == "+":
            return left + right
        return _compare(op, left, right)

    def _match(self, pattern: str, subject: str, node: Any) -> bool:
        m = regex.search(pattern, subject, self.frame.path, node.line)
        if m is None:
            return False
        self.st.groups = [m.group(0), *m.groups()]
        return True

    def _function(self, node: A.FunctionCall) -> Any:
        from .functions import RAW, REGISTRY

        name = node.name
        fn = self.extra.get(name) or RAW.get(name)
        if fn is not None:
            return fn(self, node)
        fn = REGISTRY.get(name)
        if fn is not None:
            args = [self.eval(a) for a in node.args]
            return fn(self, node, *args)
        name = self.mocks.get(name, name)
        sub, path = self.service.sub(name)
        if sub is not None:
            return self.run_sub(name, sub, path, [self.eval(a) for a in node.args])
        raise self.unsupported(name, node)


_LOCAL, _HEADER, _GROUP, _OTHER = range(4)
_ACCESS: dict[str, tuple[Any, ...]] = {}
"""How each variable name is read, worked out once per name."""


def _classify(name: str) -> tuple[Any, ...]:
    if name.startswith("var."):
        base, sep, sub = name.partition(":")
        return (_LOCAL, base, sub if sep else None)
    head, _, rest = name.partition(".")
    if head in variables.HEADER_PREFIXES and rest.startswith("http."):
        header, _, sub = rest[5:].partition(":")
        return (_HEADER, head, header, sub)
    if head == "re" and rest.startswith("group."):
        return (_GROUP, variables_int(rest[6:]))
    return (_OTHER,)


def _compare(op: str, left: Any, right: Any) -> bool:
    if op == "==":
        if left is None or right is None:
            return False if (left is None) != (right is None) else left is right
        if isinstance(left, BackendRef | AclRef) or isinstance(right, BackendRef | AclRef):
            return left is right or to_str(left) == to_str(right)
        if type_of(left) == "IP" or type_of(right) == "IP":
            return parse_ip(to_str(left)) == parse_ip(to_str(right))
        if isinstance(left, str) or isinstance(right, str):
            return to_str(left) == to_str(right)
        return bool(left == right)
    if op == "!=":
        return not _compare("==", left, right)
    if left is None or right is None:
        return False
    if isinstance(left, str) or isinstance(right, str):
        a, b = to_str(left), to_str(right)
    else:
        a, b = left, right
    if op == "<":
        return bool(a < b)
    if op == ">":
        return bool(a > b)
    if op == "<=":
        return bool(a <= b)
    if op == ">=":
        return bool(a >= b)
    raise VclRuntimeError(f"unknown operator {op}")


def _shift_rol(a: int, b: int) -> int:
    a &= 2**64 - 1
    b %= 64
    return ((a << b) | (a >> (64 - b))) & (2**64 - 1)


def _shift_ror(a: int, b: int) -> int:
    return _shift_rol(a, 64 - (b % 64))


def _div(a: Any, b: Any) -> Any:
    if isinstance(a, int) and isinstance(b, int):
        q = abs(a) // abs(b)
        return q if (a >= 0) == (b >= 0) else -q
    return a / b


def _mod(a: Any, b: Any) -> Any:
    if isinstance(a, int) and isinstance(b, int):
        return a - _div(a, b) * b
    return a % b


_ARITH: dict[str, Callable[[Any, Any], Any]] = {
    "+": lambda a, b: a + b, "-": lambda a, b: a - b, "*": lambda a, b: a * b,
    "/": _div, "%": _mod, "|": lambda a, b: int(a) | int(b),
    "&": lambda a, b: int(a) & int(b), "^": lambda a, b: int(a) ^ int(b),
    "<<": lambda a, b: int(a) << int(b), ">>": lambda a, b: int(a) >> int(b),
    "rol": _shift_rol, "ror": _shift_ror,
}

_ACTIONS = frozenset({"lookup", "pass", "hash", "deliver", "fetch", "error", "restart",
                      "deliver_stale", "upgrade", "pipe", "hit_for_pass"})


def variables_int(text: str) -> int:
    try:
        return int(text)
    except ValueError:
        return 0


def name_of(node: Any) -> str:
    target = getattr(node, "target", None)
    return target.name if target is not None else ""


def describe(node: Any) -> str:
    """A one-line rendering of a statement for traces."""
    if isinstance(node, A.Set):
        return f"set {node.target.name} {node.op} {expr_text(node.value)}"
    if isinstance(node, A.Unset | A.Remove):
        return f"unset {node.target.name}"
    if isinstance(node, A.Add):
        return f"add {node.target.name} = {expr_text(node.value)}"
    if isinstance(node, A.Declare):
        return f"declare local {node.name.name} {node.type}"
    if isinstance(node, A.Call):
        return f"call {node.name.name}"
    if isinstance(node, A.Return):
        if node.action:
            return f"return({node.action})"
        return "return" + (f" {expr_text(node.value)}" if node.value is not None else "")
    if isinstance(node, A.Error):
        parts = [expr_text(p) for p in (node.status, node.response) if p is not None]
        return " ".join(["error", *parts])
    if isinstance(node, A.Synthetic):
        return "synthetic ..."
    if isinstance(node, A.Goto):
        return f"goto {node.label}"
    if isinstance(node, A.Log):
        return "log ..."
    if isinstance(node, A.IncludeStatement):
        return f"include {node.target!r}"
    return type(node).__name__.lower()


def expr_text(node: Any, limit: int = 70) -> str:
    if isinstance(node, A.Binary):
        text = f"{expr_text(node.left, limit)} {node.op} {expr_text(node.right, limit)}"
    elif isinstance(node, A.Unary):
        text = f"{node.op}{expr_text(node.operand, limit)}"
    elif isinstance(node, A.Grouped):
        text = f"({expr_text(node.expr, limit)})"
    elif isinstance(node, A.Concat):
        text = " ".join(expr_text(p, limit) for p in node.parts)
    elif isinstance(node, A.BoolLit):
        text = "true" if node.value else "false"
    elif isinstance(node, A.StringLit):
        text = node.raw
    elif isinstance(node, A.Ident):
        text = node.name
    elif isinstance(node, A.IntLit | A.FloatLit | A.RTimeLit):
        text = node.raw
    elif isinstance(node, A.FunctionCall):
        text = f"{node.name}(...)"
    else:
        text = "..."
    return text if len(text) <= limit else text[: limit - 3] + "..."
