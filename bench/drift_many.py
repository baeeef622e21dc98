"""Wall time of `fastlysync drift` over many services with injected API latency.

Starts `fastlysync emulator` in a subprocess, applies N small services to it (each: a domain,
two backends, a condition, a header, settings; every tenth also a dictionary), writes their
specs into a temporary repository, changes a few live out of band, then injects latency on
every API request and times `fastlysync drift` in a fresh process, from start to exit.

    python bench/drift_many.py [--services 1000] [--latency-ms 50] [--concurrency 16]

Prints the wall time, the requests drift made (from the emulator's counters) and the drift
found. The figure belongs in the README; the test suite never asserts on time.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import tempfile
import time
from pathlib import Path

from emulator_process import run_fastlysync, start_emulator, stop_emulator

from fastlysync.apply.run import apply_all
from fastlysync.emulator.admin import AdminClient
from fastlysync.fastly.client import FastlyClient
from fastlysync.fastly.config import ClientConfig
from fastlysync.plan.build import plan_all
from fastlysync.spec import load_specs

TOKEN = "bench-drift-token"


def spec_text(i: int) -> str:
    name = f"svc-{i:04d}"
    text = f"""name: {name}
domains:
  - name: {name}.example.com
backends:
  - name: origin
    address: origin-{i}.example.com
    port: 443
    use_ssl: true
  - name: fallback
    address: fallback-{i}.example.com
conditions:
  - name: is_api
    type: REQUEST
    statement: req.url.path ~ "^/api/"
headers:
  - name: api_marker
    action: set
    type: request
    dst: http.X-Api
    src: '"1"'
    request_condition: is_api
settings:
  default_ttl: {300 + i}
"""
    if i % 10 == 0:
        text += "dictionaries:\n  - name: flags\n    items:\n      beta: 'off'\n"
    return text


def write_repo(root: Path, count: int) -> None:
    (root / "services").mkdir(parents=True)
    (root / "vcl").mkdir()
    for i in range(count):
        (root / "services" / f"svc-{i:04d}.yaml").write_text(spec_text(i))


async def seed(config: ClientConfig, root: Path) -> dict[str, str]:
    loaded = load_specs(root=root)
    assert not loaded.errors, loaded.errors[:3]
    async with FastlyClient(config) as client:
        _, planned = await plan_all(client, loaded.services)
        outcomes = await apply_all(client, planned, parallel=16)
    failed = [o for o in outcomes if not o.ok]
    if failed:
        raise SystemExit(f"seeding failed: {failed[0].name}: {failed[0].message}")
    return {o.name: str(o.service_id) for o in outcomes}


def drift_out_of_band(url: str, ids: dict[str, str], every: int) -> int:
    """Change one backend port on every `every`-th service (clone, edit, activate)."""
    import httpx

    changed = 0
    with httpx.Client(base_url=url, headers={"Fastly-Key": TOKEN}) as http:
        for _name, sid in sorted(ids.items())[::every]:
            draft = http.put(f"/service/{sid}/version/1/clone").json()["number"]
            http.put(f"/service/{sid}/version/{draft}/backend/origin", data={"port": "8443"})
            http.put(f"/service/{sid}/version/{draft}/activate").raise_for_status()
            changed += 1
    return changed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--services", type=int, default=1000)
    parser.add_argument("--latency-ms", type=float, default=50.0)
    parser.add_argument("--concurrency", type=int, default=None,
                        help="--concurrency for drift (default: the client's default)")
    parser.add_argument("--drift-every", type=int, default=100,
                        help="change every Nth service out of band (0: none)")
    args = parser.parse_args()

    proc, url = start_emulator(TOKEN, rate_limit=10000000)
    admin = AdminClient(url)
    try:
        with tempfile.TemporaryDirectory(prefix="fastlysync-drift-bench-") as tmp:
            root = Path(tmp)
            write_repo(root, args.services)
            started = time.perf_counter()
            ids = asyncio.run(seed(ClientConfig(token=TOKEN, endpoint=url), root))
            seeded = time.perf_counter() - started
            changed = drift_out_of_band(url, ids, args.drift_every) if args.drift_every else 0
            admin.reset_counters()
            admin.set_faults([{"path": "^/service", "latency": args.latency_ms / 1000}])
            extra = ["--concurrency", str(args.concurrency)] if args.concurrency else []
            done, wall = run_fastlysync(root, url, TOKEN, "drift", "--format", "json", *extra,
                                        timeout=600)
            admin.clear_faults()
            counters = admin.counters()
    finally:
        admin.close()
        stop_emulator(proc)
    if done.returncode not in (0, 2):
        raise SystemExit(f"drift failed (exit {done.returncode}): {done.stderr[:500]}")
    report = json.loads(done.stdout)
    summary = report["summary"]
    requests = sum(counters["requests"].values())
    print(f"services:            {args.services} (seeded in {seeded:.1f} s)")
    print(f"injected latency:    {args.latency_ms:.0f} ms per request")
    print(f"drift wall time:     {wall:.2f} s (exit {done.returncode}, whole process)")
    print(f"requests:            {requests} ({requests / args.services:.2f} per service): "
          + ", ".join(f"{k} {v}" for k, v in sorted(counters["requests"].items())))
    print(f"drift found:         {summary['services_drifted']} service(s) "
          f"({changed} changed out of band), {summary['changed']} changed field(s), "
          f"{summary['services_failed']} failed")


if __name__ == "__main__":
    main()
