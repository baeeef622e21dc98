"""Only Fastly's own "not found" means a service is absent: a redirect, a proxy's error page, a
non-JSON or id-less answer fails the lookup (plan would otherwise propose a new service)."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from loopback import LoopbackServer, fixed

from fastlysync.cli.main import cli
from fastlysync.fastly.client import FastlyClient
from fastlysync.fastly.config import ClientConfig
from fastlysync.fastly.errors import FastlyError
from fastlysync.fastly.remote import (
    ServiceNotFound,
    ServiceRef,
    find_service_id,
    read_remote,
    resolve_ids,
)

TOKEN = "lookup-secret-token"
HTML = "text/html"
BAD_ANSWERS = [
    ("301 Moved Permanently", b"", "application/json", {"Location": "https://elsewhere.test/"}),
    ("400 Bad Request", b"<html>bad gateway config</html>", HTML, {}),
    ("400 Bad Request", b'{"msg":"Bad request","detail":"Invalid name parameter"}',
     "application/json", {}),
    ("404 Not Found", b"<html>no such path</html>", HTML, {}),
    ("200 OK", b"<html>captive portal</html>", HTML, {}),
    ("200 OK", b"{}", "application/json", {}),
    ("200 OK", b"[]", "application/json", {}),
    # another service's document: plan would diff (and apply rename) the wrong service
    ("200 OK", b'{"id": "abc123", "name": "other", "versions": []}', "application/json", {}),
]


def lookup(url: str, name: str, token: str = TOKEN) -> str | None:
    async def main() -> str | None:
        async with FastlyClient(ClientConfig(token=token, endpoint=url, attempts=1)) as client:
            return await find_service_id(client, name)
    return asyncio.run(main())


@pytest.mark.parametrize(("status", "body", "content_type", "headers"), BAD_ANSWERS)
def test_a_bad_answer_on_search_is_an_error(status: str, body: bytes, content_type: str,
                                             headers: dict[str, str]) -> None:
    with LoopbackServer(fixed(status, body, headers, content_type)) as server, \
            pytest.raises(FastlyError) as caught:
        lookup(server.url, "www")
    message = str(caught.value)
    assert message.startswith("GET /service/search") and "\n" not in message
    code = status.split()[0]
    assert code in message or code == "200"


def test_fastly_not_found_is_absent(emulator: Any) -> None:
    emulator.create_service("exists")
    assert lookup(emulator.url, "missing", emulator.token) is None
    assert lookup(emulator.url, "exists", emulator.token) is not None

    async def by_id() -> None:
        async with FastlyClient(ClientConfig(token=emulator.token,
                                             endpoint=emulator.url)) as client:
            await read_remote(client, ServiceRef("x", "NoSuchServiceId"))
    with pytest.raises(ServiceNotFound):
        asyncio.run(by_id())


def test_a_non_list_service_page_is_an_error() -> None:
    with LoopbackServer(fixed("200 OK", b'{"data": []}')) as server:
        async def main() -> None:
            async with FastlyClient(ClientConfig(token=TOKEN, endpoint=server.url)) as client:
                await resolve_ids(client, [ServiceRef(f"s{i}") for i in range(5)])
        with pytest.raises(FastlyError, match="GET /service: the answer is not a list"):
            asyncio.run(main())


@pytest.mark.parametrize("command", ["plan", "drift"])
@pytest.mark.parametrize(("status", "body", "content_type", "headers"),
                         [BAD_ANSWERS[0], BAD_ANSWERS[1], BAD_ANSWERS[4]])
def test_plan_and_drift_fail_the_service_instead_of_calling_it_new(
        command: str, status: str, body: bytes, content_type: str, headers: dict[str, str],
        www_repo: Path) -> None:
    with LoopbackServer(fixed(status, body, headers, content_type)) as server:
        result = CliRunner().invoke(cli, [command], env={
            "FASTLY_API_TOKEN": TOKEN, "FASTLY_API_ENDPOINT": server.url})
    assert result.exit_code == 1, result.output
    assert "/service/search" in result.stderr
    assert status.split()[0] in result.stderr or status.startswith("200")
    assert "new service" not in result.output.lower()
    assert "no live service" not in result.output.lower()
    assert "Traceback" not in result.output and TOKEN not in result.output
