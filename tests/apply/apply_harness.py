"""A harness for plan/apply tests against the emulator over loopback HTTP."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

from fastlysync.apply.executor import ApplyOutcome
from fastlysync.apply.run import apply_all
from fastlysync.fastly.client import FastlyClient
from fastlysync.fastly.config import ClientConfig
from fastlysync.plan.build import Planned, plan_all
from fastlysync.plan.model import Plan
from fastlysync.spec.loader import LoadedService
from fastlysync.spec.model import Service, ServiceBase


def base(name: str) -> Service:
    """A small service, `name`, with one backend `o`: what the version-race tests edit."""
    return Service(name=name, domains=[{"name": f"{name}.example.com"}],
                   backends=[{"name": "o", "address": "o.example.com"}])


def moved(spec: ServiceBase, service_id: str, address: str, **backend: object) -> ServiceBase:
    """`spec` bound to `service_id`, its backend `o` moved to `address` (with `backend`'s
    other fields)."""
    return spec.model_copy(update={"id": service_id, "backends": Service(name="x", backends=[
        {"name": "o", "address": address, **backend}]).backends})


class Harness:
    def __init__(self, emulator: Any, root: Path) -> None:
        self.emulator = emulator
        self.root = root
        self.config = ClientConfig(token=emulator.token, endpoint=emulator.url,
                                   backoff=0.001, backoff_cap=0.01)

    def loaded(self, service: ServiceBase) -> LoadedService:
        return LoadedService(service=service, path=self.root / "services" / f"{service.name}.yaml",
                             environment=None, secrets=frozenset(), root=self.root)

    def plan(self, *services: ServiceBase) -> tuple[Plan, list[Planned]]:
        async def run() -> tuple[Plan, list[Planned]]:
            async with FastlyClient(self.config) as client:
                return await plan_all(client, [self.loaded(s) for s in services])
        return asyncio.run(run())

    def apply(self, *services: ServiceBase, **options: Any) -> list[ApplyOutcome]:
        async def run() -> list[ApplyOutcome]:
            async with FastlyClient(self.config) as client:
                plan, planned = await plan_all(client, [self.loaded(s) for s in services])
                failed = [ApplyOutcome(name=e.name, ok=False, message=e.message)
                          for e in plan.errors]  # could not even read: nothing applied
                return failed + await apply_all(client, planned, **options)
        return asyncio.run(run())

    def apply_ok(self, *services: ServiceBase, **options: Any) -> list[ApplyOutcome]:
        outcomes = self.apply(*services, **options)
        assert all(o.ok for o in outcomes), [o.message for o in outcomes]
        return outcomes

    def reset_counters(self) -> None:
        self.emulator.admin.reset_counters()

    def counts(self) -> tuple[int, int]:
        """(reads, writes) the emulator served since the last reset."""
        requests = self.emulator.admin.requests()
        reads = sum(n for label, n in requests.items() if label.startswith("GET "))
        writes = sum(n for label, n in requests.items() if not label.startswith("GET "))
        return reads, writes

    def versions(self, service_id: str) -> tuple[int | None, int]:
        """(active version, newest version)."""
        data = self.emulator.client().get(f"/service/{service_id}").json()
        numbers = [v["number"] for v in data["versions"]]
        active = [v["number"] for v in data["versions"] if v["active"]]
        return (active[0] if active else None), max(numbers)

    def in_step(self, *services: ServiceBase) -> bool:
        plan, _ = self.plan(*services)
        assert not plan.errors, plan.errors
        return not plan.has_changes
