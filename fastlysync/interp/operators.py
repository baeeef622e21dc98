"""VCL's comparison and arithmetic operators over typed values."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .errors import VclRuntimeError
from .values import AclRef, BackendRef, parse_ip, to_str, type_of


def compare(op: str, left: Any, right: Any) -> bool:
    if op == "==":
        if left is None or right is None:
            return False  # Fastly: a not-set value equals nothing, not even another not-set one
        if isinstance(left, BackendRef | AclRef) or isinstance(right, BackendRef | AclRef):
            return left is right or to_str(left) == to_str(right)
        if type_of(left) == "IP" or type_of(right) == "IP":
            return parse_ip(to_str(left)) == parse_ip(to_str(right))
        if isinstance(left, str) or isinstance(right, str):
            return to_str(left) == to_str(right)
        return bool(left == right)
    if op == "!=":
        return not compare("==", left, right)
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


ARITH: dict[str, Callable[[Any, Any], Any]] = {
    "+": lambda a, b: a + b, "-": lambda a, b: a - b, "*": lambda a, b: a * b,
    "/": _div, "%": _mod, "|": lambda a, b: int(a) | int(b),
    "&": lambda a, b: int(a) & int(b), "^": lambda a, b: int(a) ^ int(b),
    "<<": lambda a, b: int(a) << int(b), ">>": lambda a, b: int(a) >> int(b),
    "rol": _shift_rol, "ror": _shift_ror,
}


def int_or_zero(text: str) -> int:
    try:
        return int(text)
    except ValueError:
        return 0
