"""A lean HTTP/1.1 keep-alive transport for httpx: asyncio streams, framing by h11.

httpx's default pool (httpcore over anyio) spends milliseconds of CPU per request once
dozens are in flight (encode/httpx#3215); a plan over a thousand services makes thousands of
small GETs, so that overhead, not the network, set the wall time (bench/plan_many.py: 4.6 s
with this transport, 37.6 s with httpx's own). This transport keeps idle connections per
origin, reads each response whole (API answers are small JSON) up to a size cap, tunnels
https through an http proxy with CONNECT, and maps failures onto httpx's exception types so
the client's retry rules stay the same. Failures that retrying cannot fix (an untrusted
certificate, a refused tunnel, an oversized answer) raise FastlyError subclasses instead.

Each request may carry an absolute deadline (`request.extensions[DEADLINE]`, event-loop
time) that bounds everything from the connection to the last byte: a server that trickles
one byte at a time cannot hold a request past it.
"""

from __future__ import annotations

import asyncio
import ssl
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import h11
import httpx

from .encoding import decoded
from .errors import BadResponse, DeadlineExceeded, TlsError
from .proxy import Proxy
from .tunnel import tls_error, tunnel

Origin = tuple[str, str, int]
READ_CHUNK = 65536
DEADLINE = "fastlysync.deadline"
"""Request extension: loop time by which the whole exchange must be over."""
MAX_HEAD = 64 * 1024
"""Largest response head (status line and headers) read from a server or proxy."""


