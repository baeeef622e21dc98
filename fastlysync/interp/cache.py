"""The POP's cache as a test case sees it: objects by hash key, and their first TTL."""

from __future__ import annotations

import re
from typing import Any

from .functions.times import parse_date
from .headers import Headers
from .state import CachedObject

CACHEABLE = frozenset({200, 203, 300, 301, 302, 404, 410})
"""Statuses Fastly caches by default (beresp.cacheable)."""

_MAX_AGE = re.compile(r"(?:^|[,\s])max-age\s*=\s*(\d+)", re.I)
_S_MAXAGE = re.compile(r"(?:^|[,\s])s-maxage\s*=\s*(\d+)", re.I)


class Cache:
    """The POP's cache for one test: objects by hash key."""

    def __init__(self) -> None:
        self.objects: dict[str, CachedObject] = {}
        self.pop: dict[str, Any] = {}
        """Rate counters and penalty boxes, shared by the requests of one test case."""

    def get(self, key: str, now: float) -> CachedObject | None:
        found = self.objects.get(key)
        if found is not None and now >= found.stored_at + found.ttl:
            return None
        return found


def initial_ttl(h: Headers, now: float, default_ttl: float) -> float:
    """``beresp.ttl`` before vcl_fetch: Surrogate-Control max-age, Cache-Control s-maxage or
    max-age (less Age), Expires, else the service's default TTL."""
    for header, pattern in (("Surrogate-Control", _MAX_AGE),
                            ("Cache-Control", _S_MAXAGE), ("Cache-Control", _MAX_AGE)):
        m = pattern.search(h.get(header) or "")
        if m:
            return max(float(m.group(1)) - _age(h), 0.0)
    expires = h.get("Expires")
    if expires:
        when = parse_date(expires)
        return max(float(when) - now, 0.0) if when is not None else 0.0
    return float(default_ttl)


def _age(h: Headers) -> float:
    try:
        return float(h.get("Age") or 0)
    except ValueError:
        return 0.0
