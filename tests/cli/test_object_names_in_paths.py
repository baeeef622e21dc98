"""Objects named `.` and `..` through the whole CLI: URL normalisation once sent their
update to the version itself (200, nothing updated) and their delete to the list (405)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from cli_support import invoke

SPEC = """\
name: dots
domains:
  - name: dots.example.com
backends:
  - name: ".."
    address: {address}
{extra}conditions:
  - name: "."
    type: REQUEST
    statement: req.url ~ "{pattern}"
"""


def test_objects_named_dot_and_dot_dot_are_updated_and_deleted(
        emulator: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "services").mkdir()
    monkeypatch.chdir(tmp_path)
    spec = tmp_path / "services" / "dots.yaml"
    spare = '  - name: "."\n    address: spare.example.com\n'
    spec.write_text(SPEC.format(address="a.example.com", extra=spare, pattern="x"))
    assert invoke(emulator, "apply", "--auto-approve").exit_code == 0
    spec.write_text(SPEC.format(address="b.example.com", extra="", pattern="y"))
    result = invoke(emulator, "apply", "--auto-approve", "--force")
    assert result.exit_code == 0, result.output
    [service] = emulator.client().get("/service").json()
    details = emulator.client().get(f"/service/{service['id']}/details").json()
    live = details["active_version"]
    assert [(b["name"], b["address"]) for b in live["backends"]] == [("..", "b.example.com")]
    assert [c["statement"] for c in live["conditions"]] == ['req.url ~ "y"']
    again = invoke(emulator, "plan", "--detailed-exitcode")
    assert again.exit_code == 0, again.output
