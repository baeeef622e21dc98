"""Compressed answers: the 32 MiB cap was counted on the wire, so 4 MB of gzip holding 4 GiB
(a decompression bomb) got past it and died in httpx's decoder ("internal error: MemoryError",
or the kernel's OOM killer). The cap now holds for the decompressed answer too; ordinary gzip
and deflate answers still read, and an encoding we cannot read is a bad answer."""

from __future__ import annotations

import asyncio
import gzip
import json
import zlib
from dataclasses import replace
from typing import Any

import pytest
from loopback import LoopbackServer, read_request

from fastlysync.fastly.client import FastlyClient
from fastlysync.fastly.config import ClientConfig
from fastlysync.fastly.errors import FastlyError

DOC = {"id": "abc", "name": "www", "versions": [{"number": 1}] * 50}


def encoded(body: bytes, encoding: str) -> LoopbackServer:
    async def handle(reader: Any, writer: Any) -> None:
        while True:
            await read_request(reader)
            writer.write(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                         b"Content-Encoding: %s\r\nContent-Length: %d\r\n\r\n"
                         % (encoding.encode(), len(body)) + body)
            await writer.drain()
    return LoopbackServer(handle)


def get(url: str, **overrides: Any) -> Any:
    cfg = replace(ClientConfig(token="t0ken-enc", endpoint=url, attempts=1), **overrides)

    async def main() -> Any:
        async with FastlyClient(cfg) as client:
            return await client.get("/service/search")
    return asyncio.run(main())


def deflate(data: bytes, wbits: int) -> bytes:
    packer = zlib.compressobj(9, zlib.DEFLATED, wbits)
    return packer.compress(data) + packer.flush()


@pytest.mark.parametrize(("encoding", "pack"), [
    ("gzip", gzip.compress), ("x-gzip", gzip.compress),
    ("deflate", lambda d: deflate(d, 15)), ("deflate", lambda d: deflate(d, -15)),
    ("gzip, gzip", lambda d: gzip.compress(gzip.compress(d))), ("identity", lambda d: d)])
def test_compressed_answers_are_read(encoding: str, pack: Any) -> None:
    with encoded(pack(json.dumps(DOC).encode()), encoding) as server:
        assert get(server.url) == DOC


def test_a_decompression_bomb_stops_at_the_size_cap() -> None:
    packer = zlib.compressobj(9, zlib.DEFLATED, 31)
    block = b" " * (1 << 20)
    bomb = packer.compress(b"[") + b"".join(packer.compress(block) for _ in range(64))
    bomb += packer.compress(b"]") + packer.flush()  # 64 MiB in about 64 KB
    with encoded(bomb, "gzip") as server, pytest.raises(FastlyError) as caught:
        get(server.url, max_response=8 * 1024 * 1024)
    assert "larger than the 8 MiB limit once decompressed" in str(caught.value)


@pytest.mark.parametrize(("encoding", "body", "message"), [
    ("br", b"\x0b\x02\x80{}\x03", "content encoding 'br', which fastlysync does not read"),
    ("gzip", b"not gzip at all", "is not valid gzip"),
])
def test_an_unreadable_encoding_is_a_bad_answer(encoding: str, body: bytes,
                                                 message: str) -> None:
    with encoded(body, encoding) as server, pytest.raises(FastlyError) as caught:
        get(server.url)
    assert str(caught.value).startswith("GET /service/search: ")
    assert message in str(caught.value)
