"""The emulator as an ASGI app (for uvicorn or httpx's ASGI transport) and as a sync httpx
transport, with accounts, the write rate limit, fault injection, counters and the loopback-only
admin endpoints under `/_emulator/`.

The API handlers are synchronous and run under one lock, so a request's reads and writes never
interleave with another's, whichever transport carries them.
"""

from __future__ import annotations

import asyncio
import json
import logging
import os
import secrets
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterable
from typing import Any
from urllib.parse import parse_qs, unquote_to_bytes

import httpx

from .admin import ADMIN_HEADER, ADMIN_TOKEN_ENV, admin_allowed, new_admin_token
from .api import FastlyApi, Request, Response
from .errors import RATE_LIMITED_MSG, UNAUTHORIZED, ApiError, bad_request
from .faults import FaultDecision, FaultRule, Faults
from .ratelimit import RateLimiter
from .render import WireMode
from .store import open_store

log = logging.getLogger(__name__)

MAX_BODY = 16 * 1024 * 1024
OIDC_PATH = ["realms", "fastly", ".well-known", "openid-configuration"]
LOOPBACK_PREFIXES = ("127.", "::1", "::ffff:127.", "localhost")
DROP = object()
"""`finish` returns this when the connection must close without a response."""
_JSON = "application/json"


