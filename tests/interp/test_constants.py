"""math.* constants and limits read as C's values (they read 0 with a note before)."""

import math
import sys

import pytest

from .helpers import evaluate, run


@pytest.mark.parametrize(("name", "value"), [
    ("math.PI", 3.141592653589793), ("math.E", 2.718281828459045),
    ("math.TAU", 6.283185307179586), ("math.PI_2", 1.5707963267948966),
    ("math.SQRT2", 1.4142135623730951), ("math.LN2", 0.6931471805599453),
    ("math.PHI", 1.618033988749895), ("math.FLOAT_MAX", 1.7976931348623157e308),
    ("math.FLOAT_EPSILON", 2.220446049250313e-16), ("math.FLOAT_MIN", 2.2250738585072014e-308),
    ("math.FLOAT_DIG", 15), ("math.FLOAT_MANT_DIG", 53), ("math.FLOAT_MAX_EXP", 1024),
    ("math.INTEGER_MAX", 9223372036854775807), ("math.INTEGER_MIN", -9223372036854775808),
    ("math.INTEGER_BIT", 64), ("math.NEG_INFINITY", -math.inf),
])
def test_math_constants(name, value) -> None:
    assert evaluate(name) == value


def test_every_catalogue_math_constant_is_modelled() -> None:
    from fastlysync.interp.constants import MATH
    from fastlysync.vcl.catalogue import load

    names = {n for n in load().variable_names() if n.startswith("math.")}
    assert names and names <= set(MATH)
    assert math.isnan(evaluate("math.NAN"))
    assert evaluate("math.FLOAT_RADIX") == sys.float_info.radix == 2


def test_host_header_keeps_what_the_client_sent() -> None:
    vcl = ('sub vcl_recv { set req.http.Host = "origin.internal"; '
           'set req.http.X = fastly_info.host_header; error 600; }\n'
           'sub vcl_error { set obj.http.X = req.http.X; }')
    result = run(vcl, headers=[("Host", "www.Example.com")])
    assert result.headers.get("X") == "www.Example.com"
    assert not any("host_header" in note for note in result.notes)
