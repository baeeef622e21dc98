"""Serve the emulator with uvicorn: in the foreground (the CLI) or on a background thread
(tests, benchmarks) bound to a free loopback port; over TLS when given a certificate and key,
with one access-log line per request when asked."""

from __future__ import annotations

import asyncio
import logging
import logging.handlers
import os
import queue
import socket
import ssl
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import uvicorn

from .app import Emulator

access_log = logging.getLogger("fastlysync.emulator.access")


@dataclass(frozen=True)
class Tls:
    """The server's certificate chain and private key (PEM files)."""

    cert: str
    key: str

    def check(self) -> None:
        """Load the pair once: a bad certificate or key fails before anything is printed."""
        ssl.create_default_context(ssl.Purpose.CLIENT_AUTH).load_cert_chain(self.cert, self.key)


class AccessLog:
    """ASGI wrapper: `client method path status ms` per request (no headers: they carry
    tokens; no bodies: they carry secrets)."""

    def __init__(self, app: Emulator) -> None:
        self.app = app

    async def __call__(self, scope: dict[str, Any], receive: Callable[..., Any],
                       send: Callable[..., Any]) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        status = ["-"]

        async def record(message: dict[str, Any]) -> None:
            if message["type"] == "http.response.start":
                status[0] = str(message["status"])
            await send(message)

        try:
            await self.app(scope, receive, record)
        finally:
            client = scope.get("client") or ("-", 0)
            query = scope.get("query_string", b"").decode("latin-1")
            target = scope.get("path", "") + (f"?{query}" if query else "")
            took = (time.perf_counter() - started) * 1000
            access_log.info("%s %s %s %s %.1f ms", client[0], scope.get("method", "-"),
                            target, status[0] if status[0] != "-" else "dropped", took)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.app, name)


def _config(app: Emulator, host: str, port: int, tls: Tls | None = None,
            log_requests: bool = False) -> uvicorn.Config:
    # "auto" picks httptools when it is installed (much faster than h11); the variable lets
    # benchmarks compare the two.
    http = os.environ.get("FASTLYSYNC_EMULATOR_HTTP", "auto")
    served: Any = AccessLog(app) if log_requests else app
    config = uvicorn.Config(served, host=host, port=port, log_level="warning",
                            access_log=False, lifespan="off", http=http,  # type: ignore[arg-type]
                            proxy_headers=False, server_header=False, date_header=True,
                            ssl_certfile=tls.cert if tls else None,
                            ssl_keyfile=tls.key if tls else None)
    if tls is not None:
        config.load()  # a bad certificate or key fails here, before serving
    return config


class _DroppingQueue(logging.handlers.QueueHandler):
    """Hands lines to a writer thread; drops them when it falls behind. A parent that
    pipes stderr and never reads it must not stall the API once the pipe is full."""

    dropped = 0

    def enqueue(self, record: logging.LogRecord) -> None:
        try:
            self.queue.put_nowait(record)
        except queue.Full:
            self.dropped += 1


def enable_access_log(limit: int = 10_000) -> logging.handlers.QueueListener:
    """Access lines on stderr, as `fastlysync emulator` prints them; stop the returned
    listener to flush them."""
    lines: queue.Queue[logging.LogRecord] = queue.Queue(limit)
    writer = logging.StreamHandler()
    writer.setFormatter(logging.Formatter("%(asctime)s %(message)s"))
    listener = logging.handlers.QueueListener(lines, writer)
    access_log.handlers[:] = [_DroppingQueue(lines)]
    access_log.setLevel(logging.INFO)
    access_log.propagate = False
    listener.start()
    return listener


def bind(host: str, port: int) -> socket.socket:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    # proto must be IPPROTO_TCP, or asyncio leaves Nagle on for accepted connections (and
    # every small response then waits ~40 ms for the client's delayed ACK).
    sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((host, port))
    sock.listen(1024)
    sock.set_inheritable(True)
    return sock


def serve(app: Emulator, sock: socket.socket, tls: Tls | None = None,
          log_requests: bool = False) -> None:
    """Serve until interrupted (Ctrl-C or SIGTERM)."""
    server = uvicorn.Server(_config(app, "127.0.0.1", 0, tls, log_requests))
    asyncio.run(server.serve(sockets=[sock]))


class BackgroundServer:
    """The emulator on a free port of `host`, served from a daemon thread until `stop()`."""

    def __init__(self, app: Emulator, host: str = "127.0.0.1", port: int = 0,
                 tls: Tls | None = None, log_requests: bool = False) -> None:
        self.app = app
        self.sock = bind(host, port)
        bound = self.sock.getsockname()
        self.host, self.port = bound[0], bound[1]
        shown = f"[{self.host}]" if ":" in self.host else self.host
        self.url = f"{'https' if tls else 'http'}://{shown}:{self.port}"
        self.server = uvicorn.Server(_config(app, self.host, self.port, tls, log_requests))
        self.thread = threading.Thread(target=self._run, name="fastlysync-emulator", daemon=True)
        self.error: BaseException | None = None

    def _run(self) -> None:
        try:
            asyncio.run(self.server.serve(sockets=[self.sock]))
        except BaseException as exc:  # surfaced by start()
            self.error = exc

    def start(self, timeout: float = 10.0) -> BackgroundServer:
        self.thread.start()
        waited = 0.0
        while not self.server.started:
            if self.error is not None or not self.thread.is_alive():
                raise RuntimeError(f"emulator failed to start: {self.error}")
            if waited > timeout:
                raise RuntimeError("emulator did not start in time")
            threading.Event().wait(0.01)
            waited += 0.01
        return self

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)
        self.sock.close()

    def __enter__(self) -> BackgroundServer:
        return self.start()

    def __exit__(self, *exc: Any) -> None:
        self.stop()
