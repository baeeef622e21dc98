"""What the API says about how much we may send and when: the hourly write budget
(`Fastly-RateLimit-Remaining`/`-Reset` on every write's answer) and `Retry-After`.

Values from the wire are clamped, never trusted: a reset years ahead, `1e400` or `nan` must
neither raise (OverflowError) nor make fastlysync wait for ever.
"""

from __future__ import annotations

import contextvars
import email.utils
import time
from dataclasses import dataclass

import httpx

REMAINING = "Fastly-RateLimit-Remaining"
RESET = "Fastly-RateLimit-Reset"
MAX_RESET_AHEAD = 2 * 3600
"""A reset further ahead than this is nonsense (the window is an hour): clamped."""


@dataclass
class Reservation:
    """Writes a service still expects to make; shrinks as it makes them."""

    left: int


_reservation: contextvars.ContextVar[Reservation | None] = contextvars.ContextVar(
    "fastlysync_reservation", default=None)


@dataclass
class RateBudget:
    """What Fastly last said about the hourly write window (headers on non-GET answers)."""

    remaining: int | None = None
    reset: int | None = None
    reserved: int = 0

    def observe(self, headers: httpx.Headers) -> None:
        try:
            remaining = int(headers[REMAINING])
        except (KeyError, ValueError):
            return
        reset = clamp_reset(headers.get(RESET, ""), time.time())
        if self.remaining is None or reset != self.reset:
            self.remaining, self.reset = remaining, reset
        else:
            self.remaining = min(self.remaining, remaining)

    def known(self) -> bool:
        if self.remaining is None:
            return False
        if self.reset is not None and time.time() >= self.reset:
            self.remaining = None  # a new window has started
            return False
        return True

    def available(self) -> int | None:
        return self.remaining - self.reserved if self.known() else None  # type: ignore[operator]

    def reserve(self, writes: int) -> Reservation | None:
        """Claim `writes` of the known budget; None when they do not fit."""
        free = self.available()
        if free is not None and free < writes:
            return None
        self.reserved += writes
        return Reservation(writes)

    def release(self, reservation: Reservation) -> None:
        self.reserved -= reservation.left
        reservation.left = 0

    def spent_one(self) -> None:
        reservation = _reservation.get()
        if reservation is not None and reservation.left > 0:
            reservation.left -= 1
            self.reserved -= 1

    def reset_text(self) -> str:
        if self.reset is None:
            return "at the top of the hour"
        return "at " + time.strftime("%H:%M:%S UTC", time.gmtime(self.reset))


def clamp_reset(value: str, now: float) -> int | None:
    """`Fastly-RateLimit-Reset` (epoch seconds) as an int within [now, now + 2 h]; absurd
    values (1e400, nan, negative, years ahead) never raise and never wait for ever."""
    try:
        seconds = float(value)
    except ValueError:
        return None
    if seconds != seconds:  # nan
        return None
    return int(min(max(seconds, now), now + MAX_RESET_AHEAD))


def retry_after(value: str | None, cap: float) -> float | None:
    """`Retry-After` (seconds or an HTTP date) clamped to [0, cap]: a server asking for a
    day, for 1e400 s or for nan seconds gets the longest backoff, never an OverflowError."""
    if value is None:
        return None
    try:
        seconds = float(value)
    except ValueError:
        try:
            when = email.utils.parsedate_to_datetime(value)
        except (TypeError, ValueError, IndexError, OverflowError):
            return None
        if when.tzinfo is None:
            return None
        seconds = when.timestamp() - time.time()
    if seconds != seconds:  # nan
        return None
    return min(max(seconds, 0.0), cap)


def use_reservation(reservation: Reservation | None) -> None:
    """Attribute this task's writes to `reservation` (contextvars follow asyncio tasks)."""
    _reservation.set(reservation)
