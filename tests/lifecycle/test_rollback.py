"""`fastlysync rollback`, end to end against the emulator, the Fastly CLI confirming which
version is active, and drift telling the truth afterwards."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from lifecycle_support import FastlyCli, run, write_spec


def two_versions(emulator: Any, root: Path) -> None:
    assert run(emulator, "apply", "--auto-approve").exit_code == 0
    write_spec(root, address="b.example.com", beta="on")
    assert run(emulator, "apply", "--auto-approve").exit_code == 0


def test_rollback_shows_what_it_brings_back_and_drift_follows(
        emulator: Any, root: Path, fastly: FastlyCli) -> None:
    two_versions(emulator, root)
    sid = fastly.services()["shop"]
    result = run(emulator, "rollback", "shop", "--auto-approve")
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "service shop: roll back from version 2 to version 1" in out
    assert "~ update backend origin" in out
    assert 'address: "b.example.com" -> "a.example.com"' in out
    assert "are not versioned: the rollback leaves them as they are" in out
    assert "service shop: version 1 active (was 2)" in out
    versions = fastly.versions(sid)
    assert versions[1]["Active"] and not versions[2]["Active"]

    # git still says b.example.com: live differs, and drift says why.
    drift = run(emulator, "drift", "--format", "json")
    assert drift.exit_code == 2
    items = json.loads(drift.stdout)["services"][0]["items"]
    assert {(i["category"], i.get("field")) for i in items} >= {("changed", "address")}
    assert any(i["category"] == "version" and "rolled back" in i["message"] for i in items)

    # git reverted to what version 1 holds: a rollback to content equal to git is no drift.
    write_spec(root, address="a.example.com", beta="on")
    clean = run(emulator, "drift", "--format", "json")
    assert clean.exit_code == 0, clean.output
    [service] = json.loads(clean.stdout)["services"]
    assert service["items"] == []
    assert any("after a rollback from version 2" in note for note in service["notes"])


def test_rollback_to_a_named_version_as_json(emulator: Any, root: Path,
                                             fastly: FastlyCli) -> None:
    two_versions(emulator, root)
    write_spec(root, address="c.example.com")
    assert run(emulator, "apply", "--auto-approve").exit_code == 0
    sid = fastly.services()["shop"]
    result = run(emulator, "rollback", "shop", "--to", "1", "--auto-approve",
                 "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["ok"] is True
    [done] = data["services"]
    assert (done["from_version"], done["to_version"], done["rolled_back"]) == (3, 1, True)
    [change] = done["changes"]["changes"]
    assert change["kind"] == "backend"
    assert change["fields"][0] == {**change["fields"][0], "field": "address",
                                   "old": "c.example.com", "new": "a.example.com"}
    assert fastly.versions(sid)[1]["Active"]
    # The next rollback goes back from 1: nothing older to go to.
    again = run(emulator, "rollback", "shop", "--auto-approve")
    assert again.exit_code == 1
    assert "no earlier version made and activated by fastlysync" in again.stderr


def test_rollback_skips_versions_not_made_by_fastlysync(
        emulator: Any, root: Path, fastly: FastlyCli) -> None:
    two_versions(emulator, root)
    sid = fastly.services()["shop"]
    # A console-style edit: clone 2, change, activate (its comment is a copy of v2's marker).
    fastly.run("service", "version", "clone", "--service-id", sid, "--version", "2")
    fastly.run("service", "backend", "update", "--service-id", sid, "--version", "3",
               "--name", "origin", "--address", "hand.example.com")
    fastly.run("service", "version", "activate", "--service-id", sid, "--version", "3")
    result = run(emulator, "rollback", "shop", "--auto-approve")
    assert result.exit_code == 0, result.output
    assert "roll back from version 3 to version 2" in result.stdout
    assert fastly.versions(sid)[2]["Active"]


def test_rollback_refusals(emulator: Any, root: Path, fastly: FastlyCli) -> None:
    assert run(emulator, "apply", "--auto-approve").exit_code == 0
    sid = fastly.services()["shop"]
    only_one = run(emulator, "rollback", "shop", "--auto-approve")
    assert only_one.exit_code == 1 and "no earlier version" in only_one.stderr
    no_such = run(emulator, "rollback", "shop", "--to", "9", "--auto-approve")
    assert no_such.exit_code == 1 and "has no version 9" in no_such.stderr
    for refused in (only_one, no_such):  # one line that names the service once
        assert refused.stderr.count("service shop") == 1, refused.stderr
    # Version 1 of a created service is the one apply activated; make 2 and ask first.
    write_spec(root, address="b.example.com")
    assert run(emulator, "apply", "--auto-approve").exit_code == 0
    asked = run(emulator, "rollback", "shop")
    assert asked.exit_code == 1 and "refusing without --auto-approve" in asked.stderr
    assert fastly.versions(sid)[2]["Active"]


def test_rollback_never_goes_forward_to_a_draft(emulator: Any, root: Path,
                                                fastly: FastlyCli) -> None:
    """A draft someone cloned and edited above the active version was never activated nor
    checked against the spec: `rollback --to` it would put it live unreviewed."""
    assert run(emulator, "apply", "--auto-approve").exit_code == 0
    sid = fastly.services()["shop"]
    fastly.run("service", "version", "clone", "--service-id", sid, "--version", "1")
    fastly.run("service", "domain", "create", "--service-id", sid, "--version", "2",
               "--name", "unreviewed.example.com")
    forward = run(emulator, "rollback", "shop", "--to", "2", "--auto-approve")
    assert forward.exit_code == 1
    assert forward.stderr == ("fastlysync: service shop: version 2 is newer than the active "
                              "version 1 and fastlysync never activated it: a rollback "
                              "re-activates a version that was live; `fastlysync activate "
                              "--version 2` activates it if it matches the spec\n")
    assert fastly.versions(sid)[1]["Active"] and not fastly.versions(sid)[2]["Active"]


def test_rollback_that_removes_the_last_backend_needs_force(
        emulator: Any, root: Path, fastly: FastlyCli) -> None:
    assert run(emulator, "apply", "--auto-approve").exit_code == 0
    sid = fastly.services()["shop"]
    # Version 2 made by hand from 1 without the backend, then fastlysync applies version 3.
    fastly.run("service", "version", "clone", "--service-id", sid, "--version", "1")
    fastly.run("service", "backend", "delete", "--service-id", sid, "--version", "2",
               "--name", "origin")
    write_spec(root, address="b.example.com")
    assert run(emulator, "apply", "--auto-approve").exit_code == 0
    refused = run(emulator, "rollback", "shop", "--to", "2", "--auto-approve")
    assert refused.exit_code == 1
    assert "removes the last backend (use --force)" in refused.stderr
    assert fastly.versions(sid)[3]["Active"]


def test_activate_after_a_rollback_names_the_version_it_took_out(emulator: Any,
                                                                  root: Path) -> None:
    """Version 2 was live until the rollback: it is no draft, and no new draft fixes it."""
    two_versions(emulator, root)
    assert run(emulator, "rollback", "shop", "--auto-approve").exit_code == 0
    write_spec(root, address="c.example.com")
    result = run(emulator, "activate", "shop", "--auto-approve")
    assert result.exit_code == 1
    assert ("version 2 (active before a rollback) does not match the spec (1 change(s) since "
            "it was made): `fastlysync apply` puts the spec live as a new version"
            in result.stderr), result.stderr
    assert "draft" not in result.output
