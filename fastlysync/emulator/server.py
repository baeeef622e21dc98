"""Serve the emulator with uvicorn: in the foreground (the CLI) or on a background thread
(tests, benchmarks) bound to a free loopback port."""

from __future__ import annotations

import asyncio
import os
import socket
import threading
from typing import Any

import uvicorn

from .app import Emulator


def _config(app: Emulator, host: str, port: int) -> uvicorn.Config:
    # "auto" picks httptools when it is installed (much faster than h11); the variable lets
    # benchmarks compare the two.
    http = os.environ.get("FASTLYSYNC_EMULATOR_HTTP", "auto")
    return uvicorn.Config(app, host=host, port=port, log_level="warning", access_log=False,
                          lifespan="off", http=http, proxy_headers=False,  # type: ignore[arg-type]
                          server_header=False, date_header=True)


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


def serve(app: Emulator, sock: socket.socket) -> None:
    """Serve until interrupted (Ctrl-C or SIGTERM)."""
    server = uvicorn.Server(_config(app, "127.0.0.1", 0))
    asyncio.run(server.serve(sockets=[sock]))


class BackgroundServer:
    """The emulator on a free port of `host`, served from a daemon thread until `stop()`."""

    def __init__(self, app: Emulator, host: str = "127.0.0.1", port: int = 0) -> None:
        self.app = app
        self.sock = bind(host, port)
        bound = self.sock.getsockname()
        self.host, self.port = bound[0], bound[1]
        shown = f"[{self.host}]" if ":" in self.host else self.host
        self.url = f"http://{shown}:{self.port}"
        self.server = uvicorn.Server(_config(app, self.host, self.port))
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
