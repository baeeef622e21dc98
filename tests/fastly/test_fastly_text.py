"""An answer whose JSON holds an unpaired UTF-16 surrogate escape (`"\\ud800"`) parses into a
Python string that cannot be written out as UTF-8: plan and drift died at their first print
with "internal error: UnicodeEncodeError". It is a bad answer, named with its path."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from click.testing import CliRunner
from loopback import LoopbackServer, fixed

from fastlysync.cli.main import cli
from fastlysync.fastly.client import FastlyClient
from fastlysync.fastly.config import ClientConfig
from fastlysync.fastly.errors import ApiError
from fastlysync.fastly.jsonbody import NotText, loads

SEARCH = b'{"id": "abc123", "name": "www", "comment": "bad \\ud800 text", "versions": []}'


@pytest.mark.parametrize("body", [b'"\\ud800"', b'["x\\uDBFF"]', b'{"a": "\\udc00x"}',
                                  b'"\\ud800\\ud800"', b'"\\udc00\\ud800"'])
def test_an_unpaired_surrogate_is_not_text(body: bytes) -> None:
    with pytest.raises(NotText):
        loads(body)


@pytest.mark.parametrize("body", [b'"\\ud83d\\ude00"', b'"\\\\ud800"', b'"\\u00e9 \\ud7ff"'])
def test_pairs_and_escaped_backslashes_are_text(body: bytes) -> None:
    assert isinstance(loads(body), str)


def test_the_client_names_the_path() -> None:
    async def main(url: str) -> None:
        async with FastlyClient(ClientConfig(token="t0ken-text", endpoint=url,
                                             attempts=1)) as client:
            await client.get("/service/search", params={"name": "www"})

    with LoopbackServer(fixed("200 OK", SEARCH)) as server, pytest.raises(ApiError) as caught:
        asyncio.run(main(server.url))
    assert str(caught.value).startswith("GET /service/search: 200 the answer is not "
                                        "text (an unpaired UTF-16 surrogate)"), str(caught.value)


@pytest.mark.parametrize("args", [["plan", "--format", "json"], ["drift"], ["plan"]])
def test_plan_and_drift_fail_the_service_in_one_line(tmp_path: Path, args: list[str],
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "services").mkdir()
    (tmp_path / "services" / "www.yaml").write_text("name: www\ndomains:\n"
                                                    "  - name: www.example.com\n")
    monkeypatch.chdir(tmp_path)
    with LoopbackServer(fixed("200 OK", SEARCH)) as server:
        result = CliRunner().invoke(cli, args, catch_exceptions=False, env={
            "FASTLY_API_ENDPOINT": server.url, "FASTLY_API_TOKEN": "t0ken-text"})
    assert result.exit_code == 1
    assert "internal error" not in result.stderr
    assert "the answer is not text (an unpaired UTF-16 surrogate)" in result.stderr
