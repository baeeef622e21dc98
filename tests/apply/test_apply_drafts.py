"""Drafts never go unreported, clones are never silently repeated, and an apply never
activates over a version that moved since it was planned (emulator over loopback HTTP)."""

from __future__ import annotations

import asyncio
import calendar

import pytest
from apply_harness import Harness, base, moved

from fastlysync.apply.run import apply_all
from fastlysync.drift.run import drift_all
from fastlysync.fastly.client import FastlyClient
from fastlysync.fastly.drafts import STALE_AFTER, left_drafts, reusable
from fastlysync.fastly.marker import format_marker, stamp
from fastlysync.plan.build import plan_all
from fastlysync.spec.model import Service


def version_rows(harness: Harness, service_id: str) -> list[dict]:
    return list(harness.emulator.client().get(f"/service/{service_id}").json()["versions"])


@pytest.mark.parametrize("fault", [{"p503": 1.0, "after": True}, {"drop": 1.0, "after": True}])
def test_a_lost_clone_is_found_not_repeated(harness: Harness, fault: dict) -> None:
    [created] = harness.apply_ok(base("lost"))
    sid = created.service_id
    harness.emulator.admin.set_faults([{"method": "PUT", "path": "/clone$", "times": 1,
                                        **fault}])
    [outcome] = harness.apply_ok(moved(base("lost"), sid, "new.example.com"))
    assert harness.emulator.admin.faults()[0]["fired"] == 1
    assert outcome.version == 2 and "copy" not in outcome.message
    assert harness.versions(sid) == (2, 2)  # no second clone, no stray draft


def test_a_clone_that_failed_before_taking_effect_is_sent_again(harness: Harness) -> None:
    [created] = harness.apply_ok(base("again"))
    harness.emulator.admin.set_faults([{"method": "PUT", "path": "/clone$", "times": 2,
                                        "p503": 1.0}])
    [outcome] = harness.apply_ok(moved(base("again"), created.service_id, "n.example.com"))
    assert outcome.version == 2 and harness.versions(created.service_id) == (2, 2)


@pytest.mark.parametrize("method", ["PUT", "DELETE"])
def test_put_and_delete_are_retried(harness: Harness, method: str) -> None:
    """One 5xx on an idempotent write is retried; the apply succeeds with one retry."""
    spec = base("retry").model_copy(update={"backends": Service(name="x", backends=[
        {"name": "o", "address": "o.example.com"},
        {"name": "p", "address": "p.example.com"}]).backends})
    [created] = harness.apply_ok(spec)
    wanted = moved(spec, created.service_id, "o2.example.com") if method == "PUT" else \
        spec.model_copy(update={"id": created.service_id, "backends": spec.backends[:1]})
    harness.emulator.admin.set_faults([{"method": method, "path": "/backend/", "times": 1,
                                        "p503": 1.0}])
    [outcome] = harness.apply_ok(wanted)
    assert harness.emulator.admin.faults()[0]["fired"] == 1
    assert outcome.activated and harness.in_step(wanted)


def test_a_failed_apply_leaves_a_draft_that_is_reported_and_reused(harness: Harness) -> None:
    [created] = harness.apply_ok(base("left"))
    sid = created.service_id
    broken = moved(base("left"), sid, "x.example.com").model_copy(update={
        "vcls": Service(name="x", vcls=[{"name": "main", "main": True,
                                         "content": "sub vcl_recv { set }"}]).vcls})
    [failed] = harness.apply(broken)
    assert not failed.ok and failed.draft == 2 and "next apply reuses it" in failed.message
    fixed = moved(base("left"), sid, "x.example.com")
    plan, _ = harness.plan(fixed)
    [note] = plan.services[0].notes
    assert "draft version 2" in note
    assert f"fastly service-version activate --service-id {sid} --version 2" in note

    async def drift() -> list[str]:
        async with FastlyClient(harness.config) as client:
            report = await drift_all(client, [harness.loaded(fixed)])
        return report.services[0].notes

    assert any("draft version 2" in n for n in asyncio.run(drift()))
    [done] = harness.apply_ok(fixed)
    assert "reused draft version 2" in done.message
    assert harness.versions(sid) == (2, 2)
    assert harness.in_step(fixed)
    plan, _ = harness.plan(fixed)
    assert plan.services[0].notes == []


