"""Evaluate VCL expressions and read/write variables over the project's AST.

The ``Evaluator`` holds one request's frame of locals and dispatches on node classes; the
``Executor`` (``executor.py``) adds statements on top. Variable names are classified once
(local, header, regex group, other) and remembered.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from fastlysync.vcl import ast as A

from . import regex, variables
from .errors import LimitExceeded, Unsupported, VclRuntimeError
from .headers import MAX_HEADER_BYTES, get_subfield, separator, set_subfield
from .operators import compare, int_or_zero
from .state import State
from .values import AclRef, BackendRef, RTime, Time, parse_ip, to_bool, to_str

if TYPE_CHECKING:
    from .service import Service


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


NOT_SET_TEXT = "(null)"
"""How Fastly writes a not-set value joined with other text into a header or variable (falco's
fiddle-checked notset examples: `set req.http.X = req.http.Missing "-x"` gives "(null)-x")."""


class Evaluator:
    """Expressions and variables of one request; the ``Executor`` adds statements."""

    def __init__(self, service: Service, st: State) -> None:
        self.service = service
        self.st = st
        self.frame = Frame("", {}, {}, "")
        self.depth = 0
        self.extra: dict[str, Callable[[Any, A.FunctionCall], Any]] = {}
        """Functions only some runs have (falco's ``testing.*`` and ``assert.*``)."""
        self.mocks: dict[str, str] = {}
        """Custom subs replaced by others (falco's ``testing.mock``)."""
        self.local_context = False
        """Evaluating what a local variable, a header subfield or a sub argument receives: there
        a not-set part of a concatenation is empty; elsewhere Fastly writes it as ``(null)``."""
        self._expr: dict[type, Callable[[Any], Any]] = {
            A.StringLit: lambda n: n.value, A.IntLit: lambda n: n.value,
            A.FloatLit: lambda n: n.value, A.BoolLit: lambda n: n.value,
            A.RTimeLit: lambda n: RTime(n.seconds), A.PercentLit: lambda n: n.value,
            A.IPLit: lambda n: parse_ip(n.address), A.Ident: self.read,
            A.Binary: self._binary, A.Unary: self._unary, A.Concat: self._concat,
            A.Grouped: lambda n: self.eval(n.expr), A.IfExpr: self._ifexpr,
            A.FunctionCall: self._function,
        }

    def run_sub(self, name: str, sub: A.Subroutine, path: str,
                args: list[Any] | None = None) -> Any:
        raise NotImplementedError  # the Executor runs statements

    def fail(self, message: str, node: Any) -> VclRuntimeError:
        return VclRuntimeError(message, self.frame.path, getattr(node, "line", 0))

    def unsupported(self, name: str, node: Any) -> Unsupported:
        return Unsupported(name, self.frame.path, getattr(node, "line", 0))

    def target_type(self, name: str) -> str:
        if name.startswith("var."):
            return self.frame.types.get(name.split(":", 1)[0], "STRING")
        head = name.split(".", 1)[0]
        if ".http." in name and head in variables.HEADER_PREFIXES:
            return "STRING"
        return variables.variable_type(name) or "STRING"

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

    def eval(self, node: Any) -> Any:
        try:
            return self._expr[type(node)](node)
        except KeyError:
            if type(node) not in self._expr:
                raise self.unsupported(f"expression {type(node).__name__}", node) from None
            raise

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

    def eval_local(self, nodes: list[A.Expression]) -> list[Any]:
        """Values bound to locals (sub arguments): not-set parts of a join are empty there."""
        saved, self.local_context = self.local_context, True
        try:
            return [self.eval(n) for n in nodes]
        finally:
            self.local_context = saved

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
        if all(v is None for v in values):
            return None  # Fastly: joining only not-set values stays not set
        null = "" if self.local_context else NOT_SET_TEXT
        return "".join(null if v is None and not isinstance(p, A.StringLit) else to_str(v)
                       for p, v in zip(node.parts, values, strict=True))

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
        return compare(op, left, right)

    def _match(self, pattern: str, subject: str, node: Any) -> bool:
        m = regex.search(pattern, subject, self.frame.path, node.line)
        if m is None:
            return False
        # a group that took no part in the match is empty, not "not set" (as on Fastly)
        self.st.groups = [m.group(0), *m.groups("")]
        return True

    def _function(self, node: A.FunctionCall) -> Any:
        from .functions import RAW, REGISTRY

        name = node.name
        fn = self.extra.get(name) or RAW.get(name)
        if fn is not None:
            try:
                return fn(self, node)
            except (IndexError, TypeError, ValueError, OverflowError) as exc:
                raise self.fail(f"{name}: bad arguments ({exc})", node) from None
        fn = REGISTRY.get(name)
        if fn is not None:
            args = [self.eval(a) for a in node.args]
            try:
                return fn(self, node, *args)
            except (TypeError, ValueError, OverflowError) as exc:
                raise self.fail(f"{name}: bad arguments ({exc})", node) from None
        name = self.mocks.get(name, name)
        sub, path = self.service.sub(name)
        if sub is not None:
            return self.run_sub(name, sub, path, self.eval_local(node.args))
        from fastlysync.vcl.catalogue import load

        if load().function(name) is None and not name.startswith(("testing.", "assert.")):
            # Not Fastly's (e.g. Varnish's `hash_data`, `std.log`): Fastly would refuse the VCL,
            # so calling it "unsupported" would promise a feature that does not exist. (falco's
            # testing.* / assert.* names not implemented here stay "unsupported".)
            raise self.fail(f"unknown function {name}: not a Fastly VCL function nor a sub "
                            "of this service", node)
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
        return (_GROUP, int_or_zero(rest[6:]))
    return (_OTHER,)

