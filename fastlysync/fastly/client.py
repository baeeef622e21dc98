"""The HTTP client: one httpx.AsyncClient, bounded concurrency, careful retries, budget.

Retry rule: a request that is safe to repeat (GET, PUT, DELETE) is retried with jittered
exponential backoff on 5xx answers and connection failures. POST and PATCH are retried only
when the connection failed before anything was sent; any other failure raises `Uncertain`
so the caller can look at the live state before sending again (a create is checked by name).
A write's 429 is never retried: the hourly write window does not reset in seconds (a read's
429 with `Retry-After`, from something between us and Fastly, is retried like a 5xx).
Redirects are never followed (a 3xx is an error naming status and path): the token must not
go to another host.

Deadlines: each request must be over within `config.timeout` seconds of getting a
connection slot, and every request of this client within `config.deadline` (the command's
`--timeout`). A request that ran out of time is not retried: it already took the time.

With the `fastlysync.http` logger at DEBUG (`--verbose`, FASTLYSYNC_LOG=debug) each attempt
is logged: method, path, status, milliseconds, rate-limit remaining. Never a header.
"""

from __future__ import annotations

import asyncio
import importlib.metadata
import logging
import random
from collections import Counter
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote, urlencode

import httpx

from .budget import REMAINING, RateBudget, Reservation, retry_after, use_reservation
from .config import ClientConfig
from .errors import (
    ApiError,
    BadResponse,
    DeadlineExceeded,
    FastlyError,
    RateLimited,
    TransportError,
    Uncertain,
)
from .jsonbody import Unreadable, loads
from .tls import tls_context
from .transport import DEADLINE, LeanTransport

__all__ = ["FastlyClient", "RateBudget", "Reply", "Reservation", "Stats", "package_version",
           "seg", "use_reservation"]
"""RateBudget, Reservation and use_reservation live in budget.py; re-exported for callers."""

REPEATABLE = frozenset({"GET", "HEAD", "PUT", "DELETE"})
READS = frozenset({"GET", "HEAD"})
NOT_SENT = (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout)
log = logging.getLogger("fastlysync.http")


def package_version() -> str:
    try:
        return importlib.metadata.version("fastlysync")
    except importlib.metadata.PackageNotFoundError:
        return "0"


def seg(value: str | int) -> str:
    """One path segment, percent-encoded (condition names may hold `/`). A name `.` or `..`
    has its dots encoded too: as is, URL normalisation removes it, and `PUT .../backend/..`
    went to `PUT .../version/N` (200, the backend never updated)."""
    text = quote(str(value), safe="")
    return text.replace(".", "%2E") if text in (".", "..") else text


