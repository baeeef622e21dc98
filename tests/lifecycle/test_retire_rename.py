"""Retiring a service (`retire: true`) and renaming one bound by id, end to end against the
emulator, the Fastly CLI confirming what the account holds afterwards."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml
from lifecycle_support import FastlyCli, run, write_spec


@pytest.fixture
def root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    write_spec(tmp_path, name="shop")
    write_spec(tmp_path, name="blog")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_retire_needs_force_then_deactivates_and_deletes(
        emulator: Any, root: Path, fastly: FastlyCli) -> None:
    assert run(emulator, "apply", "--auto-approve").exit_code == 0
    ids = fastly.services()
    assert set(ids) == {"shop", "blog"}
    write_spec(root, name="blog", extra="retire: true\n")

    plan = run(emulator, "plan", "--detailed-exitcode")
    assert plan.exit_code == 2
    assert "- retire service blog: deactivate, then delete" in plan.stdout
    assert "needs --force: retires (deletes) service blog" in plan.stdout
    assert "(1 to retire)" in plan.stdout
    drift = run(emulator, "drift", "blog", "--format", "json")
    assert drift.exit_code == 2
    [item] = json.loads(drift.stdout)["services"][0]["items"]
    assert (item["category"], item["kind"]) == ("unmanaged", "service")

    refused = run(emulator, "apply", "--auto-approve")
    assert refused.exit_code == 1
    assert "service blog: refused: retires (deletes) service blog (use --force)" in (
        refused.stderr)
    assert set(fastly.services()) == {"shop", "blog"}

    done = run(emulator, "apply", "--auto-approve", "--force", "--format", "json")
    assert done.exit_code == 0, done.output
    [outcome] = json.loads(done.stdout)["services"]
    assert outcome["message"] == f"retired: service {ids['blog']} deleted (deactivated version 1)"
    assert outcome["writes"] == 2
    assert set(fastly.services()) == {"shop"}  # the official CLI no longer lists it

    after = run(emulator, "plan", "--detailed-exitcode")
    assert after.exit_code == 0, after.output
    assert "service blog (services/blog.yaml): no changes (retired, no live service)" in (
        after.stdout)
    clean = run(emulator, "drift")
    assert clean.exit_code == 0, clean.output
    assert "note: retired: no live service" in clean.stdout


def test_retired_service_bound_by_id_is_in_step_once_deleted(
        emulator: Any, root: Path, fastly: FastlyCli) -> None:
    """Import writes `id:`; once apply has retired that service, the spec that still says
    `retire: true` is done: the deleted id (Fastly: 400 "Service '<id>' is deleted") is no
    error for plan, drift or a second apply."""
    assert run(emulator, "apply", "--auto-approve").exit_code == 0
    sid = fastly.services()["blog"]
    write_spec(root, name="blog", extra=f"id: {sid}\nretire: true\n")
    done = run(emulator, "apply", "blog", "--auto-approve", "--force")
    assert done.exit_code == 0, done.output
    assert set(fastly.services()) == {"shop"}

    after = run(emulator, "plan", "blog", "--detailed-exitcode")
    assert after.exit_code == 0, after.output
    assert "no changes (retired, no live service)" in after.stdout
    again = run(emulator, "apply", "blog", "--auto-approve", "--force")
    assert again.exit_code == 0, again.output
    clean = run(emulator, "drift", "blog")
    assert clean.exit_code == 0, clean.output
    assert "retired: no live service" in clean.stdout
    for command in ("activate", "rollback"):
        refused = run(emulator, command, "blog", "--auto-approve")
        assert refused.exit_code == 1
        assert refused.stderr == ("fastlysync: service blog: its spec retires it (retire: "
                                  "true); `fastlysync apply --force` deletes it, there is no "
                                  "version to activate\n"), refused.stderr


def test_retire_is_not_staged_nor_done_by_no_activate(
        emulator: Any, root: Path, fastly: FastlyCli) -> None:
    assert run(emulator, "apply", "--auto-approve").exit_code == 0
    write_spec(root, name="blog", extra="retire: true\n")
    staged = run(emulator, "apply", "blog", "--stage", "--auto-approve", "--force")
    assert staged.exit_code == 1 and "retiring a service cannot be staged" in staged.stderr
    draft = run(emulator, "apply", "blog", "--no-activate", "--auto-approve", "--force")
    assert draft.exit_code == 1 and "not retired: --no-activate" in draft.stderr
    assert set(fastly.services()) == {"shop", "blog"}


def test_renaming_an_imported_spec_renames_the_service(
        emulator: Any, root: Path, fastly: FastlyCli) -> None:
    assert run(emulator, "apply", "--auto-approve").exit_code == 0
    sid = fastly.services()["shop"]
    (root / "services" / "shop.yaml").unlink()
    imported = run(emulator, "import", "shop", "--out", str(root))
    assert imported.exit_code == 0, imported.output
    spec_path = next((root / "services").glob("shop*.yaml"))
    data = yaml.safe_load(spec_path.read_text())
    assert data["id"] == sid  # import binds the spec by id

    spec_path.write_text(spec_path.read_text().replace("name: shop\n", "name: store\n", 1))
    plan = run(emulator, "plan", "store", "--detailed-exitcode")
    assert plan.exit_code == 2, plan.output
    assert "> rename service shop -> store" in plan.stdout
    assert "1 to create" not in plan.stdout and "0 to create" in plan.stdout

    done = run(emulator, "apply", "store", "--auto-approve")
    assert done.exit_code == 0, done.output
    assert fastly.services() == {"store": sid, "blog": fastly.services()["blog"]}
    assert run(emulator, "plan", "--detailed-exitcode").exit_code == 0


def test_renaming_a_spec_bound_by_name_is_a_rename(
        emulator: Any, root: Path, fastly: FastlyCli) -> None:
    assert run(emulator, "apply", "--auto-approve").exit_code == 0
    sid = fastly.services()["shop"]
    path = root / "services" / "shop.yaml"
    path.write_text(path.read_text().replace("name: shop\n", "name: store\n", 1))

    plan = run(emulator, "plan", "--detailed-exitcode", "--format", "json")
    assert plan.exit_code == 2, plan.output
    store = next(s for s in json.loads(plan.stdout)["services"] if s["name"] == "store")
    assert (store["action"], store["id"], store["renamed_from"]) == ("update", sid, "shop")
    [rename] = store["versionless"]
    assert (rename["action"], rename["old_name"], rename["name"]) == ("rename", "shop", "store")
    assert any(f"`id: {sid}` in the spec binds it" in note for note in store["notes"])

    drift = run(emulator, "drift", "store", "--format", "json")
    assert drift.exit_code == 2, drift.output
    [item] = json.loads(drift.stdout)["services"][0]["items"]
    assert (item["kind"], item["field"], item["spec"], item["live"]) == (
        "service", "name", "store", "shop")

    refused = run(emulator, "apply", "--auto-approve")
    assert refused.exit_code == 1 and "renames service shop to store" in refused.stderr
    assert set(fastly.services()) == {"shop", "blog"}  # nothing created beside it
    done = run(emulator, "apply", "--auto-approve", "--force")
    assert done.exit_code == 0, done.output
    assert fastly.services()["store"] == sid and "shop" not in fastly.services()
    assert run(emulator, "plan", "--detailed-exitcode").exit_code == 0


def test_a_new_spec_is_still_a_new_service(emulator: Any, root: Path,
                                           fastly: FastlyCli) -> None:
    assert run(emulator, "apply", "--auto-approve").exit_code == 0
    write_spec(root, name="docs")  # another file: no live service was made from it
    plan = run(emulator, "plan", "docs", "--format", "json")
    [docs] = json.loads(plan.stdout)["services"]
    assert (docs["action"], docs["renamed_from"]) == ("create", None)


def test_many_names_and_a_rename_read_the_service_list_once(emulator: Any, root: Path) -> None:
    """More names than are searched one by one: the list that resolves them also finds the
    renamed spec (and drift --account's unmanaged services), not a second read of it."""
    for name in ("cafe", "deli"):
        write_spec(root, name=name)
    assert run(emulator, "apply", "--auto-approve").exit_code == 0
    emulator.admin.reset_counters()
    assert run(emulator, "plan", "--detailed-exitcode").exit_code == 0
    in_step = emulator.admin.requests()
    assert in_step["GET service list"] == 1 and "GET service/search" not in in_step

    path = root / "services" / "deli.yaml"
    path.write_text(path.read_text().replace("name: deli\n", "name: diner\n", 1))
    for args in (("plan", "--detailed-exitcode"), ("drift",), ("drift", "--account")):
        emulator.admin.reset_counters()
        result = run(emulator, *args, "--format", "json")
        assert result.exit_code == 2, result.output
        assert emulator.admin.requests() == in_step, args  # the same reads, list once
    diner = next(s for s in json.loads(run(emulator, "plan", "--format", "json").stdout)
                 ["services"] if s["name"] == "diner")
    assert diner["renamed_from"] == "deli"
