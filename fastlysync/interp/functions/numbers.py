"""math.*: C's libm functions over FLOAT; rounding modes as Fastly names them."""

from __future__ import annotations

import math
import sys
from typing import Any

from . import builtin


def _unary(name: str, fn: Any, pole: float | None = None) -> None:
    """`pole`: the argument where C's function has a pole error (log(0), atanh(+-1)): it
    returns an infinity and sets ERANGE, where Python raises."""
    def call(ex: Any, node: Any, x: float) -> float:
        x = float(x)
        if pole is not None and abs(x) == pole:
            ex.st.vars["fastly.error"] = "ERANGE"
            return -math.inf if pole == 0 else math.copysign(math.inf, x)
        try:
            return float(fn(x))
        except OverflowError:  # C's libm: HUGE_VAL with the result's sign, and ERANGE
            ex.st.vars["fastly.error"] = "ERANGE"
            return -math.inf if name == "math.sinh" and x < 0 else math.inf
        except ValueError:  # outside the domain: NaN and EDOM
            ex.st.vars["fastly.error"] = "EDOM"
            return math.nan
    builtin(name)(call)


def _rounding(name: str, fn: Any) -> None:
    """Rounding leaves infinities and NaN as they are, without an error (as C's do)."""
    def call(ex: Any, node: Any, x: float) -> float:
        x = float(x)
        return x if not math.isfinite(x) else float(fn(x))
    builtin(name)(call)


def _half_away(x: float) -> float:
    whole = math.floor(abs(x))
    return math.copysign(whole + (1.0 if abs(x) - whole >= 0.5 else 0.0), x)


def _half_up(x: float) -> float:
    whole = math.floor(x)
    return whole + (1.0 if x - whole >= 0.5 else 0.0)


def _half_down(x: float) -> float:
    whole = math.ceil(x)
    return whole - (1.0 if whole - x >= 0.5 else 0.0)


for _n in ("acos", "acosh", "asin", "asinh", "atan", "cos", "cosh", "exp", "sin", "sinh",
           "sqrt", "tan", "tanh"):
    _unary(f"math.{_n}", getattr(math, _n))
for _n in ("log", "log10", "log2"):
    _unary(f"math.{_n}", getattr(math, _n), pole=0.0)
_unary("math.atanh", math.atanh, pole=1.0)
_unary("math.exp2", lambda x: 2.0 ** x)
_rounding("math.ceil", math.ceil)
_rounding("math.floor", math.floor)
_rounding("math.trunc", math.trunc)
_rounding("math.round", _half_away)
_rounding("math.roundeven", round)
_rounding("math.roundhalfup", _half_up)
_rounding("math.roundhalfdown", _half_down)


@builtin("math.atan2")
def atan2(ex: Any, node: Any, y: float, x: float) -> float:
    return math.atan2(float(y), float(x))


@builtin("math.is_finite")
def is_finite(ex: Any, node: Any, x: float) -> bool:
    return math.isfinite(float(x))


@builtin("math.is_infinite")
def is_infinite(ex: Any, node: Any, x: float) -> bool:
    return math.isinf(float(x))


@builtin("math.is_nan")
def is_nan(ex: Any, node: Any, x: float) -> bool:
    return math.isnan(float(x))


@builtin("math.is_normal")
def is_normal(ex: Any, node: Any, x: float) -> bool:
    v = float(x)
    return math.isfinite(v) and v != 0 and abs(v) >= sys.float_info.min


@builtin("math.is_subnormal")
def is_subnormal(ex: Any, node: Any, x: float) -> bool:
    v = float(x)
    return v != 0 and abs(v) < sys.float_info.min
