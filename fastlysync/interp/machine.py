"""Fastly's request state machine: recv -> hash -> hit/miss/pass -> fetch -> deliver -> log,
with vcl_error and restart, the allowed return states of each subroutine, a shared cache and at
most 3 restarts (https://www.fastly.com/documentation/reference/vcl/request-lifecycle)."""

from __future__ import annotations

import random
import sys
import time
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from ..vcl.scopes import RETURN_ACTIONS
from .cache import CACHEABLE, Cache, initial_ttl
from .errors import LimitExceeded, Unsupported, VclRuntimeError
from .executor import MAX_SECONDS, Executor
from .headers import MAX_HEADER_BYTES, Headers
from .service import Service
from .signals import ActionReturn, BreakSignal, ErrorSignal, GotoSignal, RestartSignal, SubReturn
from .state import BackendAnswer, CachedObject, Request, State, Step
from .statuses import REASONS
from .values import BackendRef, RTime, Time, parse_ip, to_str

MAX_RESTARTS = 3
RECURSION_LIMIT = 6000
MAX_URL_BYTES = 8 * 1024
MAX_COOKIE_BYTES = 32 * 1024
MAX_REQUEST_HEADERS = 255
DEFAULT_NOW = 1_767_225_600.0  # 2026-01-01T00:00:00Z: fixed, so runs repeat exactly

ALLOWED: dict[str, tuple[str, frozenset[str]]] = {
    "recv": ("lookup", frozenset({"lookup", "pass", "error", "restart", "upgrade"})),
    "hash": ("hash", frozenset({"hash"})),
    "hit": ("deliver", frozenset({"deliver", "pass", "error", "restart"})),
    "miss": ("fetch", frozenset({"fetch", "deliver_stale", "pass", "error"})),
    "pass": ("pass", frozenset({"pass", "error"})),
    "fetch": ("deliver", frozenset({"deliver", "deliver_stale", "pass", "error", "restart"})),
    "error": ("deliver", frozenset({"deliver", "deliver_stale", "restart"})),
    "deliver": ("deliver", frozenset({"deliver", "restart"})),
    "log": ("deliver", frozenset({"deliver"})),
}



@dataclass
class Result:
    """What the client got, and how."""

    status: int = 0
    response: str = ""
    headers: Headers = field(default_factory=Headers)
    body: str = ""
    outcome: str = ""
    backend: str | None = None
    restarts: int = 0
    logs: list[tuple[str, str]] = field(default_factory=list)
    subs: list[str] = field(default_factory=list)
    steps: list[Step] | None = None
    error: VclRuntimeError | None = None
    notes: list[str] = field(default_factory=list)
    origin: OriginRequest | None = None
    """The last request sent to a backend (None when nothing was fetched)."""


@dataclass
class OriginRequest:
    """What the backend received: method, URL (path and query) and headers."""

    method: str
    url: str
    headers: Headers


