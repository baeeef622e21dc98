"""uuid.*, randomness (seeded per test run, so results repeat), and request-level no-ops."""

from __future__ import annotations

import random
import uuid
from typing import Any

from ..values import to_str
from . import builtin

_NAMESPACES = {"uuid.dns": uuid.NAMESPACE_DNS, "uuid.url": uuid.NAMESPACE_URL,
               "uuid.oid": uuid.NAMESPACE_OID, "uuid.x500": uuid.NAMESPACE_X500}

for _name, _ns in _NAMESPACES.items():
    builtin(_name)(lambda ex, node, _ns=_ns: str(_ns))


def _uuid(text: Any) -> uuid.UUID | None:
    value = to_str(text)
    try:
        return uuid.UUID(value) if len(value) in (32, 36, 38, 45) else None
    except ValueError:
        return None


@builtin("uuid.version4")
def version4(ex: Any, node: Any) -> str:
    return str(uuid.UUID(int=ex.st.rng.getrandbits(128), version=4))


@builtin("uuid.version7")
def version7(ex: Any, node: Any) -> str:
    ms = int(float(ex.st.now) * 1000) & ((1 << 48) - 1)
    value = (ms << 80) | ex.st.rng.getrandbits(80)
    value = (value & ~(0xF << 76)) | (7 << 76)  # version 7
    value = (value & ~(0x3 << 62)) | (0x2 << 62)  # RFC 4122 variant
    return str(uuid.UUID(int=value))


@builtin("uuid.version3")
def version3(ex: Any, node: Any, namespace: Any, name: Any) -> str:
    ns = _uuid(namespace)
    return str(uuid.uuid3(ns, to_str(name))) if ns else ""


@builtin("uuid.version5")
def version5(ex: Any, node: Any, namespace: Any, name: Any) -> str:
    ns = _uuid(namespace)
    return str(uuid.uuid5(ns, to_str(name))) if ns else ""


@builtin("uuid.is_valid")
def is_valid(ex: Any, node: Any, text: Any) -> bool:
    return _uuid(text) is not None


def _is_version(n: int) -> None:
    def fn(ex: Any, node: Any, text: Any) -> bool:
        u = _uuid(text)
        return u is not None and u.version == n
    builtin(f"uuid.is_version{n}")(fn)


for _n in (3, 4, 5, 7):
    _is_version(_n)


@builtin("randombool")
def randombool(ex: Any, node: Any, numerator: int, denominator: int) -> bool:
    return ex.st.rng.random() * int(denominator) < int(numerator) if denominator else False


def _seeded(ex: Any, name: str) -> None:
    note = (f"{name}: repeats for a seed, but Fastly's sequence is not published, so the value "
            "may differ from Fastly's")
    if note not in ex.st.notes:
        ex.st.notes.append(note)


@builtin("randombool_seeded")
def randombool_seeded(ex: Any, node: Any, numerator: int, denominator: int, seed: int) -> bool:
    _seeded(ex, "randombool_seeded")
    rng = random.Random(int(seed))
    return rng.random() * int(denominator) < int(numerator) if denominator else False


@builtin("randomint")
def randomint(ex: Any, node: Any, low: int, high: int) -> int:
    return ex.st.rng.randint(min(low, high), max(low, high))


@builtin("randomint_seeded")
def randomint_seeded(ex: Any, node: Any, low: int, high: int, seed: int) -> int:
    _seeded(ex, "randomint_seeded")
    return random.Random(int(seed)).randint(min(low, high), max(low, high))


_ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"


@builtin("randomstr")
def randomstr(ex: Any, node: Any, length: int, charset: Any = None) -> str:
    chars = to_str(charset) if charset is not None else _ALNUM
    return "".join(ex.st.rng.choice(chars) for _ in range(max(int(length), 0))) if chars else ""


def _noop(name: str) -> None:
    """Delivery hints with no effect on the response a test sees (recorded in notes)."""
    def fn(ex: Any, node: Any, *args: Any) -> None:
        note = f"{name} has no effect in local runs"
        if note not in ex.st.notes:
            ex.st.notes.append(note)
    builtin(name)(fn)


for _name in ("h2.push", "h2.disable_header_compression", "h3.alt_svc", "early_hints",
              "resp.tarpit"):
    _noop(_name)


def _boxes(ex: Any) -> dict[str, dict[str, float]]:
    return ex.st.pop.setdefault("penalty", {})


def _counters(ex: Any) -> dict[tuple[str, str], list[tuple[float, int]]]:
    return ex.st.pop.setdefault("counters", {})


@builtin("ratelimit.penaltybox_has")
def penaltybox_has(ex: Any, node: Any, box: Any, entry: Any) -> bool:
    until = _boxes(ex).get(to_str(box), {}).get(to_str(entry))
    return until is not None and float(ex.st.now) < until


@builtin("ratelimit.penaltybox_add")
def penaltybox_add(ex: Any, node: Any, box: Any, entry: Any, ttl: Any) -> None:
    _boxes(ex).setdefault(to_str(box), {})[to_str(entry)] = float(ex.st.now) + float(ttl)


def _increment(ex: Any, counter: Any, entry: Any, delta: int) -> list[tuple[float, int]]:
    events = _counters(ex).setdefault((to_str(counter), to_str(entry)), [])
    events.append((float(ex.st.now), int(delta)))
    return events


@builtin("ratelimit.ratecounter_increment")
def ratecounter_increment(ex: Any, node: Any, counter: Any, entry: Any, delta: int) -> int:
    _increment(ex, counter, entry, delta)
    return 0


def _rate(ex: Any, events: list[tuple[float, int]], window: int) -> float:
    """Requests per second over the window: the requests this test case sent."""
    since = float(ex.st.now) - max(int(window), 1)
    return sum(n for t, n in events if t > since) / max(int(window), 1)


@builtin("ratelimit.check_rate")
def check_rate(ex: Any, node: Any, entry: Any, counter: Any, delta: int, window: int,
               limit: int, box: Any, ttl: Any) -> bool:
    events = _increment(ex, counter, entry, delta)
    if _rate(ex, events, window) > int(limit):
        penaltybox_add(ex, node, box, entry, ttl)
        return True
    return False


@builtin("ratelimit.check_rates")
def check_rates(ex: Any, node: Any, entry: Any, counter1: Any, delta1: int, window1: int,
                limit1: int, counter2: Any, delta2: int, window2: int, limit2: int, box: Any,
                ttl: Any) -> bool:
    first = _rate(ex, _increment(ex, counter1, entry, delta1), window1) > int(limit1)
    second = _rate(ex, _increment(ex, counter2, entry, delta2), window2) > int(limit2)
    if first or second:
        penaltybox_add(ex, node, box, entry, ttl)
        return True
    return False


@builtin("fastly.try_select_shield")
def try_select_shield(ex: Any, node: Any, shield: Any, fallback: Any) -> Any:
    """Shielding is not modelled: every test request is served as if this POP were the shield,
    so the fallback backend is used (noted)."""
    note = "shielding is not modelled: fastly.try_select_shield used the fallback backend"
    if note not in ex.st.notes:
        ex.st.notes.append(note)
    return fallback