def test_an_unstamped_copy_is_reported_but_never_reused(harness: Harness) -> None:
    [created] = harness.apply_ok(base("copy"))
    sid = created.service_id
    harness.emulator.client().put(f"/service/{sid}/version/1/clone").raise_for_status()
    wanted = moved(base("copy"), sid, "c.example.com")
    plan, _ = harness.plan(wanted)
    [note] = plan.services[0].notes
    assert "draft version 2 is an unedited copy of version 1" in note
    [done] = harness.apply_ok(wanted)
    assert "reused" not in done.message and done.version == 3
    rows = {v["number"]: v for v in version_rows(harness, sid)}
    assert not rows[2]["locked"]  # someone's copy: left as it was


def test_no_activation_when_the_live_version_moved_since_the_plan(harness: Harness) -> None:
    """Planned against version 1; another apply activates version 2 before this one reaches
    activation: this one must stop before activating, and say what is active now."""
    [created] = harness.apply_ok(base("moved"))
    sid = created.service_id
    ours = moved(base("moved"), sid, "ours.example.com")
    theirs = moved(base("moved"), sid, "theirs.example.com")

    async def run() -> list:
        async with FastlyClient(harness.config) as client:
            _, planned = await plan_all(client, [harness.loaded(ours)])
            await asyncio.to_thread(harness.apply_ok, theirs)  # lands between plan and apply
            return await apply_all(client, planned)

    [outcome] = asyncio.run(run())
    assert not outcome.ok
    assert "active version is now 2" in outcome.message
    assert "unchanged" not in outcome.message  # it did change: the message must say so
    rows = {v["number"]: v for v in version_rows(harness, sid)}
    assert rows[3]["locked"] is False and rows[3]["active"] is False  # never activated
    assert harness.versions(sid) == (2, 3)
    assert harness.in_step(theirs)


def test_a_draft_another_apply_is_still_editing_is_never_reused(harness: Harness) -> None:
    """A fresh stamped draft that is not marked left may belong to a running apply: editing
    it too would activate a mix of both specs. It is reported, and a fresh clone is made."""
    [created] = harness.apply_ok(base("busy"))
    sid = created.service_id
    client = harness.emulator.client()
    client.put(f"/service/{sid}/version/1/clone").raise_for_status()
    comment = stamp(format_marker("services/busy.yaml", None, []), 2)
    client.put(f"/service/{sid}/version/2", data={"comment": comment}).raise_for_status()
    wanted = moved(base("busy"), sid, "b.example.com")
    plan, _ = harness.plan(wanted)
    [note] = plan.services[0].notes
    assert "draft version 2 was made by a fastlysync apply that is still running" in note
    [done] = harness.apply_ok(wanted)
    assert "reused" not in done.message and done.version == 3
    rows = {v["number"]: v for v in version_rows(harness, sid)}
    assert rows[2]["comment"] == comment  # untouched


def test_reuse_only_when_idle() -> None:
    stamped = {"number": 5, "locked": False, "active": False,
               "comment": "fastlysync: s.yaml; logging=; v=5", "updated_at":
               "2026-01-01T00:00:00Z"}
    left = {**stamped, "number": 6, "comment": "fastlysync: s.yaml; logging=; left; v=6"}
    start = calendar.timegm((2026, 1, 1, 0, 0, 0, 0, 0, 0))
    drafts = left_drafts([stamped], 4)
    assert reusable(drafts, now=start + STALE_AFTER - 1) is None  # may still be in use
    assert reusable(drafts, now=start + STALE_AFTER) == drafts[0]  # long idle: abandoned
    both = left_drafts([stamped, left], 4)
    assert reusable(both, now=start).number == 6  # marked left: at once
