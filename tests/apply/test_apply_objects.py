"""A lost create is looked up by name before it is sent again: only Fastly's own 404 means
"absent"; any other answer fails the step instead of creating the object a second time."""

from __future__ import annotations

import asyncio

import pytest
from loopback import LoopbackServer, fixed

from fastlysync.apply.objects import ObjectSteps
from fastlysync.fastly.client import FastlyClient
from fastlysync.fastly.config import ClientConfig
from fastlysync.fastly.errors import FastlyError


def look_up(url: str) -> object:
    async def main() -> object:
        async with FastlyClient(ClientConfig(token="objects-token", endpoint=url,
                                             attempts=1)) as client:
            steps = ObjectSteps.__new__(ObjectSteps)  # only the lookup is under test
            steps.client = client
            return await steps._get("/service/sid/version/2/backend/origin")
    return asyncio.run(main())


@pytest.mark.parametrize("body", [b"[]", b'"origin"', b"null"])
def test_a_non_object_answer_is_an_error_not_absent(body: bytes) -> None:
    with LoopbackServer(fixed("200 OK", body)) as server, \
            pytest.raises(FastlyError, match="expected a JSON object"):
        look_up(server.url)


def test_fastly_not_found_is_absent() -> None:
    with LoopbackServer(fixed("404 Not Found", b'{"msg":"Record not found"}')) as server:
        assert look_up(server.url) is None
