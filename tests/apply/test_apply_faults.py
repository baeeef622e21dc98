"""Reliability: applies under injected 5xx and dropped connections, and racing applies.

Every apply must end with the service exactly at its old active version or exactly at the
new one (versioned configuration), and a re-run without faults must converge.
"""

from __future__ import annotations

import asyncio
import os
import random
from dataclasses import replace

import pytest
from apply_harness import Harness, base, moved

from fastlysync.apply.executor import ApplyOutcome
from fastlysync.apply.run import apply_all
from fastlysync.fastly.client import FastlyClient
from fastlysync.fastly.config import ClientConfig
from fastlysync.fastly.drafts import left_drafts
from fastlysync.kinds import KINDS
from fastlysync.plan.build import plan_all
from fastlysync.plan.diff import diff
from fastlysync.plan.samples import sample_service
from fastlysync.spec.crossref import check_service
from fastlysync.spec.model import Service, ServiceBase


def faults(rate: float) -> list[dict[str, object]]:
    """`rate` of API requests fail: 5xx or a dropped connection, half after taking effect."""
    share = rate / 4
    return [{"path": "^/service", "drop": share, "after": True},
            {"path": "^/service", "p503": share, "after": True},
            {"path": "^/service", "drop": share},
            {"path": "^/service", "p500": share}]


RUNS = int(os.environ.get("FASTLYSYNC_FAULT_RUNS", "25"))
"""Applies per case; FASTLYSYNC_FAULT_RUNS=200 for the full reliability run."""


def kinds_for(rng: random.Random) -> list:
    """Every non-logging kind plus one logging kind (keeps each run to a few dozen calls)."""
    logging = [k for k in KINDS.values() if k.logging]
    return [k for k in KINDS.values() if not k.logging] + [rng.choice(logging)]


def mutate(rng: random.Random, base: ServiceBase, service_id: str, kinds: list) -> ServiceBase:
    """A random valid mix of kinds taken from other sample variants, some emptied."""
    while True:
        spec = _mutation(rng, base, service_id, kinds)
        if not check_service(spec):  # the loader would refuse a broken reference
            return spec


def _mutation(rng: random.Random, base: ServiceBase, service_id: str,
              kinds: list) -> ServiceBase:
    update: dict[str, object] = {"id": service_id}
    for kind in kinds:
        roll = rng.random()
        if roll < 0.3:
            other = sample_service(base.name, rng.randint(0, 3), kinds=kinds)
            update[kind.spec_key] = getattr(other, kind.spec_key)
        elif roll < 0.35 and not kind.singleton:
            update[kind.spec_key] = []
    spec = base.model_copy(update=update)
    return Service.model_validate(spec.model_dump())


def versioned_equal(spec: ServiceBase, live: ServiceBase) -> bool:
    return not diff(spec, live).changes




@pytest.mark.parametrize(("rate", "attempts"), [(0.10, 5), (0.30, 2)])
def test_applies_under_faults_end_old_or_new(harness: Harness, rate: float,
                                             attempts: int) -> None:
    """10% faults with normal retries; 30% with one retry, so that many applies fail."""
    rng = random.Random(int(rate * 100))
    harness.emulator.admin.set_rate_limit(10**6)  # hundreds of applies exceed 1,000 writes
    harness.config = replace(harness.config, attempts=attempts)
    kinds = kinds_for(rng)
    base = sample_service("faulty", 0, kinds=kinds)
    [created] = harness.apply_ok(base)
    current = base.model_copy(update={"id": created.service_id})
    tally = {"ok": 0, "failed": 0, "new": 0, "old": 0, "stray": 0, "left": 0}
    for _ in range(RUNS):
        wanted = mutate(rng, current, created.service_id, kinds)
        before_version = harness.versions(created.service_id)[0]
        harness.emulator.admin.set_faults(faults(rate), seed=rng.randint(0, 10**6))
        [outcome] = harness.apply(wanted, force=True)
        harness.emulator.admin.clear_faults()
        plan, planned = harness.plan(wanted)
        remote = planned[0].remote
        assert remote is not None and remote.active
        at_new = versioned_equal(wanted, remote.service)
        at_old = versioned_equal(current, remote.service)
        assert at_new or at_old, outcome.message
        if outcome.ok:
            assert at_new and not plan.has_changes, outcome.message
        if not at_new:
            assert remote.version == before_version, outcome.message
        tally["ok" if outcome.ok else "failed"] += 1
        tally["new" if at_new else "old"] += 1
        drafts = [d.number for d in left_drafts(remote.versions, remote.version)]
        reported = {outcome.draft} | {n for n in drafts for note in plan.services[0].notes
                                      if f"draft version {n} " in note}
        assert set(drafts) <= reported, (drafts, outcome.message, plan.services[0].notes)
        if outcome.ok:
            tally["stray"] += len(drafts)
        if not outcome.ok:
            harness.config = replace(harness.config, attempts=5)
            harness.apply_ok(wanted, force=True)  # a re-run converges
            harness.config = replace(harness.config, attempts=attempts)
            left = harness.plan(wanted)[0].services[0]
            assert not left.has_changes, left.model_dump_json()[:3000]
            active, newest = harness.versions(created.service_id)
            tally["left"] += newest - active  # drafts still above the active version
        current = wanted
    counters = harness.emulator.admin.counters()
    print(f"\nfaults {rate:.0%}, {attempts} attempts: {tally}, "
          f"fired: {counters['faults']}")
    assert tally["ok"] + tally["failed"] == RUNS
    assert tally["stray"] == 0  # a successful apply leaves no draft behind
    assert tally["left"] == 0  # the re-run reuses what a failed apply left
    if rate < 0.3:
        assert tally["ok"] >= 0.8 * RUNS  # retries absorb most 10% faults
    else:
        assert tally["failed"] and tally["ok"]  # both outcomes were exercised


