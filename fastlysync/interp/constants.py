"""Fastly's math constants and limits (`math.PI`, `math.FLOAT_MAX`, `math.INTEGER_MAX`...): C's
<math.h> and <float.h> values for a 64-bit double and Fastly's 64-bit INTEGER."""

from __future__ import annotations

import math
import sys

_F = sys.float_info

MATH: dict[str, float | int] = {
    "math.E": math.e, "math.PI": math.pi, "math.TAU": math.tau, "math.2PI": 2 * math.pi,
    "math.PI_2": math.pi / 2, "math.PI_4": math.pi / 4, "math.1_PI": 1 / math.pi,
    "math.2_PI": 2 / math.pi, "math.2_SQRTPI": 2 / math.sqrt(math.pi),
    "math.SQRT2": math.sqrt(2), "math.SQRT1_2": math.sqrt(0.5), "math.LN2": math.log(2),
    "math.LN10": math.log(10), "math.LOG2E": math.log2(math.e),
    "math.LOG10E": math.log10(math.e), "math.PHI": (1 + math.sqrt(5)) / 2,
    "math.NAN": math.nan, "math.POS_INFINITY": math.inf, "math.NEG_INFINITY": -math.inf,
    "math.POS_HUGE_VAL": math.inf, "math.NEG_HUGE_VAL": -math.inf,
    "math.FLOAT_DIG": _F.dig, "math.FLOAT_EPSILON": _F.epsilon,
    "math.FLOAT_MANT_DIG": _F.mant_dig, "math.FLOAT_MAX": _F.max,
    "math.FLOAT_MAX_10_EXP": _F.max_10_exp, "math.FLOAT_MAX_EXP": _F.max_exp,
    "math.FLOAT_MIN": _F.min, "math.FLOAT_MIN_10_EXP": _F.min_10_exp,
    "math.FLOAT_MIN_EXP": _F.min_exp, "math.FLOAT_RADIX": _F.radix,
    "math.INTEGER_BIT": 64, "math.INTEGER_MAX": 2**63 - 1, "math.INTEGER_MIN": -(2**63),
}
