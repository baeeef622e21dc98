"""The HTTP client: one httpx.AsyncClient, bounded concurrency, careful retries, budget.

Retry rule: a request that is safe to repeat (GET, PUT, DELETE) is retried with jittered
exponential backoff on 5xx answers and connection failures. POST and PATCH are retried only
when the connection failed before anything was sent; any other failure raises `Uncertain`
so the caller can look at the live state before sending again (a create is checked by name).
429 is never retried: the hourly write window does not reset in seconds.
"""

from __future__ import annotations

import asyncio
import contextvars
import functools
import importlib.metadata
import json
import random
import ssl
import time
from collections import Counter
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote, urlencode

import httpx

from .config import ClientConfig
from .errors import ApiError, FastlyError, RateLimited, TransportError, Uncertain
from .transport import LeanTransport

REPEATABLE = frozenset({"GET", "HEAD", "PUT", "DELETE"})
READS = frozenset({"GET", "HEAD"})
NOT_SENT = (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout)
REMAINING = "Fastly-RateLimit-Remaining"
RESET = "Fastly-RateLimit-Reset"


def package_version() -> str:
    try:
        return importlib.metadata.version("fastlysync")
    except importlib.metadata.PackageNotFoundError:
        return "0"


@functools.cache
def tls_context() -> ssl.SSLContext:
    """One verifying TLS context per process: building it costs ~0.1 s (CA bundle load)."""
    return ssl.create_default_context()


def seg(value: str | int) -> str:
    """One path segment, percent-encoded (condition names may hold `/`)."""
    return quote(str(value), safe="")


@dataclass
class Reply:
    status: int
    data: Any
    headers: httpx.Headers


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
        try:
            reset = int(float(headers.get(RESET, "")))
        except ValueError:
            reset = None
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


def use_reservation(reservation: Reservation | None) -> None:
    """Attribute this task's writes to `reservation` (contextvars follow asyncio tasks)."""
    _reservation.set(reservation)


@dataclass
class Stats:
    reads: int = 0
    writes: int = 0
    retries: int = 0
    by_method: Counter[str] = field(default_factory=Counter)


class FastlyClient:
    """Async Fastly API client. Use as `async with FastlyClient(config) as client:`."""

    def __init__(self, config: ClientConfig, *,
                 transport: httpx.AsyncBaseTransport | None = None) -> None:
        self.config = config
        self.budget = RateBudget()
        self.stats = Stats()
        self._transport = transport
        self._http: httpx.AsyncClient | None = None
        self._slots = asyncio.Semaphore(config.concurrency)

    async def __aenter__(self) -> FastlyClient:
        secure = not self.config.endpoint.startswith("http://")  # http: loopback only
        transport = self._transport or LeanTransport(
            connections=self.config.concurrency,
            ssl_context=tls_context() if secure else None,
            connect_timeout=self.config.timeout, read_timeout=self.config.timeout)
        self._http = httpx.AsyncClient(
            base_url=self.config.endpoint,
            headers={"Fastly-Key": self.config.token, "Accept": "application/json",
                     "User-Agent": f"fastlysync/{package_version()}"},
            timeout=self.config.timeout, transport=transport)
        return self

    async def __aexit__(self, *exc: object) -> None:
        if self._http is not None:
            await self._http.aclose()
            self._http = None

    async def get(self, path: str, params: dict[str, Any] | None = None) -> Any:
        return (await self.call("GET", path, params=params)).data

    async def call(self, method: str, path: str, *, params: dict[str, Any] | None = None,
                   form: dict[str, str] | None = None, body: Any = None,
                   repeatable: bool | None = None) -> Reply:
        """One API call. `repeatable` overrides the method's default retry safety."""
        if self._http is None:
            raise FastlyError("client used outside `async with`")
        method = method.upper()
        safe = method in REPEATABLE if repeatable is None else repeatable
        attempts = max(1, self.config.attempts)
        problem = ""
        for attempt in range(attempts):
            if attempt:
                self.stats.retries += 1
                await asyncio.sleep(self._delay(attempt))
            try:
                response = await self._send(method, path, params, form, body)
            except NOT_SENT as exc:
                problem = _describe(exc)
                continue
            except httpx.TransportError as exc:
                problem = _describe(exc)
                if not safe:
                    raise Uncertain(method, path, problem) from None
                continue
            if method not in READS:
                self.budget.observe(response.headers)
                self.budget.spent_one()
            if response.status_code >= 500:
                problem = f"{response.status_code} {self._message(response)[0]}"
                if not safe:
                    raise Uncertain(method, path, problem)
                continue
            if response.status_code == 429:
                raise RateLimited(method, path, self._message(response)[0], self.budget.reset)
            if response.status_code >= 400:
                msg, detail = self._message(response)
                raise ApiError(method, path, response.status_code, msg, detail,
                               repeated=attempt > 0)
            return Reply(response.status_code, _json(method, path, response), response.headers)
        raise TransportError(f"{method} {path}: {problem} (gave up after {attempts} attempts)")

    async def _send(self, method: str, path: str, params: dict[str, Any] | None,
                    form: dict[str, str] | None, body: Any) -> httpx.Response:
        if params:  # encoded here: httpx's params merging costs more than the request
            path = f"{path}?{urlencode(params)}"
        kwargs: dict[str, Any] = {}
        if form is not None:
            kwargs["data"] = form
        elif body is not None:
            kwargs["json"] = body
        async with self._slots:
            if method in READS:
                self.stats.reads += 1
            else:
                self.stats.writes += 1
            self.stats.by_method[method] += 1
            assert self._http is not None
            return await self._http.request(method, path, **kwargs)

    def _message(self, response: httpx.Response) -> tuple[str, str | None]:
        msg, detail = _message(response)
        token = self.config.token
        return redact(msg, token), redact(detail, token) if detail else detail

    def _delay(self, attempt: int) -> float:
        ceiling = min(self.config.backoff_cap, self.config.backoff * (2 ** (attempt - 1)))
        return random.uniform(ceiling / 2, ceiling)


def _describe(exc: httpx.TransportError) -> str:
    name = type(exc).__name__
    text = str(exc).strip()
    return f"{name}: {text}" if text else name


def _message(response: httpx.Response) -> tuple[str, str | None]:
    """The API's `msg`/`detail` (legacy) or `errors[0]` (JSON:API), never the raw body."""
    try:
        data = response.json()
    except ValueError:
        return response.reason_phrase or "error", None
    if isinstance(data, dict):
        if "msg" in data:
            detail = data.get("detail")
            return str(data["msg"]), str(detail) if detail else None
        errors = data.get("errors")
        if isinstance(errors, list) and errors and isinstance(errors[0], dict):
            first = errors[0]
            return str(first.get("title", "error")), first.get("detail")
    return response.reason_phrase or "error", None


def _json(method: str, path: str, response: httpx.Response) -> Any:
    if not response.content:
        return None
    try:
        return response.json()
    except (ValueError, json.JSONDecodeError):
        raise ApiError(method, path, response.status_code, "response is not JSON") from None


def redact(text: str, token: str) -> str:
    """Belt and braces: the API has echoed tokens in messages ("Token <t> expired")."""
    return text.replace(token, "(token)") if token else text
