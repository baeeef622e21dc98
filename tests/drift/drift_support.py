"""Helpers for drift tests: apply specs to the emulator, then change things out of band over
raw HTTP, as a colleague in the web console (or another tool) would."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import httpx

from fastlysync.apply.run import apply_all
from fastlysync.drift.ignore import IgnoreRules
from fastlysync.drift.model import DriftReport
from fastlysync.drift.run import drift_all
from fastlysync.fastly.client import FastlyClient
from fastlysync.fastly.config import ClientConfig
from fastlysync.plan.build import plan_all
from fastlysync.plan.model import Plan
from fastlysync.spec.loader import LoadedService
from fastlysync.spec.model import ServiceBase

OBJECTS: dict[str, Any] = {
    "backends": [{"name": "origin", "address": "origin.example.com", "port": 443}],
    "headers": [{"name": "hsts", "action": "set", "type": "response",
                 "dst": "http.Strict-Transport-Security", "src": '"max-age=300"'}],
    "dictionaries": [{"name": "flags", "items": {"a": "1", "b": "2"}}],
    "acls": [{"name": "block", "entries": [{"ip": "192.0.2.1"}]}],
    "snippets": [{"name": "dyn", "type": "recv", "dynamic": True,
                  "content": 'set req.http.X-A = "1";\n'}],
}
"""A backend, a header, a dictionary, an ACL and a dynamic snippet: the objects drift tests
change, shared by the pure and the live spec."""


class Live:
    def __init__(self, emulator: Any, root: Path) -> None:
        self.emulator = emulator
        self.root = root
        self.config = ClientConfig(token=emulator.token, endpoint=emulator.url,
                                   backoff=0.001, backoff_cap=0.01)
        self.http: httpx.Client = emulator.client()

    def loaded(self, service: ServiceBase) -> LoadedService:
        return LoadedService(service=service, path=self.root / "services" / f"{service.name}.yaml",
                             environment=None, secrets=frozenset(), root=self.root)

    def apply(self, *services: ServiceBase) -> list[str]:
        """Apply and return the service ids."""
        async def run() -> list[str]:
            async with FastlyClient(self.config) as client:
                plan, planned = await plan_all(client, [self.loaded(s) for s in services])
                assert not plan.errors, plan.errors
                outcomes = await apply_all(client, planned)
                assert all(o.ok for o in outcomes), [o.message for o in outcomes]
                return [str(o.service_id) for o in outcomes]
        return asyncio.run(run())

    def drift(self, *services: ServiceBase, rules: IgnoreRules | None = None) -> DriftReport:
        async def run() -> DriftReport:
            async with FastlyClient(self.config) as client:
                return await drift_all(client, [self.loaded(s) for s in services], rules=rules)
        return asyncio.run(run())

    def plan(self, *services: ServiceBase) -> Plan:
        async def run() -> Plan:
            async with FastlyClient(self.config) as client:
                return (await plan_all(client, [self.loaded(s) for s in services]))[0]
        return asyncio.run(run())

    # -- out-of-band changes over raw HTTP -------------------------------------------------

    def call(self, method: str, path: str, **kwargs: Any) -> Any:
        response = self.http.request(method, path, **kwargs)
        assert response.status_code < 300, (method, path, response.text)
        return response.json()

    def active(self, sid: str) -> int:
        versions = self.call("GET", f"/service/{sid}")["versions"]
        return next(int(v["number"]) for v in versions if v["active"])

    def clone(self, sid: str) -> int:
        return int(self.call("PUT", f"/service/{sid}/version/{self.active(sid)}/clone")["number"])

    def activate(self, sid: str, version: int) -> None:
        self.call("PUT", f"/service/{sid}/version/{version}/activate")

    def object_id(self, sid: str, api_path: str, name: str) -> str:
        data = self.call("GET", f"/service/{sid}/version/{self.active(sid)}/{api_path}/{name}")
        return str(data["id"])

    def reads(self) -> int:
        return sum(n for label, n in self.emulator.admin.requests().items()
                   if label.startswith("GET "))