class Machine:
    """Runs requests through a service; requests sharing a ``Cache`` see each other's objects."""

    def __init__(self, service: Service, answers: dict[str, BackendAnswer] | None = None,
                 cache: Cache | None = None, *, seed: int = 0, now: float = DEFAULT_NOW,
                 trace: bool = False, max_seconds: float = MAX_SECONDS) -> None:
        self.service = service
        self.answers = answers or {}
        self.cache = cache if cache is not None else Cache()
        self.seed = seed
        self.now = now
        self.trace = trace
        self.max_seconds = max_seconds

    # ----------------------------------------------------------------- entry

    def run(self, request: Request) -> Result:
        if sys.getrecursionlimit() < RECURSION_LIMIT:
            # 64 nested subs with nested ifs inside need more frames than Python's default.
            sys.setrecursionlimit(RECURSION_LIMIT)
        st = self._state(request)
        result = Result()
        self._origin: OriginRequest | None = None
        try:
            self._check_limits(st)
            self._lifecycle(st, result)
        except VclRuntimeError as exc:
            result.error = exc
        except RecursionError:
            result.error = LimitExceeded("VCL nested too deeply to run")
        except Exception as exc:  # a bug of ours must not hide the other cases' results
            result.error = VclRuntimeError(f"internal error: {type(exc).__name__}: {exc}")
        result.outcome = result.outcome or st.outcome
        result.backend = st.backend_used
        result.origin = self._origin
        result.restarts = st.restarts
        result.logs = st.logs
        result.subs = st.subs
        result.steps = st.steps
        result.notes = [*self.service.source.notes, *st.notes]
        return result

    def _state(self, request: Request) -> State:
        url = request.url or "/"
        headers = list(request.headers)
        tls = request.tls
        if "://" in url:
            parts = urlsplit(url)
            tls = parts.scheme == "https"
            if not any(n.lower() == "host" for n, _ in headers) and parts.netloc:
                headers.insert(0, ("Host", parts.netloc))
            url = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        host = request.host or self.service.source.default_host
        if host and not any(n.lower() == "host" for n, _ in headers):
            headers.insert(0, ("Host", host))
        request.tls = tls
        names = {n.lower() for n, _ in headers}
        # Headers Fastly's edge adds to every client request.
        if "fastly-client-ip" not in names:
            headers.append(("Fastly-Client-IP", request.client_ip))
        if tls and "fastly-ssl" not in names:
            headers.append(("Fastly-SSL", "1"))
        st = State(request=request, now=Time(self.now), rng=random.Random(self.seed),
                   client_ip=parse_ip(request.client_ip))
        st.req = Headers(headers)
        st.pop = self.cache.pop
        cookie = st.req.get("Cookie")
        if cookie is not None and len(cookie) > MAX_COOKIE_BYTES:
            # Fastly drops an oversized Cookie header, flags it, and runs the VCL as normal.
            st.req.unset("Cookie")
            st.req.set("Fastly-Cookie-Overflow", "1")
        st.vars.update({"req.url": url, "req.method": request.method.upper(),
                        "req.request": request.method.upper(), "req.proto": "HTTP/1.1",
                        "req.service_id": self.service.source.service_id})
        st.steps = [] if self.trace else None
        st.deadline = time.perf_counter() + self.max_seconds
        return st

    def _check_limits(self, st: State) -> None:
        """Requests Fastly refuses before any VCL runs
        (https://www.fastly.com/documentation/reference/vcl/constraints-and-limitations)."""
        if len(to_str(st.vars.get("req.url")).encode()) > MAX_URL_BYTES:
            raise LimitExceeded("URL longer than Fastly's 8 KB limit: Fastly answers "
                                "'Too long request string' without running VCL")
        if st.req.size() > MAX_HEADER_BYTES:
            raise LimitExceeded(f"request headers exceed Fastly's {MAX_HEADER_BYTES // 1024} KB "
                                "limit: Fastly answers 'Header overflow' without running VCL")
        if len(st.req) > MAX_REQUEST_HEADERS:
            raise LimitExceeded(f"more than {MAX_REQUEST_HEADERS} request headers: Fastly "
                                "answers 'Header overflow' without running VCL")

    def _call(self, st: State, ex: Executor, name: str) -> str:
        """Run vcl_<name>; the return state it chose (its default when it chose none)."""
        st.scope = name
        default, allowed = ALLOWED[name]
        sub, path = self.service.sub(f"vcl_{name}")
        if sub is None:
            return default
        where, statement = (path, sub.line), ""
        try:
            ex.run_sub(f"vcl_{name}", sub, path)
            action = default
        except ActionReturn as ret:
            action, where = ret.action, ret.where
        except SubReturn:
            action = default
        except ErrorSignal as err:
            st.vars["obj.status"] = err.status
            st.vars["obj.response"] = err.response
            action, where, statement = "error", err.where, "error"
        except RestartSignal as sig:
            action, where, statement = "restart", sig.where, "restart"
        except GotoSignal as jump:
            raise VclRuntimeError(f"goto {jump.label}: no such label", ex.frame.path,
                                  jump.node.line) from None
        except BreakSignal:
            raise VclRuntimeError("break outside a switch", path) from None
        if action not in allowed:
            what = statement or f"return({action})"
            if action in RETURN_ACTIONS.get(name.upper(), ()):
                # valid Fastly VCL (lint accepts it) whose effect is not modelled
                raise Unsupported(what, *(where if where[0] else (path, sub.line)))
            raise VclRuntimeError(f"{what} is not allowed in vcl_{name} (allowed: "
                                  f"{', '.join(sorted(allowed))})", *(where if where[0] else
                                                                      (path, sub.line)))
        return action

    # ----------------------------------------------------------------- lifecycle

    def _lifecycle(self, st: State, result: Result) -> None:
        ex = Executor(self.service, st)
        self._default_backend(st)
        phase = "recv"
        passing = False
        source: str = ""
        while True:
            if phase == "recv":
                passing = False
                st.hash = []
                action = self._call(st, ex, "recv")
                if action == "upgrade":
                    raise VclRuntimeError("return(upgrade) (WebSockets) is not modelled")
                if action in ("lookup", "pass"):
                    passing = action == "pass"
                    self._call(st, ex, "hash")
                    phase = "pass" if passing else "lookup"
                else:
                    phase = action
            elif phase == "lookup":
                key = "".join(st.hash)
                found = None if st.vars.get("req.hash_always_miss") else self.cache.get(
                    key, float(st.now))
                if found is not None and found.pass_marker:
                    passing = True
                    phase = "pass"
                elif found is not None:
                    found.hits += 1
                    st.outcome = "hit"
                    self._load_object(st, found)
                    action = self._call(st, ex, "hit")
                    phase, source = ("deliver", "obj") if action == "deliver" else (
                        action, "")
                    if action == "pass":
                        passing = True
                else:
                    st.outcome = "miss"
                    self._make_bereq(st, miss=True)
                    action = self._call(st, ex, "miss")
                    # return(pass) from vcl_miss continues in vcl_pass
                    phase = {"fetch": "fetch", "deliver_stale": "fetch"}.get(action, action)
            elif phase == "pass":
                st.outcome = "pass"
                self._make_bereq(st)
                action = self._call(st, ex, "pass")
                phase = "fetch" if action == "pass" else action
                passing = True
            elif phase == "fetch":
                phase, source = self._fetch(st, ex, passing)
            elif phase == "error":
                self._error_object(st)
                st.outcome = "error"
                action = self._call(st, ex, "error")
                phase, source = ("restart", "") if action == "restart" else ("deliver", "obj")
            elif phase == "deliver":
                self._make_resp(st, source)
                action = self._call(st, ex, "deliver")
                if action == "restart":
                    phase = "restart"
                    continue
                self._call(st, ex, "log")
                self._finish(st, result)
                return
            elif phase == "restart":
                st.restarts += 1
                if st.restarts > MAX_RESTARTS:
                    st.restarts = MAX_RESTARTS
                    result.status, result.response = 503, "Maximum restarts reached"
                    result.outcome = "error"
                    result.body = ""
                    st.notes.append(f"more than {MAX_RESTARTS} restarts: Fastly answers 503")
                    return
                st.scope = "recv"
                phase = "recv"
            else:  # pragma: no cover - ALLOWED keeps phases closed
                raise VclRuntimeError(f"unknown state {phase}")

    def _default_backend(self, st: State) -> None:
        backends = self.service.backends
        if backends and st.backend is None:
            st.backend = backends[0]

    def _load_object(self, st: State, obj: CachedObject) -> None:
        st.obj = obj.headers.copy()
        st.vars.update({"obj.status": obj.status, "obj.response": obj.response,
                        "obj.gzip": obj.gzip,
                        "obj.hits": obj.hits, "obj.ttl": RTime(obj.stored_at + obj.ttl
                                                              - float(st.now)),
                        "obj.age": RTime(float(st.now) - obj.stored_at)})
        st.body = obj.body

    def _make_bereq(self, st: State, miss: bool = False) -> None:
        st.bereq = st.req.copy()
        method = st.vars.get("req.method")
        if miss and method == "HEAD":
            method = "GET"  # a miss fetches the whole object, so it can be cached
        st.vars["bereq.url"] = st.vars.get("req.url")
        st.vars["bereq.method"] = method
        st.vars["bereq.request"] = method
        st.vars["bereq.proto"] = "HTTP/1.1"

    def _pick(self, st: State, backend: BackendRef) -> BackendRef:
        seen = 0
        while backend.kind == "director" and seen < 16:
            healthy = [b for b in backend.members if b.healthy]
            if not healthy:
                raise ErrorSignal(503, "No healthy backends")
            if backend.director_type in ("random", "1"):
                backend = st.rng.choice(healthy)
            else:  # fallback, hash, client, chash: the first healthy member
                backend = healthy[0]
            seen += 1
        return backend

    def _fetch(self, st: State, ex: Executor, passing: bool) -> tuple[str, str]:
        if st.backend is None:
            st.vars["obj.status"], st.vars["obj.response"] = 503, "No backend"
            return "error", ""
        try:
            backend = self._pick(st, st.backend)
        except ErrorSignal as err:
            st.vars["obj.status"], st.vars["obj.response"] = err.status, err.response
            return "error", ""
        st.backend_used = backend.spec_name or backend.name
        st.fetches += 1
        if backend.override_host:
            st.bereq.set("Host", backend.override_host)
        self._origin = OriginRequest(to_str(st.vars.get("bereq.method")),
                                     to_str(st.vars.get("bereq.url")), st.bereq.copy())
        answer = (self.answers.get(backend.name) or self.answers.get(backend.spec_name)
                  or self.answers.get("*") or BackendAnswer())
        if answer.unreachable or not backend.healthy:
            st.vars["obj.status"] = 503
            st.vars["obj.response"] = "Connection refused" if backend.healthy else (
                "Backend is unhealthy")
            st.vars["fastly.error"] = "EBACKEND"
            return "error", ""
        st.beresp = Headers(answer.headers)
        ttl = initial_ttl(Headers(answer.headers), float(st.now), self.service.default_ttl)
        st.body = answer.body
        st.ttl = RTime(ttl)
        st.vars.update({"beresp.status": answer.status,
                        "beresp.response": REASONS.get(answer.status, "OK"),
                        "beresp.ttl": RTime(ttl),
                        "beresp.cacheable": answer.status in CACHEABLE,
                        "beresp.gzip": False,
                        "beresp.grace": RTime(0)})
        action = self._call(st, ex, "fetch")
        if action in ("deliver", "deliver_stale", "pass"):
            _compress(st)
        if action in ("deliver", "deliver_stale"):
            ttl_now = float(st.vars.get("beresp.ttl") or 0)
            if not passing and st.vars.get("beresp.cacheable") and ttl_now > 0:
                self.cache.objects["".join(st.hash)] = CachedObject(
                    int(st.vars.get("beresp.status") or 0), to_str(st.vars.get(
                        "beresp.response")), st.beresp.copy(), st.body, float(st.now), ttl_now,
                    gzip=bool(st.vars.get("beresp.gzip")))
            return "deliver", "beresp"
        if action == "pass":
            if not passing:  # hit-for-pass: later requests for this key pass too
                ttl_now = float(st.vars.get("beresp.ttl") or 0)
                if ttl_now > 0:
                    self.cache.objects["".join(st.hash)] = CachedObject(
                        0, "", Headers(), "", float(st.now), ttl_now, pass_marker=True)
            st.outcome = "pass"
            return "deliver", "beresp"
        return action, ""

    def _error_object(self, st: State) -> None:
        st.obj = Headers()
        st.vars["obj.gzip"] = False
        status = st.vars.get("obj.status") or 503
        if st.vars.get("obj.response") is None:
            st.vars["obj.response"] = REASONS.get(int(status), "Unknown")
        st.vars["obj.status"] = status
        st.body = ""

    def _make_resp(self, st: State, source: str) -> None:
        if source == "beresp":
            st.resp = st.beresp.copy()
            status, response = st.vars.get("beresp.status"), st.vars.get("beresp.response")
        else:
            st.resp = st.obj.copy()
            status, response = st.vars.get("obj.status"), st.vars.get("obj.response")
        st.vars["resp.status"] = status
        st.vars["resp.response"] = response
        st.vars["resp.proto"] = "HTTP/1.1"
        gzipped = st.vars.get("beresp.gzip") if source == "beresp" else st.vars.get("obj.gzip")
        if (gzipped and not st.resp.get("Content-Encoding")
                and "gzip" in (st.req.get("Accept-Encoding") or "").lower()):
            st.resp.set("Content-Encoding", "gzip")  # the body is kept as text here

    def _finish(self, st: State, result: Result) -> None:
        result.status = int(st.vars.get("resp.status") or 0)
        result.response = to_str(st.vars.get("resp.response"))
        result.headers = st.resp
        result.body = "" if st.vars.get("req.method") == "HEAD" else st.body


def _compress(st: State) -> None:
    """``beresp.gzip``: Fastly stores the object compressed and varies it on
    Accept-Encoding; clients that accept gzip get ``Content-Encoding: gzip``."""
    if not st.vars.get("beresp.gzip") or st.beresp.get("Content-Encoding"):
        st.vars["beresp.gzip"] = False
        return
    vary = st.beresp.get("Vary")
    if not vary or "accept-encoding" not in vary.lower():
        st.beresp.set("Vary", f"{vary}, Accept-Encoding" if vary else "Accept-Encoding")
