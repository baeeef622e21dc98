"""The service list's paging is the server's word, and a bad answer must not make it a hang:
a `Link: rel="last"` naming page 1,000,000,000 made import --all build a billion requests
(it hung, memory growing, past its --timeout); a list that never ends kept asking."""

from __future__ import annotations

import asyncio
import json
import time
from typing import Any

import pytest
from loopback import LoopbackServer, fixed

from fastlysync.fastly import remote
from fastlysync.fastly.client import FastlyClient
from fastlysync.fastly.config import ClientConfig
from fastlysync.fastly.errors import FastlyError
from fastlysync.fastly.remote import LIST_PAGE, list_services

FULL_PAGE = json.dumps([{"id": f"s{n}", "name": f"s{n}"} for n in range(LIST_PAGE)]).encode()


def server(body: bytes, last: str | None) -> LoopbackServer:
    link = {"Link": f'<https://api.fastly.com/service?page={last}>; rel="last"'} if last else {}
    return LoopbackServer(fixed("200 OK", body, link))


def listed(url: str) -> list[dict[str, Any]]:
    async def main() -> list[dict[str, Any]]:
        async with FastlyClient(ClientConfig(token="t0ken-pages", endpoint=url,
                                             attempts=1)) as client:
            return await list_services(client)
    return asyncio.run(main())


def test_a_short_first_page_is_the_only_page_whatever_link_says() -> None:
    with server(b"[]", "1000000000") as srv:
        started = time.monotonic()
        assert listed(srv.url) == []
        assert time.monotonic() - started < 10
        assert srv.connections == 1


@pytest.mark.parametrize("last", ["1000000000", "9" * 5000])
def test_an_absurd_page_count_is_an_error(last: str) -> None:
    with server(FULL_PAGE, last) as srv, pytest.raises(FastlyError) as caught:
        listed(srv.url)
    assert str(caught.value).startswith("GET /service: the answer claims more than "
                                        f"{remote.MAX_PAGES} pages of services")


def test_a_list_that_never_ends_stops_at_the_page_cap(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(remote, "MAX_PAGES", 5)
    with server(FULL_PAGE, None) as srv, pytest.raises(FastlyError) as caught:
        listed(srv.url)
    assert "more than 5 pages of services" in str(caught.value)


def test_a_real_last_page_is_still_read_at_once() -> None:
    with server(FULL_PAGE, "3") as srv:
        assert len(listed(srv.url)) == 3 * LIST_PAGE