@dataclass
class Reply:
    status: int
    data: Any
    headers: httpx.Headers


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
        self._ends: float | None = None

    async def __aenter__(self) -> FastlyClient:
        config = self.config
        secure = not config.endpoint.startswith("http://")  # http: loopback only
        transport = self._transport or LeanTransport(
            connections=config.concurrency,
            ssl_context=tls_context(config.trust) if secure else None,
            connect_timeout=config.timeout, read_timeout=config.timeout,
            proxy=config.proxy, max_body=config.max_response)
        self._http = httpx.AsyncClient(
            base_url=config.endpoint,
            headers={"Fastly-Key": config.token, "Accept": "application/json",
                     "User-Agent": f"fastlysync/{package_version()}"},
            timeout=config.timeout, transport=transport, follow_redirects=False,
            trust_env=False)
        loop = asyncio.get_running_loop()
        self._ends = loop.time() + config.deadline if config.deadline else None
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
        wait: float | None = None
        for attempt in range(attempts):
            if attempt:
                self.stats.retries += 1
                delay = self._delay(attempt) if wait is None else wait
                await self._pause(method, path, delay, problem)
            wait = None
            try:
                response = await self._send(method, path, params, form, body)
            except DeadlineExceeded as exc:
                if not safe and exc.sent:
                    raise Uncertain(method, path, str(exc)) from None
                raise DeadlineExceeded(f"{method} {path}: {exc}", sent=exc.sent) from None
            except BadResponse as exc:
                raise BadResponse(f"{method} {path}: {exc}") from None
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
                wait = retry_after(response.headers.get("retry-after"), self.config.backoff_cap)
                if not safe:
                    raise Uncertain(method, path, problem)
                continue
            if (response.status_code == 429 and method in READS
                    and response.headers.get("retry-after") is not None):
                # Fastly never limits reads: this is a proxy or gateway asking for a pause.
                problem = f"429 {self._message(response)[0]}"
                wait = retry_after(response.headers.get("retry-after"), self.config.backoff_cap)
                continue
            if response.status_code == 429:
                raise RateLimited(method, path, self._message(response)[0], self.budget.reset)
            if response.status_code >= 400:
                msg, detail, fastly = self._message(response)
                raise ApiError(method, path, response.status_code, msg, detail,
                               repeated=attempt > 0, from_fastly=fastly)
            if not 200 <= response.status_code < 300:
                what = (_redirect(response) if response.status_code >= 300
                        else "unexpected informational answer")
                raise ApiError(method, path, response.status_code, what, from_fastly=False)
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
            loop = asyncio.get_running_loop()
            started = loop.time()
            ends = started + self.config.timeout
            if self._ends is not None:
                if started >= self._ends:
                    raise DeadlineExceeded(self._command_deadline(), sent=False)
                ends = min(ends, self._ends)
            try:
                response = await self._http.request(method, path, extensions={DEADLINE: ends},
                                                    **kwargs)
            except DeadlineExceeded:
                self._log(method, path, "no answer", started)
                if self._ends is not None and ends >= self._ends:
                    raise DeadlineExceeded(self._command_deadline()) from None
                raise DeadlineExceeded(
                    f"no complete answer within {self.config.timeout:g} s") from None
            except (httpx.TransportError, FastlyError) as exc:
                self._log(method, path, type(exc).__name__, started)
                raise
            self._log(method, path, str(response.status_code), started, response.headers)
            return response

    def _command_deadline(self) -> str:
        return f"the command's deadline of {self.config.deadline:g} s passed (--timeout)"

    async def _pause(self, method: str, path: str, seconds: float, problem: str) -> None:
        """Back off before a retry, unless that would cross the command's deadline."""
        if self._ends is not None and asyncio.get_running_loop().time() + seconds >= self._ends:
            raise DeadlineExceeded(f"{method} {path}: {problem}; "
                                   f"{self._command_deadline()}")
        await asyncio.sleep(seconds)

    def _log(self, method: str, path: str, outcome: str, started: float,
             headers: httpx.Headers | None = None) -> None:
        if not log.isEnabledFor(logging.DEBUG):
            return
        took = (asyncio.get_running_loop().time() - started) * 1000
        remaining = headers.get(REMAINING) if headers is not None else None
        line = f"{method} {path} {outcome} {took:.0f} ms"
        if remaining is not None:
            line += f" rate-limit-remaining={remaining}"
        log.debug("%s", redact(line, self.config.token))

    def _message(self, response: httpx.Response) -> tuple[str, str | None, bool]:
        msg, detail, fastly = _message(response)
        token = self.config.token
        return redact(msg, token), redact(detail, token) if detail else detail, fastly

    def _delay(self, attempt: int) -> float:
        ceiling = min(self.config.backoff_cap, self.config.backoff * (2 ** (attempt - 1)))
        return random.uniform(ceiling / 2, ceiling)


def _describe(exc: httpx.TransportError) -> str:
    name = type(exc).__name__
    text = str(exc).strip()
    return f"{name}: {text}" if text else name


def _message(response: httpx.Response) -> tuple[str, str | None, bool]:
    """The API's `msg`/`detail` (legacy) or `errors[0]` (JSON:API), never the raw body, and
    whether the body was such a Fastly error document."""
    fallback = response.reason_phrase or "error"
    try:
        data = loads(response.content)
    except ValueError:
        return f"{fallback} (not a Fastly error: the answer is not JSON)", None, False
    if isinstance(data, dict):
        if "msg" in data:
            detail = data.get("detail")
            return _line(data["msg"]), _line(detail) if detail else None, True
        errors = data.get("errors")
        if isinstance(errors, list) and errors and isinstance(errors[0], dict):
            first = errors[0]
            detail = first.get("detail")
            return _line(first.get("title", "error")), _line(detail) if detail else None, True
    return f"{fallback} (not a Fastly error document)", None, False


def _line(value: Any) -> str:
    """A message from the API on one line, whatever it holds."""
    return " ".join(str(value).split())[:500]


def _redirect(response: httpx.Response) -> str:
    """A 3xx is never followed: the next request would carry the token elsewhere."""
    target = response.headers.get("location", "")
    try:
        where = httpx.URL(target)
        shown = f"{where.scheme}://{where.host}" if where.host else "the same host"
    except (httpx.InvalidURL, ValueError):
        shown = "an invalid location"
    return f"unexpected redirect to {shown} (not followed: the token stays with the endpoint)"


def _json(method: str, path: str, response: httpx.Response) -> Any:
    if not response.content:
        return None
    try:
        return loads(response.content)
    except ValueError as exc:
        what = str(exc) if isinstance(exc, Unreadable) else "not JSON"
        raise ApiError(method, path, response.status_code, f"the answer is {what}",
                       from_fastly=False) from None


def redact(text: str, token: str) -> str:
    """Belt and braces: the API has echoed tokens in messages ("Token <t> expired")."""
    return text.replace(token, "(token)") if token else text
