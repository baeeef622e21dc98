"""Two applies of different specs to one service at the same time: who wins, and does the
loser's version ever go live?

Runs the emulator in this process (served over loopback HTTP) with 20 ms added to every
request, and PAIRS racing pairs, the second apply starting 0-60 ms after the first. For each
pair it prints nothing; at the end:

- pairs with exactly one winner (the other told to run plan again);
- losers whose version was ever activated (a locked version that is not the winner's);
- losers whose message names the version that really is active and never claims the
  active version is "unchanged" when it moved;
- pairs whose live service ends exactly at the winner's spec.

    python bench/apply_race.py [PAIRS]
"""

from __future__ import annotations

import asyncio
import random
import sys
from collections import Counter
from pathlib import Path
from tempfile import TemporaryDirectory

import httpx

from fastlysync.apply.executor import ApplyOutcome
from fastlysync.apply.run import apply_all
from fastlysync.emulator import BackgroundServer, create_app
from fastlysync.emulator.admin import AdminClient
from fastlysync.fastly.client import FastlyClient
from fastlysync.fastly.config import ClientConfig
from fastlysync.plan.build import plan_all
from fastlysync.spec.loader import LoadedService
from fastlysync.spec.model import Service, ServiceBase

TOKEN = "bench-race"


def spec(name: str, address: str, port: int = 443) -> ServiceBase:
    return Service(name=name, domains=[{"name": f"{name}.example.com"}],
                   backends=[{"name": "o", "address": address, "port": port}])


async def apply(config: ClientConfig, root: Path, service: ServiceBase,
                delay: float = 0.0) -> ApplyOutcome:
    await asyncio.sleep(delay)
    loaded = LoadedService(service=service, path=root / "services" / f"{service.name}.yaml",
                           environment=None, secrets=frozenset(), root=root)
    async with FastlyClient(config) as client:
        _, planned = await plan_all(client, [loaded])
        return (await apply_all(client, planned))[0]


def main() -> None:
    pairs = int(sys.argv[1]) if len(sys.argv) > 1 else 20
    rng = random.Random(7)
    app = create_app(tokens=[TOKEN], rate_limit=10**9)
    tally: Counter[str] = Counter()
    with BackgroundServer(app) as server, TemporaryDirectory() as folder:
        root = Path(folder)
        admin = AdminClient(server.url, token=app.admin_token)
        http = httpx.Client(base_url=server.url, headers={"Fastly-Key": TOKEN})
        config = ClientConfig(token=TOKEN, endpoint=server.url, backoff=0.001)
        for pair in range(pairs):
            name = f"race{pair}"
            first = asyncio.run(apply(config, root, spec(name, "o.example.com")))
            assert first.ok, first.message
            left = spec(name, "left.example.com")
            right = spec(name, "right.example.com", 8443)
            admin.set_faults([{"path": "^/service", "latency": 0.02}])

            async def both(left: ServiceBase = left, right: ServiceBase = right
                           ) -> list[ApplyOutcome]:
                return list(await asyncio.gather(
                    apply(config, root, left), apply(config, root, right,
                                                     rng.uniform(0, 0.06))))

            outcomes = asyncio.run(both())
            admin.clear_faults()
            versions = http.get(f"/service/{first.service_id}").json()["versions"]
            active = next(v["number"] for v in versions if v["active"])
            winners = [o for o in outcomes if o.ok]
            tally["one winner" if len(winners) == 1 else f"{len(winners)} winners"] += 1
            if len(winners) != 1:
                print(f"pair {pair}: {[o.message for o in outcomes]}")
                continue
            winner = winners[0]
            loser = next(o for o in outcomes if not o.ok)
            locked = {v["number"] for v in versions if v["locked"]}
            loser_drafts = {v["number"] for v in versions
                            if v["number"] > first.version and v["number"] != winner.version}
            tally["loser ever active"] += bool(locked & loser_drafts)
            truthful = ((f"is now {active}" in loser.message
                         or f"activated version {active}" in loser.message)
                        and "unchanged" not in loser.message)
            tally["loser message true"] += truthful
            if not truthful:
                print(f"pair {pair}: active {active}; loser said: {loser.message}")
            won = left if outcomes[0].ok else right
            live = http.get(f"/service/{first.service_id}/details").json()
            backend = live["active_version"]["backends"][0]
            at_winner = (active == winner.version
                         and backend["address"] == won.backends[0].address)
            tally["live is the winner's"] += at_winner
            if not at_winner:
                print(f"pair {pair}: active {active}, live {backend['address']}; winner: "
                      f"{winner.message}; loser: {loser.message}")
    print(f"racing pairs: {pairs}")
    for key in ("one winner", "loser ever active", "loser message true",
                "live is the winner's"):
        print(f"  {key}: {tally[key]}")
    for key, count in tally.items():
        if key.endswith("winners"):
            print(f"  {key}: {count}")


if __name__ == "__main__":
    main()
