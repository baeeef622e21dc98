"""API calls per plan and per apply, counted by the emulator itself.

Prints, for a typical service (domain, backends, health check, condition, header, snippet,
a dictionary, an ACL, a syslog endpoint) and for the full sample service (every kind, every
field):

- reads for a no-change plan, bound by id and by name;
- writes for an apply of k object changes (k = 1, 3, 10): k + 3 (clone, version comment,
  activate), and the same when the spec moves to another file;
- writes for a versionless-only change (dictionary items, ACL entries);
- writes to create the service.

    python bench/api_economy.py
"""

from __future__ import annotations

import asyncio
from pathlib import Path
from tempfile import TemporaryDirectory
from typing import Any

from fastlysync.apply.run import apply_all
from fastlysync.emulator import BackgroundServer, create_app
from fastlysync.emulator.admin import AdminClient
from fastlysync.fastly.client import FastlyClient
from fastlysync.fastly.config import ClientConfig
from fastlysync.plan.build import plan_all
from fastlysync.plan.samples import sample_service
from fastlysync.spec.loader import LoadedService
from fastlysync.spec.model import Service, ServiceBase

TOKEN = "economy"


def typical(name: str, port: int = 443, items: int = 20) -> ServiceBase:
    return Service.model_validate({
        "name": name,
        "domains": [{"name": f"{name}.example.com"}],
        "backends": [{"name": f"b{i}", "address": f"b{i}.example.com", "port": port,
                      "healthcheck": "hc"} for i in range(10)],
        "healthchecks": [{"name": "hc", "host": "b0.example.com", "path": "/health"}],
        "conditions": [{"name": "is_api", "statement": 'req.url ~ "^/api"', "type": "REQUEST"}],
        "headers": [{"name": "h", "action": "set", "type": "response", "dst": "http.X-A",
                     "src": '"1"'}],
        "snippets": [{"name": "recv", "type": "recv", "content": 'set req.http.X-B = "1";\n'}],
        "dictionaries": [{"name": "flags", "items": {f"k{i}": str(i) for i in range(items)}}],
        "acls": [{"name": "blocked", "entries": [{"ip": "192.0.2.1"}]}],
        "logging_syslog": [{"name": "logs", "address": "logs.example.com"}],
    })


class Counter:
    def __init__(self, url: str, root: Path, admin_token: str) -> None:
        self.admin = AdminClient(url, token=admin_token)
        self.root = root
        self.spec_file = "s.yaml"
        self.config = ClientConfig(token=TOKEN, endpoint=url)

    def run(self, service: ServiceBase, apply: bool) -> tuple[int, int, Any]:
        loaded = LoadedService(service=service, path=self.root / "services" / self.spec_file,
                               environment=None, secrets=frozenset(), root=self.root)

        async def main() -> Any:
            async with FastlyClient(self.config) as client:
                plan, planned = await plan_all(client, [loaded])
                if plan.errors:
                    raise SystemExit(plan.errors[0].message)
                if not apply:
                    return plan
                [outcome] = await apply_all(client, planned, force=True)
                if not outcome.ok:
                    raise SystemExit(outcome.message)
                return outcome

        self.admin.reset_counters()
        result = asyncio.run(main())
        requests = self.admin.requests()
        reads = sum(n for label, n in requests.items() if label.startswith("GET "))
        return reads, sum(requests.values()) - reads, result


def backends_changed(service: ServiceBase, k: int, port: int) -> ServiceBase:
    backends = [b.model_copy(update={"port": port}) if i < k else b
                for i, b in enumerate(service.backends)]  # type: ignore[attr-defined]
    return service.model_copy(update={"backends": backends})


def main() -> None:
    app = create_app(tokens=[TOKEN], rate_limit=100000)
    with BackgroundServer(app) as server, TemporaryDirectory() as folder:
        counter = Counter(server.url, Path(folder), app.admin_token)
        rows: list[tuple[str, int, int]] = []
        ids: dict[str, str] = {}
        for label, service in (("typical", typical("typical")),
                               ("full sample", sample_service("full", 0))):
            # one spec file per service: a name-bound spec in a file another service came
            # from would plan as a rename of that service (plan/renames.py)
            counter.spec_file = f"{service.name}.yaml"
            reads, writes, outcome = counter.run(service, apply=True)
            rows.append((f"{label}: create service", reads, writes))
            ids[label] = outcome.service_id
            bound = service.model_copy(update={"id": outcome.service_id})
            reads, writes, _ = counter.run(bound, apply=False)
            rows.append((f"{label}: no-change plan, bound by id", reads, writes))
            reads, writes, _ = counter.run(service, apply=False)
            rows.append((f"{label}: no-change plan, bound by name", reads, writes))
        spec = typical("typical").model_copy(update={"id": ids["typical"]})
        counter.spec_file = "typical.yaml"
        port = 8000
        for k in (1, 3, 10):
            port += 1
            spec = backends_changed(spec, k, port)
            reads, writes, _ = counter.run(spec, apply=True)
            rows.append((f"typical: apply of {k} object change(s)", reads, writes))
        counter.spec_file = "moved.yaml"  # a new spec path in the comment: no extra write
        spec = backends_changed(spec, 1, port + 1)
        reads, writes, _ = counter.run(spec, apply=True)
        rows.append(("typical: apply of 1 change, spec file moved", reads, writes))
        items = typical("typical", items=25).dictionaries  # type: ignore[attr-defined]
        spec = spec.model_copy(update={"dictionaries": items})
        reads, writes, _ = counter.run(spec, apply=True)
        rows.append(("typical: versionless only (5 dictionary items)", reads, writes))
        width = max(len(r[0]) for r in rows)
        print(f"{'case':<{width}}  reads  writes")
        for label, reads, writes in rows:
            print(f"{label:<{width}}  {reads:>5}  {writes:>6}")


if __name__ == "__main__":
    main()