class _Connection:
    def __init__(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.reader = reader
        self.writer = writer
        self.h11 = h11.Connection(h11.CLIENT, max_incomplete_event_size=MAX_HEAD)

    def usable(self) -> bool:
        """Still open at our end and not closed by the server while idle."""
        return not self.writer.is_closing() and not self.reader.at_eof()

    def close(self) -> None:
        self.writer.close()

    async def exchange(self, request: httpx.Request, body: bytes, timeout: float | None,
                       max_body: int) -> tuple[int, list[tuple[bytes, bytes]], bytes]:
        target = request.url.raw_path
        try:
            head = h11.Request(method=request.method.encode(), target=target,
                               headers=list(request.headers.raw))
            data = self.h11.send(head) or b""
            if body:
                data += self.h11.send(h11.Data(data=body)) or b""
            data += self.h11.send(h11.EndOfMessage()) or b""
        except h11.LocalProtocolError:
            # h11's message quotes the offending header value, which may be the token.
            raise httpx.LocalProtocolError("the request has an invalid header or target",
                                           request=request) from None
        try:
            self.writer.write(data)
            await asyncio.wait_for(self.writer.drain(), timeout)
        except (TimeoutError, OSError) as exc:
            raise httpx.WriteError(f"sending the request failed: {exc!r}",
                                   request=request) from None
        status, headers, chunks, size = 0, [], [], 0
        while True:
            try:
                event = self.h11.next_event()
            except h11.RemoteProtocolError as exc:
                raise httpx.RemoteProtocolError(str(exc), request=request) from None
            if event is h11.NEED_DATA:
                try:
                    chunk = await asyncio.wait_for(self.reader.read(READ_CHUNK), timeout)
                except TimeoutError:
                    raise httpx.ReadTimeout("timed out reading the response",
                                            request=request) from None
                except OSError as exc:
                    raise httpx.ReadError(f"reading the response failed: {exc!r}",
                                          request=request) from None
                if not chunk and status == 0 and not chunks:
                    raise httpx.RemoteProtocolError(
                        "Server disconnected without sending a response.", request=request)
                self.h11.receive_data(chunk)
            elif isinstance(event, h11.Response):
                status, headers = event.status_code, list(event.headers)
                declared = _content_length(headers)
                if declared is not None and declared > max_body:
                    raise BadResponse(f"{status} answer of {declared:,} bytes is larger than "
                                      f"the {max_body // (1024 * 1024)} MiB limit")
            elif isinstance(event, h11.Data):
                size += len(event.data)
                if size > max_body:
                    raise BadResponse(f"{status} answer is larger than the "
                                      f"{max_body // (1024 * 1024)} MiB limit (stopped reading)")
                chunks.append(bytes(event.data))
            elif isinstance(event, h11.EndOfMessage):
                return status, headers, b"".join(chunks)
            elif isinstance(event, h11.ConnectionClosed):
                raise httpx.RemoteProtocolError("connection closed mid-response",
                                                request=request)

    def reusable(self) -> bool:
        if self.h11.our_state is h11.DONE and self.h11.their_state is h11.DONE:
            self.h11.start_next_cycle()
            return True
        return False


def _content_length(headers: list[tuple[bytes, bytes]]) -> int | None:
    for name, value in headers:
        if name.lower() == b"content-length" and value.strip().isdigit():
            return int(value)
    return None


class LeanTransport(httpx.AsyncBaseTransport):
    """At most `connections` open connections, reused while the server keeps them."""

    def __init__(self, *, connections: int, ssl_context: ssl.SSLContext | None,
                 connect_timeout: float, read_timeout: float, proxy: Proxy | None = None,
                 max_body: int = 32 * 1024 * 1024) -> None:
        self._slots = asyncio.Semaphore(connections)
        self._idle: dict[Origin, list[_Connection]] = {}
        self._ssl = ssl_context
        self._connect_timeout = connect_timeout
        self._read_timeout = read_timeout
        self._proxy = proxy
        self._max_body = max_body

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        url = request.url
        origin: Origin = (url.scheme, url.host, url.port or (443 if url.scheme == "https"
                                                             else 80))
        body = await request.aread()
        deadline = request.extensions.get(DEADLINE)
        try:
            async with asyncio.timeout_at(deadline):
                status, headers, content = await self._exchange(origin, request, body)
        except TimeoutError:
            raise DeadlineExceeded("no complete answer in time") from None
        headers, content = decoded(status, headers, content, self._max_body)
        return httpx.Response(status, headers=headers, stream=httpx.ByteStream(content),
                              request=request)

    async def _exchange(self, origin: Origin, request: httpx.Request,
                        body: bytes) -> tuple[int, list[tuple[bytes, bytes]], bytes]:
        async with self._slots, self._connection(origin, request) as conn:
            answer = await conn.exchange(request, body, self._read_timeout, self._max_body)
            if conn.reusable():
                self._idle.setdefault(origin, []).append(conn)
            else:
                conn.close()
        return answer

    @asynccontextmanager
    async def _connection(self, origin: Origin,
                          request: httpx.Request) -> AsyncIterator[_Connection]:
        idle = self._idle.get(origin, [])
        conn = None
        while idle:
            candidate = idle.pop()
            if candidate.usable():
                conn = candidate
                break
            candidate.close()
        if conn is None:
            conn = await self._connect(origin, request)
        try:
            yield conn
        except BaseException:
            conn.close()
            raise

    async def _connect(self, origin: Origin, request: httpx.Request) -> _Connection:
        scheme, host, port = origin
        secure = scheme == "https"
        if self._proxy is not None:
            reader, writer = await self._open(self._proxy.host, self._proxy.port, request,
                                              f"proxy {self._proxy}")
            try:
                await tunnel(reader, writer, self._proxy, host, port, self._connect_timeout)
                if secure:
                    await asyncio.wait_for(
                        writer.start_tls(self._context(), server_hostname=host),
                        self._connect_timeout)
            except BaseException as exc:
                writer.close()
                if isinstance(exc, ssl.SSLError):
                    raise tls_error(exc, host, port) from None
                if isinstance(exc, TimeoutError):
                    raise httpx.ConnectTimeout(f"tunnel to {host}:{port} through proxy "
                                               f"{self._proxy} timed out",
                                               request=request) from None
                if isinstance(exc, OSError):
                    raise httpx.ConnectError(f"tunnel through proxy {self._proxy} failed: "
                                             f"{exc}", request=request) from None
                raise
            return _Connection(reader, writer)
        reader, writer = await self._open(host, port, request, f"{host}:{port}",
                                          ssl=self._context() if secure else None,
                                          server_hostname=host if secure else None)
        return _Connection(reader, writer)

    def _context(self) -> ssl.SSLContext:
        if self._ssl is None:
            raise TlsError("https endpoint without a TLS context")
        return self._ssl

    async def _open(self, host: str, port: int, request: httpx.Request, shown: str,
                    **tls: object) -> tuple[asyncio.StreamReader, asyncio.StreamWriter]:
        try:
            return await asyncio.wait_for(
                asyncio.open_connection(host, port, limit=READ_CHUNK * 4, **tls),  # type: ignore[arg-type]
                self._connect_timeout)
        except TimeoutError:
            raise httpx.ConnectTimeout(f"connecting to {shown} timed out",
                                       request=request) from None
        except ssl.SSLError as exc:
            raise tls_error(exc, host, port) from None
        except OSError as exc:
            raise httpx.ConnectError(f"cannot connect to {shown}: {exc.strerror or exc}",
                                     request=request) from None

    async def aclose(self) -> None:
        for conns in self._idle.values():
            for conn in conns:
                conn.close()
        self._idle.clear()
