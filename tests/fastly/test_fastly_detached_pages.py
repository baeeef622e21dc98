"""Dictionary items and ACL entries are read page by page, the way the answer's `Link:
rel="next"` says. A `next` that points back (to the same page or an earlier one) looped until
--timeout, re-reading and piling up rows; pages that never end did the same. Both are a bad
answer now, named with the path."""

from __future__ import annotations

import asyncio
import json
import time
from typing import Any

import pytest
from loopback import LoopbackServer, fixed, read_request

from fastlysync.fastly import detached
from fastlysync.fastly.client import FastlyClient
from fastlysync.fastly.config import ClientConfig
from fastlysync.fastly.detached import PAGE_SIZE, read_pages
from fastlysync.fastly.errors import FastlyError

PATH = "/service/sid/dictionary/did/items"
FULL = json.dumps([{"item_key": f"k{n}", "item_value": "v"} for n in range(PAGE_SIZE)]).encode()


def server(body: bytes, next_page: str | None) -> LoopbackServer:
    link = ({"Link": f'<https://api.fastly.com{PATH}?page={next_page}>; rel="next"'}
            if next_page else {})
    return LoopbackServer(fixed("200 OK", body, link))


def read(url: str) -> list[dict[str, Any]]:
    async def main() -> list[dict[str, Any]]:
        async with FastlyClient(ClientConfig(token="t0ken-pages", endpoint=url,
                                             attempts=1, deadline=60)) as client:
            return await read_pages(client, PATH)
    return asyncio.run(main())


@pytest.mark.parametrize(("body", "next_page"), [(b"[]", "1"), (FULL, "1"), (FULL, "9" * 5000)])
def test_a_next_link_that_does_not_move_forward_is_an_error(body: bytes,
                                                           next_page: str) -> None:
    with server(body, next_page) as srv, pytest.raises(FastlyError) as caught:
        started = time.monotonic()
        read(srv.url)
    assert time.monotonic() - started < 10
    assert str(caught.value).startswith(f"GET {PATH}: the answer's next page "), caught.value


def test_pages_that_never_end_stop_at_the_cap(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(detached, "MAX_PAGES", 5)
    with server(FULL, None) as srv, pytest.raises(FastlyError) as caught:
        read(srv.url)
    assert f"GET {PATH}: more than 5 pages" in str(caught.value)


def test_full_pages_then_a_short_one_are_all_read() -> None:
    served = [FULL, FULL, b'[{"item_key": "last", "item_value": "v"}]']

    async def handle(reader: Any, writer: Any) -> None:
        while served:
            await read_request(reader)
            body = served.pop(0)
            writer.write(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                         b"Content-Length: %d\r\n\r\n" % len(body) + body)
            await writer.drain()

    with LoopbackServer(handle) as srv:
        assert len(read(srv.url)) == 2 * PAGE_SIZE + 1
