"""Fastly's write rate limit: non-GET requests per token in a fixed hourly window."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass


@dataclass
class Verdict:
    allowed: bool
    remaining: int
    reset: int
    """Top of the next hour, in UTC epoch seconds (what the real API sends)."""

    def headers(self) -> dict[str, str]:
        return {"Fastly-RateLimit-Remaining": str(self.remaining),
                "Fastly-RateLimit-Reset": str(self.reset)}


class RateLimiter:
    def __init__(self, limit: int = 1000, clock: Callable[[], float] = time.time) -> None:
        self.limit = limit
        self.clock = clock
        self._used: dict[str, tuple[int, int]] = {}
        """token -> (window, requests counted in it)."""

    def take(self, token: str) -> Verdict:
        """Count one write for `token` unless it is over the limit."""
        window = int(self.clock()) // 3600
        reset = (window + 1) * 3600
        current, used = self._used.get(token, (window, 0))
        if current != window:
            used = 0
        if used >= self.limit:
            return Verdict(False, 0, reset)
        used += 1
        self._used[token] = (window, used)
        return Verdict(True, max(self.limit - used, 0), reset)

    def usage(self) -> dict[str, int]:
        window = int(self.clock()) // 3600
        return {token[:4] + "…": used for token, (w, used) in self._used.items() if w == window}

    def reset(self) -> None:
        self._used.clear()
