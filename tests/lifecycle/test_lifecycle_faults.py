"""Lifecycle commands under a failing API, and with secrets in play: one clear line, exit 1,
nothing half done that a re-run cannot finish, and no secret in any output."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from lifecycle_support import FastlyCli, run, write_spec

SYSLOG = """\
logging_syslog:
  - name: logs
    address: logs.example.com
    token: ${env:SYSLOG_TOKEN}
"""


def test_rollback_refused_by_a_rate_limit_changes_nothing(
        emulator: Any, root: Path, fastly: FastlyCli) -> None:
    assert run(emulator, "apply", "--auto-approve").exit_code == 0
    write_spec(root, address="b.example.com")
    assert run(emulator, "apply", "--auto-approve").exit_code == 0
    sid = fastly.services()["shop"]
    emulator.admin.add_fault(method="PUT", path="/activate$", p429=1.0)
    result = run(emulator, "rollback", "shop", "--auto-approve")
    assert result.exit_code == 1
    [line] = result.stderr.strip().splitlines()
    assert line.startswith("fastlysync: service shop: ") and "Traceback" not in result.output
    emulator.admin.clear_faults()
    assert fastly.versions(sid)[2]["Active"]
    assert run(emulator, "rollback", "shop", "--auto-approve").exit_code == 0
    assert fastly.versions(sid)[1]["Active"]


def test_activate_survives_a_lost_answer(emulator: Any, root: Path, fastly: FastlyCli) -> None:
    assert run(emulator, "apply", "--auto-approve").exit_code == 0
    write_spec(root, address="b.example.com", beta="on")
    assert run(emulator, "apply", "--no-activate", "--auto-approve").exit_code == 0
    sid = fastly.services()["shop"]
    # The activation happens, but its answer never arrives: the version list says it did.
    emulator.admin.add_fault(method="PUT", path="/version/2/activate$", drop=1.0, after=True,
                             times=1)
    result = run(emulator, "activate", "shop", "--auto-approve")
    assert result.exit_code == 0, result.output
    assert fastly.versions(sid)[2]["Active"]
    assert fastly.dictionary_items(sid, 2, "flags") == {"beta": "on"}


def test_retire_interrupted_between_deactivate_and_delete_converges(
        emulator: Any, root: Path, fastly: FastlyCli) -> None:
    assert run(emulator, "apply", "--auto-approve").exit_code == 0
    write_spec(root, extra="retire: true\n")
    emulator.admin.add_fault(method="DELETE", path="^/service/[^/]+$", p429=1.0)
    failed = run(emulator, "apply", "--auto-approve", "--force")
    assert failed.exit_code == 1
    assert "service shop: retire failed: " in failed.stderr
    assert "shop" in fastly.services()
    emulator.admin.clear_faults()
    again = run(emulator, "apply", "--auto-approve", "--force")
    assert again.exit_code == 0, again.output
    assert "retired: service" in again.stdout and "deactivated" not in again.stdout
    assert "shop" not in fastly.services()


def test_rollback_diff_never_shows_a_secret(emulator: Any, root: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SYSLOG_TOKEN", "first-secret-value")
    write_spec(root, extra=SYSLOG)
    assert run(emulator, "apply", "--auto-approve").exit_code == 0
    monkeypatch.setenv("SYSLOG_TOKEN", "second-secret-value")
    assert run(emulator, "apply", "--auto-approve").exit_code == 0
    for fmt in ("text", "json"):
        result = run(emulator, "rollback", "shop", "--to", "1", "--auto-approve",
                     "--format", fmt)
        assert result.exit_code == 0, result.output
        assert "token" in result.stdout and "(sensitive)" in result.stdout
        assert "secret-value" not in result.output
        back = run(emulator, "rollback", "shop", "--to", "2", "--auto-approve")
        assert back.exit_code == 0, back.output
