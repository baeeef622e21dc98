"""Which value types VCL accepts where (assignment and function arguments).

Modelled on Fastly's implicit conversions as falco documents them: STRING targets take any
scalar variable (stringified) but not a number literal; numbers and times convert between each
other from variables but not from literals; ACL, TABLE and BACKEND never convert.
"""

from __future__ import annotations

from .. import ast as A

NUMERIC = frozenset({"INTEGER", "FLOAT", "RTIME", "TIME"})
SCALARS = frozenset({"STRING", "INTEGER", "FLOAT", "RTIME", "TIME", "BOOL", "IP"})


def article(type_name: str) -> str:
    return "an" if type_name[:1] in "AEIOU" else "a"


def is_literal(e: A.Expression) -> bool:
    while isinstance(e, A.Grouped):
        e = e.expr
    if isinstance(e, A.Unary) and e.op in ("-", "+"):
        e = e.operand
    return isinstance(e, A.StringLit | A.IntLit | A.FloatLit | A.RTimeLit | A.BoolLit)


def normal(t: str) -> str:
    return "BACKEND" if t == "REQBACKEND" else t


def assignable(target: str, value: str, literal: bool) -> bool:
    """Whether `set <target-typed> = <value-typed>` compiles."""
    target, value = normal(target), normal(value)
    if target == value:
        return True
    if target == "STRING":
        if value == "BOOL":
            return True
        if value in NUMERIC or value == "IP" or value == "BACKEND":
            return not literal
        return value in ("ID",)
    if target == "INTEGER":
        return value in ("FLOAT", "RTIME", "TIME") and not literal
    if target == "FLOAT":
        return value == "INTEGER" or (value in ("RTIME", "TIME") and not literal)
    if target in ("RTIME", "TIME"):
        return value in ("RTIME", "TIME") or (value in ("INTEGER", "FLOAT") and not literal)
    if target == "IP":
        return value == "STRING"
    if target == "REGEX":
        return value == "STRING"
    return target not in SCALARS and target not in ("BACKEND", "ACL")


def argument_ok(param: str, value: str | None, literal: bool, expr: A.Expression) -> bool:
    """Whether an argument fits a builtin's parameter type (lenient where Fastly converts)."""
    if param in ("TABLE", "ACL", "ID"):
        return isinstance(expr, A.Ident)
    if value is None:
        return True
    value = normal(value)
    if param == "BACKEND":
        return value == "BACKEND"
    if value in ("ACL", "TABLE"):
        return False
    if param == "STRING":
        return not literal or value == "STRING"
    if param == "INTEGER":
        return value in ("INTEGER",) or (value in ("FLOAT", "RTIME", "TIME") and not literal)
    if param == "FLOAT":
        return value in ("INTEGER", "FLOAT") or (value in ("RTIME", "TIME") and not literal)
    if param in ("RTIME", "TIME"):
        return value in ("RTIME", "TIME", "STRING") or (value in ("INTEGER", "FLOAT")
                                                        and not literal)
    if param == "BOOL":
        return value == "BOOL" or (not literal and value != "STRING")
    if param == "IP":
        return value in ("IP", "STRING")
    return True
