"""VCL's typed values as Python values, and the conversions Fastly applies between them.

STRING is ``str`` (``None`` is "not set", e.g. a missing header), BOOL ``bool``, INTEGER ``int``,
FLOAT ``float``, TIME ``Time`` (epoch seconds), RTIME ``RTime`` (seconds), IP an ``ipaddress``
address, BACKEND ``BackendRef`` and ACL ``AclRef``.
"""

from __future__ import annotations

import ipaddress
import math
import time as _time
from dataclasses import dataclass, field
from typing import Any

IP = ipaddress.IPv4Address | ipaddress.IPv6Address


class Time(float):
    """A point in time, seconds since the epoch."""

    __slots__ = ()


class RTime(float):
    """A duration in seconds."""

    __slots__ = ()


@dataclass(eq=False)
class BackendRef:
    """A backend or director as VCL sees it (``F_origin``)."""

    name: str
    healthy: bool = True
    kind: str = "backend"  # backend or director
    members: list[BackendRef] = field(default_factory=list)
    director_type: str = ""
    host: str = ""
    port: int = 80
    use_ssl: bool = False
    override_host: str | None = None
    spec_name: str = ""

    def __str__(self) -> str:
        return self.name


@dataclass(eq=False)
class AclRef:
    name: str
    entries: list[tuple[ipaddress.IPv4Network | ipaddress.IPv6Network, bool]]

    def match(self, ip: Any) -> bool:
        """Longest matching prefix wins; a negated entry excludes (Fastly's ACL semantics)."""
        if not isinstance(ip, ipaddress.IPv4Address | ipaddress.IPv6Address):
            return False
        best: tuple[int, bool] | None = None
        for net, negated in self.entries:
            if ip.version == net.version and ip in net and (
                    best is None or net.prefixlen > best[0]):
                best = (net.prefixlen, negated)
        return best is not None and not best[1]


OUT_OF_BOUNDS = "datetime out of bounds"


def http_date(seconds: float) -> str:
    """RFC 1123 date, how Fastly renders a TIME as a string; a time before the epoch (or past
    year 9999) renders as Fastly's "datetime out of bounds" (its std.time example)."""
    if not 0 <= seconds < 253402300800:
        return OUT_OF_BOUNDS
    return _time.strftime("%a, %d %b %Y %H:%M:%S GMT", _time.gmtime(seconds))


def to_str(value: Any) -> str:
    """A value as it appears when concatenated or assigned to a header."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, Time):
        return http_date(value)
    if isinstance(value, float):  # FLOAT and RTIME: three decimals
        if math.isnan(value):
            return "NaN"
        if math.isinf(value):
            return "inf" if value > 0 else "-inf"
        return f"{value:.3f}"
    if isinstance(value, ipaddress.IPv6Address) and value.ipv4_mapped:
        # inet_ntop's form (and Python 3.13's): the mapped IPv4 address stays dotted.
        return f"::ffff:{value.ipv4_mapped}"
    return str(value)


def to_bool(value: Any) -> bool:
    """A condition: a STRING is true when set (even empty); numbers never appear bare in Fastly
    conditions, but are treated as non-zero."""
    if value is None:
        return False
    if isinstance(value, str):
        return True
    return bool(value)


def parse_ip(text: str | None) -> IP | None:
    if not text:
        return None
    try:
        return ipaddress.ip_address(text.strip().strip("[]"))
    except ValueError:
        return None


ZERO: dict[str, Any] = {"STRING": None, "BOOL": False, "INTEGER": 0, "FLOAT": 0.0,
                        "TIME": Time(0), "RTIME": RTime(0), "IP": None, "BACKEND": None,
                        "ACL": None, "HASH": None}


def coerce(value: Any, vtype: str) -> Any:
    """Convert a value for assignment to a target of ``vtype`` (what ``set`` does)."""
    if vtype == "STRING":
        return value if value is None or isinstance(value, str) else to_str(value)
    if vtype == "INTEGER":
        if isinstance(value, bool):
            return int(value)
        if isinstance(value, float):
            return int(value)  # Fastly truncates RTIME/FLOAT assigned to INTEGER
        if isinstance(value, str):
            return str_to_int(value)
        return value
    if vtype == "FLOAT":
        if isinstance(value, int | float):
            return float(value)
        if isinstance(value, str):
            try:
                return float(value)
            except ValueError:
                return 0.0
        return value
    if vtype == "RTIME":
        if isinstance(value, int | float) and not isinstance(value, RTime):
            return RTime(value)
        return value
    if vtype == "TIME":
        if isinstance(value, int | float) and not isinstance(value, Time):
            return Time(value)
        return value
    if vtype == "BOOL":
        return to_bool(value)
    if vtype == "IP" and isinstance(value, str):
        return parse_ip(value)
    return value


INT_MIN, INT_MAX = -(2**63), 2**63 - 1


def str_to_int(text: str) -> int:
    """Leading integer of a string (``"12abc"`` -> 12), 0 when none, like C's strtoll (which
    clamps a value past 64 bits)."""
    text = text.strip()
    end = 0
    if text[:1] in ("+", "-"):
        end = 1
    while end < len(text) and text[end] in "0123456789":
        end += 1
    try:
        return max(INT_MIN, min(INT_MAX, int(text[:end])))
    except ValueError:
        return 0


def type_of(value: Any) -> str:
    if value is None or isinstance(value, str):
        return "STRING"
    if isinstance(value, bool):
        return "BOOL"
    if isinstance(value, int):
        return "INTEGER"
    if isinstance(value, Time):
        return "TIME"
    if isinstance(value, RTime):
        return "RTIME"
    if isinstance(value, float):
        return "FLOAT"
    if isinstance(value, BackendRef):
        return "BACKEND"
    if isinstance(value, AclRef):
        return "ACL"
    return "IP"
