"""Applies under injected faults and SIGKILLs: is anything ever half-applied or left unsaid?

Starts `fastlysync emulator` in its own process. One service holding every non-logging kind
plus one logging kind is changed at random (objects from other sample variants, some kinds
emptied), then:

- RUNS applies (in this process, over HTTP) while 20% of API requests fail: a 503/500 or a
  dropped connection, half of them after the request took effect;
- KILLS applies run as `fastlysync apply` subprocesses, SIGKILLed at a random moment while
  every request is slowed down by 100 ms (so most are killed mid-flight).

After each one, with faults off, the live service is read and planned against the spec:

- half-applied: the active version's configuration is neither the old spec nor the new one;
- unreported drafts: inactive versions above the active one that neither the apply's own
  outcome nor the next plan's notes mention;
- stray drafts: drafts left behind by an apply that reported success;
- convergence: an apply that failed (or was killed) is run again without faults; it must
  end with the spec live, no changes left and no draft above the active version. (After a
  kill the bench waits for the requests already sent to complete: a killed process's last
  activation still lands at the server, and a re-run racing it rightly refuses to activate.)

    python bench/apply_faults.py [RUNS] [KILLS]
"""

from __future__ import annotations

import asyncio
import os
import random
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path
from tempfile import TemporaryDirectory
from typing import Any

from emulator_process import start_emulator, stop_emulator

from fastlysync.apply.executor import ApplyOutcome
from fastlysync.apply.run import apply_all
from fastlysync.emulator.admin import AdminClient
from fastlysync.fastly.client import FastlyClient
from fastlysync.fastly.config import ClientConfig
from fastlysync.fastly.drafts import left_drafts
from fastlysync.kinds import KINDS
from fastlysync.plan.build import Planned, plan_all
from fastlysync.plan.diff import diff
from fastlysync.plan.model import Plan
from fastlysync.plan.samples import sample_service
from fastlysync.spec.crossref import check_service
from fastlysync.spec.dump import dump_service
from fastlysync.spec.loader import LoadedService
from fastlysync.spec.model import Service, ServiceBase

TOKEN = "bench-apply-faults"
NAME = "faulty"
RATE = 0.20
LATENCY = 0.1
"""Seconds added to each request of a run that is SIGKILLed (so most die mid-flight)."""


def faults(rate: float) -> list[dict[str, object]]:
    """`rate` of API requests fail: 5xx or a dropped connection, half after taking effect."""
    share = rate / 4
    return [{"path": "^/service", "drop": share, "after": True},
            {"path": "^/service", "p503": share, "after": True},
            {"path": "^/service", "drop": share},
            {"path": "^/service", "p500": share}]


def mutate(rng: random.Random, base: ServiceBase, kinds: list[Any]) -> ServiceBase:
    """A random valid mix of kinds taken from other sample variants, some emptied."""
    while True:
        update: dict[str, object] = {}
        for kind in kinds:
            roll = rng.random()
            if roll < 0.3:
                other = sample_service(NAME, rng.randint(0, 3), kinds=kinds)
                update[kind.spec_key] = getattr(other, kind.spec_key)
            elif roll < 0.35 and not kind.singleton:
                update[kind.spec_key] = []
        spec = Service.model_validate(base.model_copy(update=update).model_dump())
        if not check_service(spec):
            return spec


