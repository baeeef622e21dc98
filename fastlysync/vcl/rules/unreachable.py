"""Statements that can never run."""

from __future__ import annotations

from .. import ast as A
from .base import Rule

TYPE_CHECKING = False  # typing itself costs a cold lint its import
if TYPE_CHECKING:
    from ..diagnostic import Diagnostic
    from .analysis import Analysis

_MAX_DEPTH = 200
_ENDS = frozenset({A.Return, A.Error, A.Restart})


def _terminates(stmt: A.Statement, depth: int = 0) -> bool:
    """Whether control never continues past `stmt` (return, error, restart on every path)."""
    t = type(stmt)
    if t is A.Return or t is A.Error or t is A.Restart:
        return True
    if depth > _MAX_DEPTH:
        return False
    if t is A.Block:
        return any(_terminates(s, depth + 1) for s in stmt.statements)  # type: ignore[attr-defined]
    if t is A.If:
        if stmt.else_block is None:  # type: ignore[attr-defined]
            return False
        return all(_terminates(b.block, depth + 1) for b in stmt.branches) and \
            _terminates(stmt.else_block, depth + 1)  # type: ignore[attr-defined]
    return False


class UnreachableCode(Rule):
    """Statements after `return`, `error` or `restart` in the same block."""

    code = "VCL601"
    name = "unreachable-code"
    severity = "warning"
    doc = (
        "`return`, `error` and `restart` end the subroutine, so what follows them in the same "
        "block (or after an if/else whose every branch ends that way) never runs. Subs with goto "
        "labels are not checked, nor is the `break;` or `fallthrough;` that must end every "
        "`case` of a switch."
    )
    bad = (
        "sub vcl_recv {\n  #FASTLY recv\n  return(pass);\n"
        "  set req.http.X-Never = \"1\";\n}\n"
    )
    good = (
        "sub vcl_recv {\n  #FASTLY recv\n  set req.http.X-Always = \"1\";\n  return(pass);\n}\n"
    )

    def check(self, context: Analysis) -> list[Diagnostic]:
        out = []
        for cont in context.containers:
            if cont.has_labels or isinstance(cont.node, A.ExpressionRoot):
                continue
            if isinstance(cont.node, A.Subroutine):
                todo: list[list[A.Statement]] = [cont.node.body.statements]
            else:
                todo = [cont.node.statements]  # type: ignore[attr-defined]
            while todo:
                stmts = todo.pop()
                ended = False
                for stmt in stmts:
                    if ended:
                        if type(stmt) is A.Break or type(stmt) is A.Fallthrough:
                            break  # Fastly requires every case to end with one: not dead code
                        out.append(self.diag(
                            stmt, cont.file,
                            "unreachable: the statement before it always ends the subroutine"))
                        break
                    t = type(stmt)
                    if t is A.If:
                        todo.extend(b.block.statements for b in stmt.branches)  # type: ignore[attr-defined]
                        if stmt.else_block is not None:  # type: ignore[attr-defined]
                            todo.append(stmt.else_block.statements)  # type: ignore[attr-defined]
                    elif t is A.Block:
                        todo.append(stmt.statements)  # type: ignore[attr-defined]
                    elif t is A.Switch:
                        todo.extend(c.statements for c in stmt.cases)  # type: ignore[attr-defined]
                    if t in _ENDS or ((t is A.If or t is A.Block) and _terminates(stmt)):
                        ended = True
        return out
