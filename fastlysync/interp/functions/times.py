"""Time functions: parsing, formatting and arithmetic on TIME and RTIME."""

from __future__ import annotations

import calendar
import email.utils
import time as _time
from datetime import UTC, datetime
from typing import Any

from .. import regex
from ..values import Time, to_str
from . import builtin


def parse_date(text: str) -> Time | None:
    """The formats ``std.time`` accepts: RFC 1123/850, asctime, ISO 8601, epoch seconds."""
    text = text.strip()
    if regex.search(r"^\d+(\.\d+)?$", text):
        return Time(float(text))
    try:
        parsed = email.utils.parsedate_tz(text)
    except (TypeError, ValueError):
        parsed = None
    if parsed is not None:
        return Time(calendar.timegm(parsed[:9]) - (parsed[9] or 0))
    for fmt in ("%Y-%m-%dT%H:%M:%SZ", "%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M:%S%z",
                "%Y-%m-%d", "%a, %d-%b-%y %H:%M:%S GMT", "%A, %d-%b-%y %H:%M:%S GMT",
                "%a %b %d %H:%M:%S %Y"):
        try:
            dt = datetime.strptime(text, fmt)
        except ValueError:
            continue
        if dt.tzinfo is None:
            dt = dt.replace(tzinfo=UTC)
        return Time(dt.timestamp())
    return None


@builtin("std.time")
def std_time(ex: Any, node: Any, text: Any, fallback: Any) -> Any:
    found = parse_date(to_str(text))
    return found if found is not None else fallback


@builtin("std.integer2time")
def integer2time(ex: Any, node: Any, seconds: int) -> Time:
    return Time(int(seconds))


@builtin("strftime")
def strftime(ex: Any, node: Any, fmt: Any, when: Any) -> str:
    return _time.strftime(to_str(fmt), _time.gmtime(float(when)))


@builtin("time.add")
def time_add(ex: Any, node: Any, when: Any, delta: Any) -> Time:
    return Time(float(when) + float(delta))


@builtin("time.sub")
def time_sub(ex: Any, node: Any, when: Any, delta: Any) -> Time:
    return Time(float(when) - float(delta))


@builtin("time.is_after")
def is_after(ex: Any, node: Any, a: Any, b: Any) -> bool:
    return float(a) > float(b)


@builtin("time.hex_to_time")
def hex_to_time(ex: Any, node: Any, divisor: int, text: Any) -> Time:
    try:
        return Time(int(to_str(text), 16) / max(int(divisor), 1))
    except ValueError:
        return Time(0)




@builtin("time.units")
def units(ex: Any, node: Any, unit: Any, when: Any) -> str | None:
    return _units(ex, to_str(unit), float(when))


@builtin("time.runits")
def runits(ex: Any, node: Any, unit: Any, delta: Any) -> str | None:
    return _units(ex, to_str(unit), float(delta))


_PLACES = {"s": 0, "ms": 3, "us": 6, "ns": 9}


def _units(ex: Any, unit: str, value: float) -> str | None:
    """Whole seconds, then (for ms, us, ns) a point and 3, 6 or 9 decimal places, truncated as
    Fastly's nanosecond integer is; another unit sets fastly.error to EINVAL."""
    if unit not in _PLACES:
        ex.st.vars["fastly.error"] = "EINVAL"
        return None
    nanos = round(value * 1_000_000_000)
    whole, rest = divmod(abs(nanos), 1_000_000_000)
    sign = "-" if nanos < 0 else ""
    places = _PLACES[unit]
    if not places:
        return f"{sign}{whole}"
    return f"{sign}{whole}.{rest // 10 ** (9 - places):0{places}d}"


_DELTA = {"d": 86400, "h": 3600, "m": 60, "s": 1}


@builtin("parse_time_delta")
def parse_time_delta(ex: Any, node: Any, text: Any) -> int:
    m = regex.search(r"^\s*(-?\d+)\s*([dhms]?)\s*$", to_str(text).lower())
    if m is None:
        return -1
    return int(m.group(1)) * _DELTA.get(m.group(2) or "s", 1)


@builtin("time.interval_elapsed_ratio")
def interval_elapsed_ratio(ex: Any, node: Any, when: Any, start: Any, end: Any) -> float:
    span = float(end) - float(start)
    return (float(when) - float(start)) / span if span else 0.0
