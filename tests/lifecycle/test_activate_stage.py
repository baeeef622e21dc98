"""`apply --no-activate` / `apply --stage` then `fastlysync activate`, end to end against the
emulator, with the official Fastly CLI confirming which version runs where."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from lifecycle_support import FastlyCli, run, write_spec


def applied(emulator: Any, *extra: str) -> str:
    result = run(emulator, "apply", "--auto-approve", *extra)
    assert result.exit_code == 0, result.output
    return result.stdout


def test_staged_apply_then_activate(emulator: Any, root: Path, fastly: FastlyCli) -> None:
    applied(emulator)
    sid = fastly.services()["shop"]
    write_spec(root, address="b.example.com", beta="on")

    staged = applied(emulator, "--stage")
    assert "version 2 staged; production still runs version 1" in staged
    assert "1 versionless change(s) not applied" in staged
    assert "1 object change and 0 versionless changes made" in staged  # the totals agree
    versions = fastly.versions(sid)
    assert (versions[1]["Active"], versions[1]["Staging"]) == (True, False)
    assert (versions[2]["Active"], versions[2]["Staging"], versions[2]["Locked"]) == (
        False, True, True)
    assert "; staged" in versions[2]["Comment"] and versions[2]["Comment"].endswith("; v=2")
    # Staging shares versionless data with production: the item change waits.
    assert fastly.dictionary_items(sid, 1, "flags") == {"beta": "off"}
    described = fastly.json("service", "describe", "--service-id", sid)
    assert described["ActiveVersion"]["Number"] == 1

    drift = run(emulator, "drift", "--format", "json")
    assert drift.exit_code == 2  # production still differs from git ...
    kinds = {item["category"] for item in json.loads(drift.stdout)["services"][0]["items"]}
    assert "version" not in kinds  # ... but a staged version is no rollback

    result = run(emulator, "activate", "shop", "--auto-approve", "--format", "json")
    assert result.exit_code == 0, result.output
    [outcome] = json.loads(result.stdout)["services"]
    assert outcome["version"] == 2 and outcome["activated"] and outcome["previous_version"] == 1
    assert "1 versionless change(s) applied" in outcome["message"]
    versions = fastly.versions(sid)
    assert versions[2]["Active"] and not versions[1]["Active"]
    assert "staged" not in versions[2]["Comment"]  # production now: its marker says so
    assert fastly.dictionary_items(sid, 2, "flags") == {"beta": "on"}
    assert run(emulator, "drift").exit_code == 0
    assert run(emulator, "plan", "--detailed-exitcode").exit_code == 0


def test_rollback_from_a_version_staged_then_activated_is_version_drift(
        emulator: Any, root: Path) -> None:
    """Staging still runs version 2 after its production activation; rolling production
    back to 1 must still show as a rollback, not pass as a staged-only version."""
    applied(emulator)
    write_spec(root, address="b.example.com")
    applied(emulator, "--stage")
    assert run(emulator, "activate", "shop", "--auto-approve").exit_code == 0
    assert run(emulator, "rollback", "shop", "--auto-approve").exit_code == 0
    drift = run(emulator, "drift", "--format", "json")
    assert drift.exit_code == 2, drift.output
    [version] = [i for i in json.loads(drift.stdout)["services"][0]["items"]
                 if i["category"] == "version"]
    assert version["message"].startswith("rolled back: version 1 is active, but newer "
                                         "version 2")


def test_activate_a_no_activate_draft_with_its_versionless_changes(
        emulator: Any, root: Path, fastly: FastlyCli) -> None:
    applied(emulator)
    sid = fastly.services()["shop"]
    write_spec(root, address="b.example.com", beta="on")
    draft = applied(emulator, "--no-activate")
    assert "validated draft version 2; not activated" in draft
    assert "1 object change and 0 versionless changes made" in draft
    assert fastly.dictionary_items(sid, 1, "flags") == {"beta": "off"}

    result = run(emulator, "activate", "shop", "--auto-approve")
    assert result.exit_code == 0, result.output
    assert "service shop: version 2 active (was 1); 1 versionless change(s) applied" in (
        result.stdout)
    assert fastly.versions(sid)[2]["Active"]
    assert fastly.dictionary_items(sid, 2, "flags") == {"beta": "on"}
    assert run(emulator, "plan", "--detailed-exitcode").exit_code == 0


def test_activate_stage_then_production(emulator: Any, root: Path, fastly: FastlyCli) -> None:
    applied(emulator)
    sid = fastly.services()["shop"]
    write_spec(root, address="b.example.com")
    applied(emulator, "--no-activate")
    staged = run(emulator, "activate", "shop", "--stage", "--auto-approve")
    assert staged.exit_code == 0, staged.output
    assert "service shop: version 2 staged" in staged.stdout
    assert fastly.versions(sid)[2]["Staging"] and fastly.versions(sid)[1]["Active"]
    again = run(emulator, "activate", "shop", "--version", "2", "--auto-approve")
    assert again.exit_code == 0, again.output
    assert fastly.versions(sid)[2]["Active"]


def test_activate_refuses_a_draft_the_spec_moved_past(
        emulator: Any, root: Path, fastly: FastlyCli) -> None:
    applied(emulator)
    sid = fastly.services()["shop"]
    write_spec(root, address="b.example.com")
    applied(emulator, "--no-activate")
    write_spec(root, address="c.example.com")
    result = run(emulator, "activate", "shop", "--auto-approve")
    assert result.exit_code == 1
    assert "draft version 2 does not match the spec (1 change(s)" in result.stderr
    assert fastly.versions(sid)[1]["Active"] and not fastly.versions(sid)[2]["Active"]


def test_activate_errors(emulator: Any, root: Path) -> None:
    missing = run(emulator, "activate", "shop", "--auto-approve")
    assert missing.exit_code == 1 and "no live service named 'shop'" in missing.stderr
    applied(emulator)
    nothing = run(emulator, "activate", "shop", "--auto-approve")
    assert nothing.exit_code == 1 and "no version newer than the active version 1" in (
        nothing.stderr)
    assert nothing.stderr.count("service shop") == 1, nothing.stderr
    unknown = run(emulator, "activate", "nosuch", "--auto-approve")
    assert unknown.exit_code == 1 and "no spec for service 'nosuch'" in unknown.stderr
    asked = run(emulator, "activate", "shop")
    assert asked.exit_code == 1 and "refusing without --auto-approve" in asked.stderr


def test_stage_refuses_what_staging_cannot_hold(emulator: Any, root: Path) -> None:
    created = run(emulator, "apply", "--stage", "--auto-approve")
    assert created.exit_code == 1
    assert "a new service cannot be staged" in created.stderr
    applied(emulator)
    write_spec(root, beta="on")
    only_items = run(emulator, "apply", "--stage", "--auto-approve")
    assert only_items.exit_code == 1 and "only versionless changes" in only_items.stderr


def test_plan_and_drift_say_which_version_is_staged(emulator: Any, root: Path) -> None:
    """From the `environments` /details already lists: one line, and a field in json."""
    applied(emulator)
    write_spec(root, address="b.example.com")
    applied(emulator, "--stage")
    line = ("version 2 is staged (on Fastly's staging environment; production runs "
            "version 1, which this compares against)")

    plan = run(emulator, "plan")
    assert plan.stdout.count(line) == 1, plan.stdout
    [planned] = json.loads(run(emulator, "plan", "--format", "json").stdout)["services"]
    assert planned["staged_version"] == 2 and line in planned["notes"]
    drift = run(emulator, "drift")
    assert drift.stdout.count(line) == 1, drift.stdout
    [drifted] = json.loads(run(emulator, "drift", "--format", "json").stdout)["services"]
    assert drifted["staged_version"] == 2 and line in drifted["notes"]

    assert run(emulator, "activate", "shop", "--auto-approve").exit_code == 0
    same = "version 2 is staged (the version production runs)"
    assert same in run(emulator, "plan").stdout
    assert same in run(emulator, "drift").stdout


def test_no_staged_version_no_note(emulator: Any, root: Path) -> None:
    applied(emulator)
    [planned] = json.loads(run(emulator, "plan", "--format", "json").stdout)["services"]
    assert planned["staged_version"] is None
    assert not any("staged" in note for note in planned["notes"])
