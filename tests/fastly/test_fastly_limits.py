"""Hostile or broken servers on loopback: slow, endless, deeply nested, redirecting, absurd
rate-limit headers. Each fails fast with one line naming method and path; none hangs."""

from __future__ import annotations

import asyncio
import time
from dataclasses import replace
from typing import Any

import pytest
from loopback import LoopbackServer, answer, fixed, read_request

from fastlysync.fastly.budget import clamp_reset, retry_after
from fastlysync.fastly.client import FastlyClient
from fastlysync.fastly.config import ClientConfig
from fastlysync.fastly.errors import ApiError, BadResponse, DeadlineExceeded, Uncertain

TOKEN = "limits-secret-token-value"


def config(server: LoopbackServer, **overrides: Any) -> ClientConfig:
    return ClientConfig(token=TOKEN, endpoint=server.url, backoff=0.001, backoff_cap=0.005,
                        **overrides)


def call(cfg: ClientConfig, method: str = "GET", path: str = "/service") -> Any:
    async def main() -> Any:
        async with FastlyClient(cfg) as client:
            return await client.call(method, path)
    return asyncio.run(main())


async def drip(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    """A head that promises 100 bytes, then one byte every 0.2 s."""
    await read_request(reader)
    writer.write(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                 b"Content-Length: 100\r\n\r\n")
    while True:
        writer.write(b" ")
        await writer.drain()
        await asyncio.sleep(0.2)


async def endless(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    await read_request(reader)
    writer.write(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                 b"Transfer-Encoding: chunked\r\n\r\n")
    chunk = b"[" * 65536
    while True:
        writer.write(b"%x\r\n%s\r\n" % (len(chunk), chunk))
        await writer.drain()


def test_a_trickling_server_hits_the_request_deadline_and_is_not_retried() -> None:
    with LoopbackServer(drip) as server:
        started = time.monotonic()
        with pytest.raises(DeadlineExceeded) as caught:
            call(config(server, timeout=1.0))
        took = time.monotonic() - started
        assert server.connections == 1  # a deadline is not retried
    assert str(caught.value) == "GET /service: no complete answer within 1 s"
    assert took < 20  # a generous bound: without a deadline this never returns


def test_the_command_deadline_bounds_every_request() -> None:
    with LoopbackServer(drip) as server, pytest.raises(DeadlineExceeded, match="--timeout"):
        call(config(server, deadline=0.5))


def test_a_write_past_its_deadline_is_uncertain_not_repeated() -> None:
    with LoopbackServer(drip) as server:
        with pytest.raises(Uncertain, match="outcome unknown"):
            call(config(server, timeout=0.5), "POST", "/service")
        assert server.connections == 1


def test_an_endless_chunked_body_stops_at_the_size_cap() -> None:
    with LoopbackServer(endless) as server:
        with pytest.raises(BadResponse) as caught:
            call(config(server, max_response=1024 * 1024))
        assert server.connections == 1
    assert str(caught.value).startswith("GET /service: 200 answer is larger than the 1 MiB")


def test_a_declared_huge_length_is_refused_before_reading() -> None:
    huge = b"HTTP/1.1 200 OK\r\nContent-Length: 99999999999\r\n\r\n"

    async def handler(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        await read_request(reader)
        writer.write(huge)
        await writer.drain()
        await asyncio.sleep(5)

    with LoopbackServer(handler) as server, pytest.raises(BadResponse, match="99,999,999,999"):
        call(config(server))


@pytest.mark.parametrize("status", ["200 OK", "400 Bad Request"])
def test_deeply_nested_json_is_refused(status: str) -> None:
    body = b"[" * 5000 + b"]" * 5000
    with LoopbackServer(fixed(status, body)) as server, pytest.raises(ApiError) as caught:
        call(config(server))
    error = caught.value
    if status.startswith("200"):
        assert "nested more than 64 levels" in str(error)
    assert not error.from_fastly and not error.absent


def test_a_redirect_is_an_error_and_the_token_never_reaches_the_other_host() -> None:
    seen_elsewhere: list[bytes] = []
    with LoopbackServer(fixed("200 OK", b"[]", seen=seen_elsewhere)) as other:
        location = {"Location": f"{other.url}/service"}
        with LoopbackServer(fixed("302 Found", b"", location)) as server, \
                pytest.raises(ApiError) as caught:
            call(config(server))
    error = caught.value
    assert error.status == 302 and str(error).startswith("GET /service: 302 unexpected redirect")
    assert "http://127.0.0.1" in str(error)
    assert seen_elsewhere == [] and other.connections == 0


def test_absurd_rate_limit_and_retry_headers_are_clamped() -> None:
    headers = {"Fastly-RateLimit-Remaining": "5", "Fastly-RateLimit-Reset": "1e400"}
    with LoopbackServer(fixed("200 OK", b"{}", headers)) as server:
        async def main() -> tuple[int | None, str]:
            async with FastlyClient(config(server)) as client:
                await client.call("POST", "/service")
                return client.budget.reset, client.budget.reset_text()
        reset, text = asyncio.run(main())
    assert reset is not None and time.time() <= reset <= time.time() + 2 * 3600 + 1
    assert text.startswith("at ")
    now = time.time()
    assert clamp_reset("-1e400", now) == int(now) and clamp_reset("nan", now) is None
    assert retry_after("1e400", 4.0) == 4.0 and retry_after("-3", 4.0) == 0.0
    assert retry_after("Fri, 31 Dec 9999 23:59:59 GMT", 4.0) == 4.0
    assert retry_after("nan", 4.0) is None


@pytest.mark.parametrize(("status", "retry_after_value", "waited"), [
    ("503 Service Unavailable", "99999999999999999999", 0.25),  # the cap, not 1e19 s
    # Fastly never limits reads: a gateway's 429 with Retry-After on a GET is a pause.
    ("429 Too Many Requests", "0.2", 0.15),
])
def test_retry_after_is_honoured_within_the_cap(status: str, retry_after_value: str,
                                                waited: float) -> None:
    hits: list[float] = []

    async def handler(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        while True:
            await read_request(reader)
            hits.append(time.monotonic())
            if len(hits) == 1:
                writer.write(answer(status, b'{"msg":"busy"}',
                                    {"Retry-After": retry_after_value}))
            else:
                writer.write(answer("200 OK", b"[]"))
            await writer.drain()

    with LoopbackServer(handler) as server:
        assert call(replace(config(server), backoff_cap=0.3)).data == []
    assert len(hits) == 2 and hits[1] - hits[0] >= waited
