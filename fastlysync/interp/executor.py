"""Run VCL statements over the project's AST.

A tree walker with one dispatch table per node class, on top of the expression
``Evaluator``. Control flow (return, error, restart, goto, break) travels as exceptions from
``signals``. Limits keep hostile input bounded: a budget of statements per request, a maximum
call depth, and regex time (see ``regex``).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from fastlysync.vcl import ast as A

from . import variables
from .errors import LimitExceeded, VclRuntimeError
from .evaluator import Evaluator, Frame, TableRef
from .operators import ARITH, int_or_zero
from .signals import ActionReturn, BreakSignal, ErrorSignal, GotoSignal, RestartSignal, SubReturn
from .state import State, Step
from .trace import describe, expr_text
from .values import ZERO, coerce, to_bool, to_str, type_of

if TYPE_CHECKING:
    from .service import Service

__all__ = ["MAX_DEPTH", "MAX_STEPS", "Executor", "Frame", "Segment", "TableRef"]

MAX_STEPS = 200_000
"""Statements one request may run (all restarts together) before it is stopped."""
MAX_DEPTH = 64
"""Nested custom sub calls; Fastly forbids recursion, so real code stays far below."""
MAX_SECONDS = 5.0
"""Time one request may take (slow-but-not-catastrophic regexes in a loop)."""


@dataclass
class Segment:
    """Statements from one source (a snippet, the generated macro code) spliced into a sub."""

    path: str
    statements: list[A.Statement]
    label: str
    line: int = 0


class Executor(Evaluator):
    """Runs subroutines and statements of one request (across its restarts)."""

    def __init__(self, service: Service, st: State) -> None:
        super().__init__(service, st)
        self.trace = st.steps is not None
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
            if not st.counter & 255:
                if st.counter > MAX_STEPS:
                    raise LimitExceeded(f"more than {MAX_STEPS} statements run (endless loop "
                                        "of goto?)", self.frame.path, node.line)
                if time.perf_counter() > st.deadline:
                    raise LimitExceeded("request ran past its time limit (slow regexes in a "
                                        "loop?)",
                                        self.frame.path, node.line)
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
        value = None if node.value is None else self.eval_local([node.value])[0]
        if node.value is not None and vtype == "STRING" and value is None:
            value = ""
        self.frame.locals[name] = ZERO.get(vtype) if node.value is None else coerce(value, vtype)

    def _set(self, node: A.Set) -> None:
        name = node.target.name
        local = name.startswith("var.") or ":" in name
        value = self.eval_local([node.value])[0] if local else self.eval(node.value)
        vtype = self.target_type(name)
        if local and vtype == "STRING" and value is None and node.op == "=":
            value = ""  # Fastly: a local STRING (or subfield) given a not-set value is empty
        if node.op != "=":
            value = self._compound(node, self.read(node.target), value, vtype)
        if vtype.endswith("BACKEND") and value is not None and type_of(value) != "BACKEND":
            # Fastly refuses this at compile time (e.g. `set req.backend = "origin"`).
            raise self.fail(f"{name} is a BACKEND: cannot assign a {type_of(value)} "
                            "(name the backend itself, without quotes)", node)
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
            result = ARITH[op](a, b)
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
        if self.trace:
            self._traced_if(node)
            return
        for branch in node.branches:
            if to_bool(self.eval(branch.condition)):
                self.run(branch.block.statements)
                return
        if node.else_block is not None:
            self.run(node.else_block.statements)

    def _traced_if(self, node: A.If) -> None:
        """The same, noting each condition's result in the trace."""
        steps = self.st.steps
        assert steps is not None
        for i, branch in enumerate(node.branches):
            if i:
                steps.append(Step(self.frame.path, branch.line,
                                  f"{branch.keyword} ({expr_text(branch.condition)})",
                                  self.depth))
            at = len(steps) - 1
            taken = to_bool(self.eval(branch.condition))
            steps[at].text += "  -> true" if taken else "  -> false"
            if taken:
                self.run(branch.block.statements)
                return
        if node.else_block is not None:
            steps.append(Step(self.frame.path, node.else_block.line, "else", self.depth))
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
        args = self.eval_local(node.args)
        self.run_sub(name, sub, path, args)

    def _return(self, node: A.Return) -> None:
        if node.action is not None:
            if not self._is_typed_sub():
                ret = ActionReturn(node.action)
                ret.where = (self.frame.path, node.line)
                raise ret
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
            status = int_or_zero(status)
        response = None if node.response is None else to_str(self.eval(node.response))
        err = ErrorSignal(int(status), response)
        err.where = (self.frame.path, node.line)
        raise err

    def _restart(self, node: A.Restart) -> None:
        sig = RestartSignal()
        sig.where = (self.frame.path, node.line)
        raise sig

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


def name_of(node: Any) -> str:
    target = getattr(node, "target", None)
    return target.name if target is not None else ""
