"""The options every API command shares (cli/remote.py): the token's hygiene, --verbose and
FASTLYSYNC_LOG=debug, --timeout. Each error is one line on stderr with exit 1."""

from __future__ import annotations

import asyncio
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from cli_support import invoke, write_repo
from loopback import LoopbackServer, read_request

SPEC = ("name: www\ndomains:\n  - name: www.example.com\n"
        "backends:\n  - name: origin\n    address: origin.example.com\n")
COMMANDS = [["plan"], ["drift"], ["apply", "--auto-approve"], ["import", "www"], ["check"]]


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    write_repo(tmp_path, {"services/www.yaml": SPEC})
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.mark.parametrize("command", COMMANDS)
def test_a_two_line_token_file_is_refused_and_never_printed(emulator: Any, repo: Path,
                                                            command: list[str]) -> None:
    (repo / "tf").write_text(f"{emulator.token}\nsecond-line\n")
    result = invoke(emulator, *command, "--token-file", "tf", env={"FASTLY_API_TOKEN": None})
    assert result.exit_code == 1
    assert result.stderr.strip() == ("fastlysync: token file tf holds more than one line (a "
                                     "line break at character 21); the token must be a "
                                     "single line")
    assert emulator.token not in result.output and "second-line" not in result.output


def test_header_injection_through_the_environment_is_refused(emulator: Any, repo: Path) -> None:
    result = invoke(emulator, "plan", token=f"{emulator.token}\r\nX-Injected: 1")
    assert result.exit_code == 1 and "more than one line" in result.stderr
    assert emulator.token not in result.output and "X-Injected" not in result.output
    assert emulator.admin.counters()["total"] == 0  # nothing was sent


@pytest.mark.parametrize("how", ["--verbose", "-v", "FASTLYSYNC_LOG=debug"])
def test_verbose_logs_every_request_without_secrets(emulator: Any, repo: Path,
                                                    how: str) -> None:
    flags = [how] if how.startswith("-") else []
    env = {"FASTLYSYNC_LOG": "debug"} if not flags else {}
    applied = invoke(emulator, "apply", "--auto-approve", *flags, env=env)
    assert applied.exit_code == 0, applied.output
    emulator.admin.reset_counters()
    result = invoke(emulator, "plan", *flags, env=env)
    assert result.exit_code == 0, result.output
    lines = [line for line in result.stderr.splitlines() if line.startswith("fastlysync: debug:")]
    assert len(lines) == emulator.admin.counters()["total"] >= 2
    assert any(line.startswith("fastlysync: debug: GET /service/search?name=www 200 ")
               for line in lines)
    assert all(line.endswith(" ms") for line in lines)
    assert emulator.token not in applied.output + result.output
    writes = [line for line in applied.stderr.splitlines() if "debug: POST " in line]
    assert writes and all("rate-limit-remaining=" in line for line in writes)


def test_no_debug_lines_without_asking(emulator: Any, repo: Path) -> None:
    invoke(emulator, "plan", "--verbose")
    result = invoke(emulator, "plan", env={"FASTLYSYNC_LOG": None})
    assert "debug:" not in result.output


def test_timeout_bounds_a_trickling_api(repo: Path) -> None:
    """A server that sends one byte every 0.5 s: `plan --timeout 2` ends with one line."""
    async def drip(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        await read_request(reader)
        writer.write(b"HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n")
        while True:
            writer.write(b" ")
            await writer.drain()
            await asyncio.sleep(0.5)

    with LoopbackServer(drip) as server:
        done = subprocess.run(
            [sys.executable, "-m", "fastlysync", "plan", "--timeout", "2"], cwd=repo,
            env={"PATH": "/usr/bin:/bin", "FASTLY_API_TOKEN": "t",
                 "FASTLY_API_ENDPOINT": server.url},
            capture_output=True, text=True, timeout=60, check=False)
    assert done.returncode == 1
    assert ("GET /service/search: the command's deadline of 2 s passed (--timeout)"
            in done.stderr), done.stderr
    assert "Traceback" not in done.stderr


@pytest.mark.parametrize("value", ["nan", "NaN", "-nan"])
@pytest.mark.parametrize("command", COMMANDS)
def test_a_timeout_of_nan_is_a_usage_error_not_no_limit(emulator: Any, repo: Path,
                                                        command: list[str], value: str) -> None:
    """FloatRange(min=0) lets nan through (nan < 0 is false), and nan then meant no limit."""
    result = invoke(emulator, *command, "--timeout", value)
    assert result.exit_code == 1, result.output
    assert f"Invalid value for '--timeout': {value!r} is not a number of seconds." in result.stderr
    assert result.stdout == ""
