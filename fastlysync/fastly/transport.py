"""A lean HTTP/1.1 keep-alive transport for httpx: asyncio streams, framing by h11.

httpx's default pool (httpcore over anyio) spends milliseconds of CPU per request once
dozens are in flight (encode/httpx#3215); a plan over a thousand services makes thousands of
small GETs, so that overhead, not the network, set the wall time. This transport keeps idle
connections per origin, reads each response whole (API answers are small JSON), and maps
failures onto httpx's exception types so the client's retry rules stay the same.
"""

from __future__ import annotations

import asyncio
import ssl
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import h11
import httpx

Origin = tuple[str, str, int]
READ_CHUNK = 65536


class _Connection:
    def __init__(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.reader = reader
        self.writer = writer
        self.h11 = h11.Connection(h11.CLIENT)

    def usable(self) -> bool:
        """Still open at our end and not closed by the server while idle."""
        return not self.writer.is_closing() and not self.reader.at_eof()

    def close(self) -> None:
        self.writer.close()

    async def exchange(self, request: httpx.Request, body: bytes,
                       timeout: float | None) -> tuple[int, list[tuple[bytes, bytes]], bytes]:
        target = request.url.raw_path
        head = h11.Request(method=request.method.encode(), target=target,
                           headers=list(request.headers.raw))
        try:
            data = self.h11.send(head) or b""
            if body:
                data += self.h11.send(h11.Data(data=body)) or b""
            data += self.h11.send(h11.EndOfMessage()) or b""
            self.writer.write(data)
            await asyncio.wait_for(self.writer.drain(), timeout)
        except (TimeoutError, OSError) as exc:
            raise httpx.WriteError(f"sending the request failed: {exc!r}",
                                   request=request) from None
        except h11.LocalProtocolError as exc:
            raise httpx.LocalProtocolError(str(exc), request=request) from None
        status, headers, chunks = 0, [], []
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
            elif isinstance(event, h11.Data):
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


class LeanTransport(httpx.AsyncBaseTransport):
    """At most `connections` open connections, reused while the server keeps them."""

    def __init__(self, *, connections: int, ssl_context: ssl.SSLContext | None,
                 connect_timeout: float, read_timeout: float) -> None:
        self._slots = asyncio.Semaphore(connections)
        self._idle: dict[Origin, list[_Connection]] = {}
        self._ssl = ssl_context
        self._connect_timeout = connect_timeout
        self._read_timeout = read_timeout

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        url = request.url
        origin: Origin = (url.scheme, url.host, url.port or (443 if url.scheme == "https"
                                                             else 80))
        body = await request.aread()
        async with self._slots, self._connection(origin, request) as conn:
            status, headers, content = await conn.exchange(request, body, self._read_timeout)
            if conn.reusable():
                self._idle.setdefault(origin, []).append(conn)
            else:
                conn.close()
        return httpx.Response(status, headers=headers, stream=httpx.ByteStream(content),
                              request=request)

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
        try:
            reader, writer = await asyncio.wait_for(
                asyncio.open_connection(host, port, ssl=self._ssl if secure else None,
                                        server_hostname=host if secure else None,
                                        limit=READ_CHUNK * 4),
                self._connect_timeout)
        except TimeoutError:
            raise httpx.ConnectTimeout(f"connecting to {host}:{port} timed out",
                                       request=request) from None
        except (OSError, ssl.SSLError) as exc:
            raise httpx.ConnectError(f"cannot connect to {host}:{port}: {exc}",
                                     request=request) from None
        return _Connection(reader, writer)

    async def aclose(self) -> None:
        for conns in self._idle.values():
            for conn in conns:
                conn.close()
        self._idle.clear()