def rivals(harness: Harness, name: str, first: str,
           second: str) -> tuple[str, ServiceBase, ServiceBase]:
    """A live service and two specs of it that move its backend apart: to `first`, and to
    `second` on another port."""
    [created] = harness.apply_ok(base(name))
    sid = created.service_id
    return (sid, moved(base(name), sid, f"{first}.example.com"),
            moved(base(name), sid, f"{second}.example.com", port=8080))


async def apply_alone(harness: Harness, spec: ServiceBase) -> ApplyOutcome:
    """Plan and apply `spec` over a client of its own, as a second `fastlysync apply` would."""
    config = ClientConfig(token=harness.emulator.token, endpoint=harness.emulator.url,
                          backoff=0.001)
    async with FastlyClient(config) as client:
        _, planned = await plan_all(client, [harness.loaded(spec)])
        return (await apply_all(client, planned))[0]


def test_two_applies_at_once_one_wins(harness: Harness) -> None:
    sid, left, right = rivals(harness, "race", "left", "right")
    harness.emulator.admin.set_faults([{"path": "^/service", "latency": 0.02}])

    async def both():
        return await asyncio.gather(apply_alone(harness, left), apply_alone(harness, right))

    outcomes = asyncio.run(both())
    harness.emulator.admin.clear_faults()
    winners = [o for o in outcomes if o.ok]
    assert len(winners) == 1, [o.message for o in outcomes]
    loser = next(o for o in outcomes if not o.ok)
    assert "run plan again" in loser.message
    rows = harness.emulator.client().get(f"/service/{sid}").json()["versions"]
    never = [v["number"] for v in rows if v["number"] > 1 and v["number"] != winners[0].version]
    assert all(not v["locked"] for v in rows if v["number"] in never), rows  # never activated
    winner_spec = left if outcomes[0].ok else right
    loser_spec = right if outcomes[0].ok else left
    assert harness.in_step(winner_spec)
    harness.apply_ok(loser_spec)  # nothing lost: the loser's re-run still applies
    assert harness.in_step(loser_spec)


def test_an_apply_starting_after_a_rivals_clone_never_shares_its_draft(
        harness: Harness) -> None:
    """The second apply plans after the first has cloned and stamped its draft: it must not
    take that draft for one left behind (both would edit it and a mix would go live)."""
    sid, first, second = rivals(harness, "late", "first", "second")
    harness.emulator.admin.set_faults([{"path": "^/service", "latency": 0.05}])

    def stamped_draft() -> bool:
        rows = harness.emulator.client().get(f"/service/{sid}").json()["versions"]
        return any(r["number"] == 2 and r["comment"].endswith("v=2") for r in rows)

    async def staggered():
        early = asyncio.create_task(apply_alone(harness, first))
        while not stamped_draft():
            await asyncio.sleep(0.01)
        return await asyncio.gather(early, apply_alone(harness, second))

    outcomes = asyncio.run(staggered())
    harness.emulator.admin.clear_faults()
    assert [o.version for o in outcomes if o.ok] == [2], [o.message for o in outcomes]
    assert not outcomes[1].ok and outcomes[1].draft == 3
    assert harness.in_step(first)  # exactly the winner's spec: no mix
