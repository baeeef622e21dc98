"""`drift --account`: services in the account that no spec manages, with ignore rules."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from lifecycle_support import FastlyCli, run


def test_account_lists_unmanaged_services(emulator: Any, root: Path, tmp_path: Path) -> None:
    assert run(emulator, "apply", "--auto-approve").exit_code == 0
    assert run(emulator, "drift", "--account").exit_code == 0  # only the managed service

    fastly = FastlyCli(emulator, tmp_path / "home")
    fastly.run("service", "create", "--name", "hand-made", "--type", "vcl")
    fastly.run("service", "create", "--name", "sandbox-1", "--type", "vcl")
    emulator.create_service("elsewhere")  # same account, made through the API
    emulator.client(emulator.other_token).post("/service", data={"name": "not-ours"})

    assert run(emulator, "drift").exit_code == 0  # without --account: specs only
    result = run(emulator, "drift", "--account", "--format", "json")
    assert result.exit_code == 2, result.output
    report = json.loads(result.stdout)
    unmanaged = {s["name"]: s["items"] for s in report["services"] if s["name"] != "shop"}
    unmanaged_ids = {s["name"]: s["id"] for s in report["services"]}
    assert set(unmanaged) == {"hand-made", "sandbox-1", "elsewhere"}  # never another account
    assert all(items == [{**items[0], "category": "unmanaged", "kind": "service"}]
               for items in unmanaged.values())
    text = run(emulator, "drift", "--account")
    assert "+ service hand-made (live only, not in git)" in text.stdout
    assert f"service hand-made ({unmanaged_ids['hand-made']}): drift (no active version)" in (
        text.stdout)

    (root / "drift-ignore.yaml").write_text(
        "ignore:\n"
        "  - service: sandbox-*\n"
        "    kind: service\n"
        "    category: unmanaged\n"
        "    reason: throwaway test services\n"
        "  - service: elsewhere\n")
    narrowed = json.loads(run(emulator, "drift", "--account", "--format", "json").stdout)
    assert {s["name"] for s in narrowed["services"]} == {"shop", "hand-made"}
    # a rule that hides services shows in the count, as one that hides objects does
    assert narrowed["summary"]["ignored"] == 2
    assert "2 item(s) ignored by rules." in run(emulator, "drift", "--account").stdout

    (root / "drift-ignore.yaml").write_text(
        "ignore:\n  - {service: sandbox-*}\n  - {service: elsewhere}\n"
        "  - {service: hand-made, kind: service}\n")
    assert run(emulator, "drift", "--account").exit_code == 0


def test_account_refuses_named_services(emulator: Any, root: Path) -> None:
    result = run(emulator, "drift", "shop", "--account")
    assert result.exit_code == 1
    assert "--account compares the whole account with every spec" in result.stderr


def test_account_as_a_setting(emulator: Any, root: Path) -> None:
    assert run(emulator, "apply", "--auto-approve").exit_code == 0
    emulator.create_service("hand-made")
    (root / "drift-ignore.yaml").write_text("account: true\n")
    every = run(emulator, "drift", "--format", "json")
    assert every.exit_code == 2, every.output
    assert {s["name"] for s in json.loads(every.stdout)["services"]} == {"shop", "hand-made"}
    assert run(emulator, "drift", "shop").exit_code == 0  # a named service: just that one
    assert run(emulator, "drift", "--no-ignore").exit_code == 0  # no file, no setting

    (root / "drift-ignore.yaml").write_text("account: yes please\n")
    bad = run(emulator, "drift")
    assert bad.exit_code == 1
    assert "drift-ignore.yaml:1:10: `account:` must be true or false" in bad.stderr
    (root / "drift-ignore.yaml").write_text("acount: true\n")
    typo = run(emulator, "drift")
    assert typo.exit_code == 1 and "unknown key 'acount'" in typo.stderr
