"""Object names reach URL paths: each is one segment whatever it holds. `.` and `..` are the
trap: URL normalisation drops them, so `PUT .../backend/..` went to `PUT .../version/N`, which
answered 200 while the backend was never updated (and `DELETE .../backend/.` hit the list)."""

from __future__ import annotations

import asyncio

import pytest
from loopback import LoopbackServer, fixed

from fastlysync.fastly.client import FastlyClient, seg
from fastlysync.fastly.config import ClientConfig

NAMES = ["..", ".", "a/b", "../x", "?q", "#f", "sp ace", "é", "%2e%2e"]


@pytest.mark.parametrize("name", NAMES)
def test_a_name_is_sent_as_one_segment_under_its_collection(name: str) -> None:
    seen: list[bytes] = []

    async def main(url: str) -> None:
        async with FastlyClient(ClientConfig(token="t0ken-paths", endpoint=url,
                                             attempts=1)) as client:
            await client.call("PUT", f"/service/sid/version/2/backend/{seg(name)}",
                              form={"address": "x"})

    with LoopbackServer(fixed("200 OK", b"{}", seen=seen)) as server:
        asyncio.run(main(server.url))
    target = seen[0].split(b" ")[1].decode()
    prefix = "/service/sid/version/2/backend/"
    assert target.startswith(prefix), target
    segment = target[len(prefix):]
    assert segment and "/" not in segment and segment not in (".", "..")