class Bench:
    def __init__(self, url: str, root: Path) -> None:
        self.url = url
        self.root = root
        self.admin = AdminClient(url)
        self.config = ClientConfig(token=TOKEN, endpoint=url, backoff=0.001, backoff_cap=0.01)
        self.tally: Counter[str] = Counter()

    def loaded(self, spec: ServiceBase) -> LoadedService:
        return LoadedService(service=spec, path=self.root / "services" / f"{NAME}.yaml",
                             environment=None, secrets=frozenset(), root=self.root)

    def plan(self, spec: ServiceBase) -> tuple[Plan, list[Planned]]:
        async def run() -> tuple[Plan, list[Planned]]:
            async with FastlyClient(self.config) as client:
                return await plan_all(client, [self.loaded(spec)])
        return asyncio.run(run())

    def apply(self, spec: ServiceBase) -> ApplyOutcome:
        async def run() -> ApplyOutcome:
            async with FastlyClient(self.config) as client:
                plan, planned = await plan_all(client, [self.loaded(spec)])
                if plan.errors:
                    return ApplyOutcome(name=NAME, ok=False, message=plan.errors[0].message)
                return (await apply_all(client, planned, force=True))[0]
        return asyncio.run(run())

    def check(self, old: ServiceBase, new: ServiceBase, outcome: ApplyOutcome | None) -> None:
        """Judge the live service after one faulted or killed apply, then converge."""
        plan, planned = self.plan(new)
        remote = planned[0].remote
        assert remote is not None and not plan.errors, plan.errors
        at_new = not diff(new, remote.service).changes
        at_old = not diff(old, remote.service).changes
        self.tally["half-applied"] += not (at_new or at_old)
        drafts = [d.number for d in left_drafts(remote.versions, remote.version)]
        said = " ".join([*plan.services[0].notes, outcome.message if outcome else ""])
        reported = {n for n in drafts if f"draft version {n} " in said
                    or f"version(s) {n}" in said or (outcome and outcome.draft == n)}
        self.tally["drafts left"] += len(drafts)
        self.tally["unreported drafts"] += len(set(drafts) - reported)
        if outcome is not None and outcome.ok:
            self.tally["stray drafts after success"] += len(drafts)
        if outcome is not None and outcome.ok and plan.has_changes:
            self.tally["ok but not in step"] += 1
        if outcome is None or not outcome.ok or plan.has_changes:
            self.tally["re-runs"] += 1
            again = self.apply(new)
            after, planned = self.plan(new)
            remote = planned[0].remote
            assert remote is not None
            left = left_drafts(remote.versions, remote.version)
            if again.ok and not after.has_changes and not left:
                self.tally["converged"] += 1
            else:
                print(f"  did not converge: {again.message}; drafts {left}", flush=True)

    def killed(self, spec: ServiceBase, rng: random.Random) -> bool:
        """`fastlysync apply` in a subprocess, SIGKILLed after a random delay; True when it
        was still running when killed."""
        (self.root / "services" / f"{NAME}.yaml").write_text(dump_service(spec))
        env = {**os.environ, "FASTLY_API_ENDPOINT": self.url, "FASTLY_API_TOKEN": TOKEN}
        proc = subprocess.Popen([sys.executable, "-m", "fastlysync", "apply", "--auto-approve",
                                 "--force"], cwd=self.root, env=env,
                                stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        try:
            _, errors = proc.communicate(timeout=rng.uniform(0.6, 2.5))
            if proc.returncode:
                print(f"  apply exited {proc.returncode} before the kill: {errors.strip()}",
                      flush=True)
            return False
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
            # A request the process had sent still completes at the server (here after the
            # injected latency): an activation may land after the kill. Let it, so the
            # re-run below is not racing a dead process's last request.
            time.sleep(5 * LATENCY)
            return True


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 100
    kills = int(sys.argv[2]) if len(sys.argv) > 2 else 30
    rng = random.Random(11)
    logging = [k for k in KINDS.values() if k.logging]
    kinds = [k for k in KINDS.values() if not k.logging] + [rng.choice(logging)]
    proc, url = start_emulator(TOKEN, rate_limit=10**9)
    started = time.perf_counter()
    try:
        with TemporaryDirectory() as folder:
            root = Path(folder)
            (root / "services").mkdir()
            (root / "vcl").mkdir()
            bench = Bench(url, root)
            current = sample_service(NAME, 0, kinds=kinds)
            first = bench.apply(current)
            assert first.ok, first.message
            fired: Counter[str] = Counter()
            for _ in range(runs):
                wanted = mutate(rng, current, kinds)
                bench.admin.set_faults(faults(RATE), seed=rng.randint(0, 10**6))
                bench.admin.reset_counters()
                outcome = bench.apply(wanted)
                counters = bench.admin.counters()
                fired.update(counters["faults"])
                fired["requests"] += counters["total"]
                bench.admin.clear_faults()
                bench.tally["ok" if outcome.ok else "failed"] += 1
                bench.check(current, wanted, outcome)
                current = wanted
            for _ in range(kills):
                wanted = mutate(rng, current, kinds)
                bench.admin.set_faults([{"path": "^/service", "latency": LATENCY}])
                mid_flight = bench.killed(wanted, rng)
                bench.admin.clear_faults()
                bench.tally["killed mid-flight" if mid_flight else "finished before kill"] += 1
                bench.check(current, wanted, None)
                current = wanted
    finally:
        stop_emulator(proc)
    tally = bench.tally
    reruns = tally["re-runs"]
    requests = fired.pop("requests", 0)
    print(f"applies under {RATE:.0%} faults: {runs} (ok {tally['ok']}, failed "
          f"{tally['failed']}); {requests} requests, faults fired: {dict(fired)}")
    print(f"SIGKILLed applies: {kills} (killed mid-flight {tally['killed mid-flight']}, "
          f"finished before the kill {tally['finished before kill']})")
    print(f"half-applied active versions: {tally['half-applied']}")
    print(f"drafts left behind: {tally['drafts left']}, unreported: "
          f"{tally['unreported drafts']}, after a successful apply: "
          f"{tally['stray drafts after success']}")
    print(f"successful applies not in step: {tally['ok but not in step']}")
    print(f"convergence on re-run: {tally['converged']}/{reruns} "
          f"({100 * tally['converged'] / max(1, reruns):.0f}%)")
    print(f"wall time: {time.perf_counter() - started:.0f} s")


if __name__ == "__main__":
    main()