class Emulator:
    """A local Fastly API. Call it as an ASGI app, or use `transport()` with `httpx.Client`."""

    def __init__(self, *, tokens: Iterable[str] = (), state: str | None = None,
                 rate_limit: int = 1000, faults: Iterable[FaultRule | str] | None = None,
                 base_url: str | None = None, seed: int | None = None,
                 wire_mode: WireMode = "real", clock: Callable[[], float] = time.time,
                 admin_token: str | None = None) -> None:
        self.store = open_store(state)
        self.admin_token = admin_token or os.environ.get(ADMIN_TOKEN_ENV) or new_admin_token()
        """Required by every admin endpoint but health (see admin.py)."""
        self.api = FastlyApi(self.store, clock=clock, seed=seed, wire_mode=wire_mode)
        self.base_url = base_url.rstrip("/") if base_url else None
        self.initial_rate_limit = rate_limit
        self.limiter = RateLimiter(rate_limit, clock)
        self.seed = seed
        self.faults = Faults(_rules(faults or ()), seed)
        self.counters: Counter[str] = Counter()
        self.statuses: Counter[str] = Counter()
        self.fault_counts: Counter[str] = Counter()
        self.internal_errors = 0
        """Requests that crashed a handler (a bug: the API must never answer 500 itself)."""
        self.lock = threading.RLock()
        self.generated_token = False
        self.tokens = list(tokens)
        if not self.tokens:
            saved = self.store.get("meta", ("default_token",))
            if saved is None:
                saved = "emu_" + secrets.token_urlsafe(24)
                self.generated_token = True
                with self.store.transaction():
                    self.store.put("meta", ("default_token",), saved)
            self.tokens = [saved]
        for token in self.tokens:
            self.api.add_account(token)

    @property
    def token(self) -> str:
        return self.tokens[0]

    def close(self) -> None:
        self.store.close()

    # ----- the request pipeline ------------------------------------------------------------

    def decide_faults(self, req: Request) -> FaultDecision | None:
        if not self.faults.rules or req.segments[:1] == ["_emulator"]:
            return None
        with self.lock:
            return self.faults.decide(req.method, "/" + "/".join(req.segments))

    def finish(self, req: Request, decision: FaultDecision | None) -> Response | object:
        """Answer a request (after any injected latency): a Response, or DROP."""
        with self.lock:
            if decision is not None and decision.action and not decision.after:
                return self._fault(decision)
            response = self.handle(req)
            if decision is not None and decision.action and decision.after:
                return self._fault(decision)
            return response

    def _fault(self, decision: FaultDecision) -> Response | object:
        action = decision.action or ""
        self.fault_counts[action] += 1
        if action == "drop":
            return DROP
        if action == "429":
            reset = (int(self.limiter.clock()) // 3600 + 1) * 3600
            return Response(429, {"msg": RATE_LIMITED_MSG},
                            {"Fastly-RateLimit-Remaining": "0",
                             "Fastly-RateLimit-Reset": str(reset)})
        messages = {"500": "Internal Server Error", "503": "Service Unavailable"}
        return Response(int(action), {"msg": messages.get(action, "Error")})

    def handle(self, req: Request) -> Response:
        """Auth, rate limit, route, run; never raises."""
        if req.segments[:1] == ["_emulator"]:
            return self._admin(req)
        if req.segments == OIDC_PATH:
            self.counters["GET oidc"] += 1
            return Response(200, self._oidc(req))
        label = f"{req.method} unknown"
        headers: dict[str, str] = {}
        try:
            token = req.headers.get("fastly-key")
            customer = self.api.customer_for(token)
            if customer is None or token is None:
                label = f"{req.method} unauthorized"
                raise UNAUTHORIZED
            route = self.api.route(req)
            if route is not None:
                label = route.label
            writes = req.method not in ("GET", "HEAD")
            if writes and (route.limited if route else req.segments[:1] == ["service"]):
                verdict = self.limiter.take(token)
                headers = verdict.headers()
                if not verdict.allowed:
                    label = f"{label} (rate limited)"
                    raise ApiError(429, RATE_LIMITED_MSG)
            if route is None:
                raise ApiError(404, "Record not found",
                               f"No such path: {req.method} /{'/'.join(req.segments)}")
            try:
                if writes:
                    with self.store.transaction():
                        response = route.handler(req, customer, **route.params)
                else:
                    response = route.handler(req, customer, **route.params)
            finally:
                if writes:
                    self.api.invalidate(route.service_id)
        except ApiError as exc:
            response = Response(exc.status, exc.body(), dict(exc.headers))
        except Exception:
            log.exception("emulator bug on %s /%s", req.method, "/".join(req.segments))
            self.internal_errors += 1
            response = Response(500, {"msg": "Internal Server Error"})
        response.headers.update(headers)
        self.counters[label] += 1
        self.statuses[str(response.status)] += 1
        return response

    def _oidc(self, req: Request) -> dict[str, str]:
        base = f"{self._base(req)}/realms/fastly"
        return {"issuer": base,
                "authorization_endpoint": f"{base}/protocol/openid-connect/auth",
                "token_endpoint": f"{base}/protocol/openid-connect/token",
                "jwks_uri": f"{base}/protocol/openid-connect/certs",
                "userinfo_endpoint": f"{base}/protocol/openid-connect/userinfo"}

    def _base(self, req: Request) -> str:
        return self.base_url or req.base_url

    # ----- admin ---------------------------------------------------------------------------

    def _admin(self, req: Request) -> Response:
        if not (req.client or "").startswith(LOOPBACK_PREFIXES):
            return Response(403, {"msg": "Forbidden", "detail": "admin is loopback-only"})
        what = req.segments[1] if len(req.segments) > 1 else ""
        method = req.method
        if not (what == "health" and method == "GET") and not admin_allowed(
                req.headers.get(ADMIN_HEADER.lower()), self.admin_token):
            return Response(401, {"msg": "Unauthorized",
                                  "detail": f"admin endpoints need the {ADMIN_HEADER} header"})
        try:
            data = _admin_body(req)
            if what == "health" and method == "GET":
                return Response(200, {"status": "ok", "accounts": len(self.tokens)})
            if what == "reset" and method == "POST":
                self.reset()
                return Response(200, {"status": "ok"})
            if what == "counters":
                if method == "DELETE":
                    self.reset_counters()
                return Response(200, self.counter_snapshot())
            if what == "faults":
                return self._admin_faults(method, data)
            if what == "ratelimit":
                if method == "PUT":
                    self.limiter.limit = int(data.get("limit", self.limiter.limit))
                if method == "DELETE":
                    self.limiter.reset()
                return Response(200, {"limit": self.limiter.limit, "used": self.limiter.usage()})
            if what == "accounts" and method == "POST":
                token = str(data.get("token") or "emu_" + secrets.token_urlsafe(24))
                customer = self.api.add_account(token)
                self.tokens.append(token)
                return Response(200, {"token": token, "customer_id": customer})
            if what == "dump" and method == "GET":
                return Response(200, {"tables": [[t, list(k), v] for t, k, v
                                                 in self.store.tables()
                                                 if t not in ("account", "meta")]})
        except (ValueError, TypeError) as exc:
            return Response(400, {"msg": "Bad request", "detail": str(exc)})
        except ApiError as exc:
            return Response(exc.status, exc.body())
        return Response(404, {"msg": "Record not found", "detail": "unknown admin endpoint"})

    def _admin_faults(self, method: str, data: Any) -> Response:
        if method == "DELETE":
            self.faults.rules.clear()
        elif method == "POST":
            self.faults.rules.append(FaultRule.from_dict(data))
        elif method == "PUT":
            rules = data.get("rules", []) if isinstance(data, dict) else data
            if not isinstance(rules, list):
                raise ValueError("expected a list of fault rules")
            self.faults.rules[:] = [FaultRule.from_dict(rule) for rule in rules]
            if isinstance(data, dict) and data.get("seed") is not None:
                self.faults.rng.seed(int(data["seed"]))
        return Response(200, {"rules": self.faults.to_list()})

    def reset(self) -> None:
        """Back to a clean account state: no services, counters, faults or used rate limit."""
        with self.lock:
            self.api.reset()
            self.limiter.reset()
            self.limiter.limit = self.initial_rate_limit
            self.faults.rules.clear()
            self.faults.rng.seed(self.seed)
            self.reset_counters()

    def reset_counters(self) -> None:
        self.counters.clear()
        self.statuses.clear()
        self.fault_counts.clear()
        self.internal_errors = 0

    def counter_snapshot(self) -> dict[str, Any]:
        return {"requests": dict(sorted(self.counters.items())),
                "statuses": dict(sorted(self.statuses.items())),
                "faults": dict(sorted(self.fault_counts.items())),
                "internal_errors": self.internal_errors,
                "total": sum(self.counters.values())}

    # ----- ASGI ----------------------------------------------------------------------------

    async def __call__(self, scope: dict[str, Any], receive: Callable[..., Any],
                       send: Callable[..., Any]) -> None:
        if scope["type"] == "lifespan":
            await _lifespan(receive, send)
            return
        if scope["type"] != "http":
            return
        body, too_big = await _read_body(receive)
        if too_big:
            await _send(send, Response(413, {"msg": "Request entity too large"}), head=False)
            return
        host = _header(scope, b"host") or "127.0.0.1"
        client = scope.get("client")
        raw_path = scope.get("raw_path") or scope["path"].encode()
        try:
            req = build_request(scope["method"], raw_path, scope.get("query_string", b""),
                                [(k.decode("latin-1"), v.decode("latin-1"))
                                 for k, v in scope.get("headers", [])],
                                body, client[0] if client else None,
                                f"{scope.get('scheme', 'http')}://{host}")
        except ApiError as exc:
            await _send(send, Response(exc.status, exc.body()), head=False)
            return
        decision = self.decide_faults(req)
        if decision is not None and decision.latency:
            await asyncio.sleep(decision.latency)
        result = self.finish(req, decision)
        if result is DROP:
            await _drop(send)
            return
        assert isinstance(result, Response)
        await _send(send, result, head=req.method == "HEAD")

    def transport(self, client: str = "127.0.0.1") -> EmulatorTransport:
        """A sync httpx transport that calls this emulator in-process."""
        return EmulatorTransport(self, client)


class EmulatorTransport(httpx.BaseTransport):
    """`httpx.Client(transport=emulator.transport())`: no sockets, same behaviour."""

    def __init__(self, emulator: Emulator, client: str = "127.0.0.1") -> None:
        self.emulator = emulator
        self.client = client

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        body = request.read()
        raw = request.url.raw_path
        path, _, query = raw.partition(b"?")
        base = f"{request.url.scheme}://{request.url.netloc.decode('ascii')}"
        try:
            req = build_request(request.method, path, query, list(request.headers.items()),
                                body, self.client, base)
        except ApiError as exc:
            return _httpx_response(Response(exc.status, exc.body()), request)
        decision = self.emulator.decide_faults(req)
        if decision is not None and decision.latency:
            time.sleep(decision.latency)
        result = self.emulator.finish(req, decision)
        if result is DROP:
            raise httpx.RemoteProtocolError("Server disconnected without sending a response.",
                                            request=request)
        assert isinstance(result, Response)
        return _httpx_response(result, request)


def create_app(tokens: Iterable[str] = (), state: str | None = None, rate_limit: int = 1000,
               faults: Iterable[FaultRule | str] | None = None, base_url: str | None = None,
               **options: Any) -> Emulator:
    """The emulator's ASGI app. `options`: seed, wire_mode ("sdk"|"real"), clock."""
    return Emulator(tokens=tokens, state=state, rate_limit=rate_limit, faults=faults,
                    base_url=base_url, **options)


# ----- plumbing ------------------------------------------------------------------------------


def build_request(method: str, raw_path: bytes, query: bytes,
                  headers: list[tuple[str, str]], body: bytes, client: str | None,
                  base_url: str) -> Request:
    """Parse the request line; bad paths and queries are a 400, not a crash."""
    parts = raw_path.split(b"/")[1:]
    if parts and parts[-1] == b"":
        parts.pop()
    try:
        segments = [unquote_to_bytes(part).decode("utf-8") if b"%" in part
                    else part.decode("utf-8") for part in parts]
        params = parse_qs(query.decode("latin-1"), keep_blank_values=True,
                          errors="strict") if query else {}
    except (UnicodeDecodeError, ValueError):
        raise bad_request("The request path or query is not valid UTF-8") from None
    if any("\x00" in segment for segment in segments):
        raise bad_request("The request path contains a NUL character")
    return Request(method=method.upper(), segments=segments, query=params,
                   headers={k.lower(): v for k, v in headers}, body=body, client=client,
                   base_url=base_url)


def _rules(items: Iterable[FaultRule | str]) -> list[FaultRule]:
    return [item if isinstance(item, FaultRule) else FaultRule.parse(item) for item in items]


def _admin_body(req: Request) -> Any:
    if not req.body.strip():
        return {}
    try:
        return json.loads(req.body)
    except (ValueError, RecursionError):
        raise ValueError("admin bodies are JSON") from None


def _header(scope: dict[str, Any], name: bytes) -> str | None:
    for key, value in scope.get("headers", []):
        if key.lower() == name:
            return str(value.decode("latin-1"))
    return None


def _json_typed(response: Response) -> bool:
    """Whether the answer is JSON (all but the few raw text ones, which bring their type)."""
    return not any(key.lower() == "content-type" for key in response.headers)


def _encode_headers(response: Response, body: bytes) -> list[tuple[bytes, bytes]]:
    out = [(b"content-type", _JSON.encode())] if _json_typed(response) else []
    out.append((b"content-length", str(len(body)).encode()))
    out += [(k.lower().encode("latin-1"), v.encode("latin-1"))
            for k, v in response.headers.items()]
    return out


async def _send(send: Callable[..., Any], response: Response, *, head: bool) -> None:
    body = response.body()
    await send({"type": "http.response.start", "status": response.status,
                "headers": _encode_headers(response, body)})
    await send({"type": "http.response.body", "body": b"" if head else body})


async def _read_body(receive: Callable[..., Any]) -> tuple[bytes, bool]:
    chunks: list[bytes] = []
    size = 0
    while True:
        message = await receive()
        if message["type"] == "http.disconnect":
            break
        chunk = message.get("body", b"")
        size += len(chunk)
        if size <= MAX_BODY:
            chunks.append(chunk)
        if not message.get("more_body"):
            break
    return b"".join(chunks), size > MAX_BODY


async def _drop(send: Callable[..., Any]) -> None:
    """Close the connection with no response: the client sees a connection error."""
    transport = getattr(getattr(send, "__self__", None), "transport", None)
    if transport is None:
        raise ConnectionAbortedError("fault injection: connection dropped")
    transport.abort()
    for _ in range(3):  # let the server notice the disconnect before the app returns
        await asyncio.sleep(0)


async def _lifespan(receive: Callable[..., Any], send: Callable[..., Any]) -> None:
    while True:
        message = await receive()
        if message["type"] == "lifespan.startup":
            await send({"type": "lifespan.startup.complete"})
        elif message["type"] == "lifespan.shutdown":
            await send({"type": "lifespan.shutdown.complete"})
            return


def _httpx_response(response: Response, request: httpx.Request) -> httpx.Response:
    body = response.body()
    headers = [("content-type", _JSON)] if _json_typed(response) else []
    headers += response.headers.items()
    return httpx.Response(response.status, headers=headers,
                          content=b"" if request.method == "HEAD" else body, request=request)
