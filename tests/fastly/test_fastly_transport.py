"""The lean HTTP/1.1 transport: keep-alive reuse, servers that close, failures mapped."""

from __future__ import annotations

import asyncio

import httpx
import pytest

from fastlysync.fastly.transport import LeanTransport

BODY = b'{"ok": true}'


async def serve(close_after: bool, counter: list[int]) -> tuple[asyncio.Server, int]:
    async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        counter.append(1)
        try:
            while True:
                head = await reader.readuntil(b"\r\n\r\n")
                length = 0
                for line in head.split(b"\r\n"):
                    if line.lower().startswith(b"content-length:"):
                        length = int(line.split(b":")[1])
                await reader.readexactly(length)
                writer.write(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                             b"Content-Length: %d\r\n\r\n%s" % (len(BODY), BODY))
                await writer.drain()
                if close_after:
                    break
        except (asyncio.IncompleteReadError, ConnectionError):
            pass
        writer.close()

    server = await asyncio.start_server(handle, "127.0.0.1", 0)
    return server, server.sockets[0].getsockname()[1]


def client(port: int) -> httpx.AsyncClient:
    transport = LeanTransport(connections=4, ssl_context=None, connect_timeout=5,
                              read_timeout=5)
    return httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}", transport=transport)


def test_connections_are_reused() -> None:
    async def main() -> list[int]:
        connections: list[int] = []
        server, port = await serve(False, connections)
        async with client(port) as http:
            for _ in range(5):
                response = await http.post("/x", data={"a": "1"})
                assert response.json() == {"ok": True}
        server.close()
        return connections
    assert len(asyncio.run(main())) == 1


def test_server_closing_idle_connections_is_noticed() -> None:
    async def main() -> list[int]:
        connections: list[int] = []
        server, port = await serve(True, connections)
        async with client(port) as http:
            for _ in range(3):
                await asyncio.sleep(0.05)  # let the close arrive before the next request
                assert (await http.get("/x")).status_code == 200
        server.close()
        return connections
    assert len(asyncio.run(main())) == 3


def test_refused_connection_is_a_connect_error() -> None:
    async def main() -> None:
        async with client(9) as http:
            await http.get("/x")
    with pytest.raises(httpx.ConnectError):
        asyncio.run(main())
