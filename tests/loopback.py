"""Small servers on loopback for the client's network tests: a scripted raw HTTP server (slow,
endless, redirecting, non-Fastly answers) and a CONNECT proxy that records what it saw.

Each runs its own asyncio loop on a daemon thread, so the code under test (its own loop, or
a subprocess) talks to it over real sockets.
"""

from __future__ import annotations

import asyncio
import contextlib
import threading
from collections.abc import Awaitable, Callable
from typing import Any

Handler = Callable[[asyncio.StreamReader, asyncio.StreamWriter], Awaitable[None]]


class LoopbackServer:
    """`handler(reader, writer)` per connection on 127.0.0.1; `with` starts and stops it."""

    def __init__(self, handler: Handler) -> None:
        self.handler = handler
        self.loop = asyncio.new_event_loop()
        self.port = 0
        self.connections = 0
        self._server: asyncio.Server | None = None
        self._ready = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def _run(self) -> None:
        asyncio.set_event_loop(self.loop)

        async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
            self.connections += 1
            try:
                await self.handler(reader, writer)
            except (ConnectionError, asyncio.IncompleteReadError, asyncio.CancelledError):
                pass
            finally:
                writer.close()

        async def start() -> None:
            self._server = await asyncio.start_server(handle, "127.0.0.1", 0)
            self.port = self._server.sockets[0].getsockname()[1]
            self._ready.set()

        self.loop.run_until_complete(start())
        self.loop.run_forever()

    def __enter__(self) -> LoopbackServer:
        self._thread.start()
        self._ready.wait(10)
        return self

    def __exit__(self, *exc: Any) -> None:
        async def stop() -> None:
            if self._server is not None:
                self._server.close()
            for task in asyncio.all_tasks():
                if task is not asyncio.current_task():
                    task.cancel()

        asyncio.run_coroutine_threadsafe(stop(), self.loop).result(10)
        self.loop.call_soon_threadsafe(self.loop.stop)
        self._thread.join(10)


async def read_request(reader: asyncio.StreamReader) -> bytes:
    """One request's head (its body is ignored: the tests send GETs)."""
    return await reader.readuntil(b"\r\n\r\n")


def answer(status: str, body: bytes = b"", headers: dict[str, str] | None = None,
           content_type: str = "application/json") -> bytes:
    lines = [f"HTTP/1.1 {status}", f"Content-Type: {content_type}",
             f"Content-Length: {len(body)}"]
    lines += [f"{k}: {v}" for k, v in (headers or {}).items()]
    return ("\r\n".join(lines) + "\r\n\r\n").encode() + body


def fixed(status: str, body: bytes = b"", headers: dict[str, str] | None = None,
          content_type: str = "application/json",
          seen: list[bytes] | None = None) -> Handler:
    """A handler that answers every request on the connection the same way."""

    async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        while True:
            head = await read_request(reader)
            if seen is not None:
                seen.append(head)
            writer.write(answer(status, body, headers, content_type))
            await writer.drain()

    return handle


class ConnectProxy(LoopbackServer):
    """An HTTP CONNECT proxy. `hosts` maps names to addresses (so a test can use a name no
    resolver knows, proving the client went through the proxy). Records each CONNECT head
    and every byte the client sent through the tunnel."""

    def __init__(self, hosts: dict[str, str] | None = None, refuse: str | None = None) -> None:
        super().__init__(self._serve)
        self.hosts = hosts or {}
        self.refuse = refuse
        self.heads: list[bytes] = []
        self.tunnelled = bytearray()

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        head = await read_request(reader)
        self.heads.append(head)
        method, authority = head.split(b" ")[:2]
        if method != b"CONNECT" or self.refuse:
            writer.write(f"HTTP/1.1 {self.refuse or '405 Method Not Allowed'}\r\n"
                         "Content-Length: 0\r\n\r\n".encode())
            await writer.drain()
            return
        host, _, port = authority.decode().rpartition(":")
        up_reader, up_writer = await asyncio.open_connection(self.hosts.get(host, host),
                                                             int(port))
        writer.write(b"HTTP/1.1 200 Connection established\r\n\r\n")
        await writer.drain()

        async def pipe(src: asyncio.StreamReader, dst: asyncio.StreamWriter,
                       record: bool) -> None:
            with contextlib.suppress(ConnectionError):
                while data := await src.read(65536):
                    if record:
                        self.tunnelled.extend(data)
                    dst.write(data)
                    await dst.drain()
            dst.close()

        await asyncio.gather(pipe(reader, up_writer, True), pipe(up_reader, writer, False))
