"""An empty `${env:NAME}` is not a value. GitHub Actions hands a secret that is not set (a
typo, a renamed secret, a pull request from a fork) to the job as an empty string, and `apply`
then wrote "" over the live logging token. Commands that talk to the API refuse it like an
unset variable; those that need no secret (validate, check without a plan, lint) use their
placeholder, as they do for an unset one."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from cli_support import invoke, write_repo

SPEC = """\
name: logs
domains:
  - name: logs.example.com
backends:
  - name: origin
    address: origin.example.com
logging_datadog:
  - name: dd
    token: ${env:DD_TOKEN}
"""
EMPTY = ("environment variable DD_TOKEN is empty (referenced as ${env:DD_TOKEN}); a CI secret "
         "that is not set reads as empty")


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    write_repo(tmp_path, {"services/logs.yaml": SPEC})
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_apply_never_writes_an_empty_secret_over_the_live_one(emulator: Any,
                                                              repo: Path) -> None:
    first = invoke(emulator, "apply", "--auto-approve", env={"DD_TOKEN": "dd-live-token-123"})
    assert first.exit_code == 0, first.output
    for command in (["plan"], ["drift"], ["apply", "--auto-approve"]):
        result = invoke(emulator, *command, env={"DD_TOKEN": ""})
        assert result.exit_code == 1, (command, result.output)
        assert f"services/logs.yaml:9:12: {EMPTY}" in result.stderr, result.stderr
    [service] = emulator.client().get("/service").json()
    [logging] = emulator.client().get(
        f"/service/{service['id']}/version/1/logging/datadog").json()
    assert logging["token"] == "dd-live-token-123"
    assert len(service["versions"]) == 1


@pytest.mark.parametrize("command", [["validate"], ["check", "--no-plan"], ["lint"]])
def test_commands_that_need_no_secret_take_empty_as_unset(emulator: Any, repo: Path,
                                                          command: list[str]) -> None:
    """A fork's pull request gets empty secrets: its check must still pass."""
    result = invoke(emulator, *command, env={"DD_TOKEN": ""})
    assert result.exit_code == 0, result.output
    assert "is empty" not in result.output
