"""`fastlysync plan` end to end: specs on disk, the emulator over loopback HTTP."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from cli_support import invoke as cli_invoke
from click.testing import CliRunner, Result

from fastlysync.cli.main import cli

SPEC = """\
name: www
domains:
  - name: www.example.com
backends:
  - name: origin
    address: origin.example.com
    port: {port}
dictionaries:
  - name: flags
    items:
      beta: "{beta}"
logging_syslog:
  - name: logs
    address: logs.example.com
    token: ${{env:SYSLOG_TOKEN}}
"""


def write_spec(root: Path, port: int = 443, beta: str = "1") -> None:
    (root / "services").mkdir(exist_ok=True)
    (root / "services" / "www.yaml").write_text(SPEC.format(port=port, beta=beta))


def invoke(emulator: Any, root: Path, monkeypatch: pytest.MonkeyPatch, *args: str,
           token: str | None = None) -> Result:
    monkeypatch.chdir(root)
    return cli_invoke(emulator, *args, token=token, env={"SYSLOG_TOKEN": "syslog-secret-value"})


@pytest.fixture
def root(tmp_path: Path) -> Path:
    write_spec(tmp_path)
    return tmp_path


def test_plan_new_service_then_no_changes(emulator: Any, root: Path,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    first = invoke(emulator, root, monkeypatch, "plan", "--detailed-exitcode")
    assert first.exit_code == 2, first.output
    assert "new service" in first.stdout and "+ create backend origin" in first.stdout
    assert "\x1b[" not in first.stdout  # no colour off a terminal
    assert "syslog-secret-value" not in first.output
    applied = invoke(emulator, root, monkeypatch, "apply", "--auto-approve")
    assert applied.exit_code == 0, applied.output
    again = invoke(emulator, root, monkeypatch, "plan", "--detailed-exitcode")
    assert again.exit_code == 0, again.output
    assert "No changes." in again.stdout


def test_changes_exit_zero_without_detailed_exitcode(emulator: Any, root: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    assert invoke(emulator, root, monkeypatch, "plan").exit_code == 0


def test_json_plan_and_saved_file(emulator: Any, root: Path,
                                  monkeypatch: pytest.MonkeyPatch) -> None:
    invoke(emulator, root, monkeypatch, "apply", "--auto-approve")
    write_spec(root, port=8443, beta="0")
    result = invoke(emulator, root, monkeypatch, "plan", "--format", "json", "--out", "p.json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data == json.loads((root / "p.json").read_text())
    assert data["format_version"] == 1 and data["endpoint"] == emulator.url
    [service] = data["services"]
    assert (service["base_version"], service["base_active"]) == (1, True)
    [change] = service["changes"]
    assert change == {"action": "update", "kind": "backend", "name": "origin", "old_name": None,
                      "fields": [{"field": "port", "old": 443, "new": 8443, "sensitive": False,
                                  "old_hash": None, "new_hash": None, "diff": None,
                                  "elements": None}]}
    [items] = service["versionless"]
    assert items["fields"][0]["elements"] == [
        {"op": "change", "key": "beta", "old": "1", "new": "0"}]
    assert "syslog-secret-value" not in result.stdout


def test_markdown_plan(emulator: Any, root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    invoke(emulator, root, monkeypatch, "apply", "--auto-approve")
    write_spec(root, port=8443)
    result = invoke(emulator, root, monkeypatch, "plan", "--format", "markdown")
    assert result.exit_code == 0
    assert "```diff\n! update backend origin\n-    port: 443\n+    port: 8443\n```" in result.stdout


def test_select_services_by_name(emulator: Any, root: Path,
                                 monkeypatch: pytest.MonkeyPatch) -> None:
    result = invoke(emulator, root, monkeypatch, "plan", "nope")
    assert result.exit_code == 1
    assert "fastlysync: no spec for service 'nope'" in result.stderr
    assert invoke(emulator, root, monkeypatch, "plan", "www").exit_code == 0


def test_errors_are_one_line_without_traceback_or_token(emulator: Any, root: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    result = invoke(emulator, root, monkeypatch, "plan", token="wrong-token-xyz")
    assert result.exit_code == 1
    assert "Traceback" not in result.output and "wrong-token-xyz" not in result.output
    [line] = result.stderr.strip().splitlines()
    assert line.startswith("fastlysync: service www")


def test_missing_token_is_a_clear_error(emulator: Any, root: Path,
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(root)
    result = CliRunner().invoke(cli, ["plan"], env={"FASTLY_API_TOKEN": "",
                                                   "FASTLY_API_ENDPOINT": emulator.url,
                                                   "SYSLOG_TOKEN": "x"})
    assert result.exit_code == 1
    assert result.stderr.strip() == ("fastlysync: no API token: set FASTLY_API_TOKEN or pass "
                                     "--token-file")


def test_plain_http_refused_off_loopback(root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(root)
    result = CliRunner().invoke(cli, ["plan", "--endpoint", "http://api.example.com"],
                                env={"FASTLY_API_TOKEN": "t", "SYSLOG_TOKEN": "x"})
    assert result.exit_code == 1 and "loopback" in result.stderr


def test_unreachable_endpoint(root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(root)
    result = CliRunner().invoke(cli, ["plan", "--endpoint", "http://127.0.0.1:9"],
                                env={"FASTLY_API_TOKEN": "t", "SYSLOG_TOKEN": "x"})
    assert result.exit_code == 1
    assert "ConnectError" in result.stderr and "Traceback" not in result.output


def test_no_specs_is_an_error(emulator: Any, tmp_path: Path,
                              monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "services").mkdir()
    result = invoke(emulator, tmp_path, monkeypatch, "plan")
    assert result.exit_code == 1 and "no service specs found" in result.stderr
