"""math.*: C's libm functions over FLOAT; rounding modes as Fastly names them."""

from __future__ import annotations

import math
import sys
from typing import Any

from . import builtin


def _unary(name: str, fn: Any) -> None:
    def call(ex: Any, node: Any, x: float) -> float:
        try:
            return float(fn(float(x)))
        except OverflowError:  # C's libm: HUGE_VAL and ERANGE
            ex.st.vars["fastly.error"] = "ERANGE"
            return math.inf
        except ValueError:  # outside the domain: NaN and EDOM
            ex.st.vars["fastly.error"] = "EDOM"
            return math.nan
    builtin(name)(call)


for _n in ("acos", "acosh", "asin", "asinh", "atan", "atanh", "cos", "cosh", "exp", "log",
           "log10", "log2", "sin", "sinh", "sqrt", "tan", "tanh"):
    _unary(f"math.{_n}", getattr(math, _n))
_unary("math.exp2", lambda x: 2.0 ** x)
_unary("math.ceil", math.ceil)
_unary("math.floor", math.floor)
_unary("math.trunc", math.trunc)
_unary("math.round", lambda x: math.floor(x + 0.5) if x >= 0 else -math.floor(-x + 0.5))
_unary("math.roundeven", lambda x: float(round(x)))
_unary("math.roundhalfup", lambda x: math.floor(x + 0.5))
_unary("math.roundhalfdown", lambda x: math.ceil(x - 0.5))


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
