"""Contents managed elsewhere and ignored fields: plan, apply and drift leave them alone.

Against the emulator: another system (a direct API call here) changes what the spec leaves
to it; the plan stays empty, costs no read for those contents, and apply of an unrelated
change leaves them as the other system wrote them.
"""

from __future__ import annotations

import asyncio
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from pydantic import ValidationError

sys.path.insert(0, str(Path(__file__).parent.parent / "apply"))
from apply_harness import Harness

from fastlysync.drift.run import drift_all
from fastlysync.fastly.client import FastlyClient
from fastlysync.spec.model import Service

BASE = {"domains": [{"name": "alone.example.com"}],
        "backends": [{"name": "origin", "address": "origin.example.com"}]}


@pytest.fixture
def harness(emulator: Any, tmp_path: Path) -> Iterator[Harness]:
    (tmp_path / "services").mkdir()
    yield Harness(emulator, tmp_path)


def _live(harness: Harness, data: dict[str, Any]) -> tuple[Service, str]:
    """Apply `data` and return the spec bound to the new service's id."""
    spec = Service.model_validate(data)
    [created] = harness.apply_ok(spec)
    return spec.model_copy(update={"id": created.service_id}), str(created.service_id)


def _changes(harness: Harness, spec: Service) -> list[tuple[str, str, list[str]]]:
    plan, _ = harness.plan(spec)
    assert not plan.errors, plan.errors
    return [(c.kind, c.name, [f.field for f in c.fields])
            for s in plan.services for c in [*s.changes, *s.versionless]]


def _reads(harness: Harness, spec: Service) -> dict[str, int]:
    harness.reset_counters()
    harness.plan(spec)
    return {k: v for k, v in harness.emulator.admin.requests().items() if k.startswith("GET")}


def test_dictionary_items_managed_elsewhere(harness: Harness, emulator: Any) -> None:
    spec, sid = _live(harness, {"name": "dict-else", **BASE,
                                "dictionaries": [{"name": "blocklist", "manage_items": False}]})
    client = emulator.client()
    dict_id = client.get(f"/service/{sid}/version/1/dictionary/blocklist").json()["id"]
    put = client.put(f"/service/{sid}/dictionary/{dict_id}/item/bad", data={"item_value": "1"})
    assert put.status_code == 200, put.text
    assert _changes(harness, spec) == []
    reads = _reads(harness, spec)
    assert sum(reads.values()) == 1 and not any("item" in k for k in reads), reads
    # An unrelated change applies without touching the items another system wrote.
    changed = spec.model_copy(update={"comment": "changed"})
    changed = Service.model_validate({**changed.model_dump(), "backends": [
        {"name": "origin", "address": "origin.example.com", "port": 8080}]})
    harness.apply_ok(changed)
    items = client.get(f"/service/{sid}/dictionary/{dict_id}/items").json()
    assert [(i["item_key"], i["item_value"]) for i in items] == [("bad", "1")]
    assert _changes(harness, changed) == []


def test_managed_items_are_still_compared(harness: Harness, emulator: Any) -> None:
    """The control: with manage_items left at true the same foreign item is a change."""
    spec, sid = _live(harness, {"name": "dict-own", **BASE,
                                "dictionaries": [{"name": "blocklist"}]})
    client = emulator.client()
    dict_id = client.get(f"/service/{sid}/version/1/dictionary/blocklist").json()["id"]
    client.put(f"/service/{sid}/dictionary/{dict_id}/item/bad", data={"item_value": "1"})
    assert _changes(harness, spec) == [("dictionary", "blocklist", ["items"])]


def test_acl_entries_managed_elsewhere(harness: Harness, emulator: Any) -> None:
    spec, sid = _live(harness, {"name": "acl-else", **BASE,
                                "acls": [{"name": "blocked", "manage_entries": False}]})
    client = emulator.client()
    acl_id = client.get(f"/service/{sid}/version/1/acl/blocked").json()["id"]
    made = client.post(f"/service/{sid}/acl/{acl_id}/entry", json={"ip": "192.0.2.7"})
    assert made.status_code == 200, made.text
    assert _changes(harness, spec) == []
    assert not any("entr" in k for k in _reads(harness, spec))
    outcome = asyncio.run(_drift(harness, spec))
    assert outcome == []


async def _drift(harness: Harness, spec: Service) -> list[Any]:
    async with FastlyClient(harness.config) as client:
        report = await drift_all(client, [harness.loaded(spec)])
    assert not report.errors, report.errors
    return [item for service in report.services for item in service.items]


def test_dynamic_snippet_content_managed_elsewhere(harness: Harness, emulator: Any) -> None:
    spec, sid = _live(harness, {"name": "dyn-else", **BASE, "snippets": [
        {"name": "waf", "type": "recv", "dynamic": True, "manage_content": False}]})
    client = emulator.client()
    snippet_id = client.get(f"/service/{sid}/version/1/snippet/waf").json()["id"]
    put = client.put(f"/service/{sid}/snippet/{snippet_id}",
                     data={"content": 'set req.http.X-Waf = "1";\n'})
    assert put.status_code == 200, put.text
    assert _changes(harness, spec) == []
    assert sum(_reads(harness, spec).values()) == 1


def test_manage_content_needs_a_dynamic_snippet() -> None:
    with pytest.raises(ValidationError, match="needs dynamic: true"):
        Service.model_validate({"name": "x", "snippets": [
            {"name": "s", "type": "recv", "content": "", "manage_content": False}]})


@pytest.mark.parametrize("kind, obj, message", [
    ("dictionaries", {"name": "geo", "manage_items": False, "items": {"a": "b"}},
     "manage_items: false: leave out items"),
    ("acls", {"name": "deny", "manage_entries": False, "entries": [{"ip": "192.0.2.1"}]},
     "manage_entries: false: leave out entries"),
])
def test_contents_elsewhere_refuses_contents_in_the_spec(kind: str, obj: dict[str, Any],
                                                        message: str) -> None:
    """Items the spec lists but plan would never write are a mistake, not a seed: refused,
    as content on a dynamic snippet with manage_content: false is."""
    with pytest.raises(ValidationError, match=message):
        Service.model_validate({"name": "svc", kind: [obj]})


def test_object_ignore_changes(harness: Harness, emulator: Any) -> None:
    data = {"name": "ign-obj", "domains": BASE["domains"], "backends": [
        {"name": "origin", "address": "origin.example.com", "ignore_changes": ["weight"]}]}
    spec, sid = _live(harness, data)
    client = emulator.client()
    clone = client.put(f"/service/{sid}/version/1/clone").json()["number"]
    client.put(f"/service/{sid}/version/{clone}/backend/origin", data={"weight": "7"})
    client.put(f"/service/{sid}/version/{clone}/activate")
    assert _changes(harness, spec) == []
    # A change of another field is applied; the ignored one keeps the live value.
    data["backends"][0]["port"] = 8443
    changed = Service.model_validate({**data, "id": sid})
    assert _changes(harness, changed) == [("backend", "origin", ["port"])]
    harness.apply_ok(changed)
    active = next(v["number"] for v in client.get(f"/service/{sid}").json()["versions"]
              if v["active"])
    live = client.get(f"/service/{sid}/version/{active}/backend/origin").json()
    assert (int(live["weight"]), int(live["port"])) == (7, 8443)
    assert _changes(harness, changed) == []


def test_service_ignore_changes_field_and_kind(harness: Harness, emulator: Any) -> None:
    data = {"name": "ign-svc", **BASE, "gzips": [{"name": "gz"}],
            "ignore_changes": ["backends.port", "gzips"]}
    spec, sid = _live(harness, data)
    client = emulator.client()
    clone = client.put(f"/service/{sid}/version/1/clone").json()["number"]
    client.put(f"/service/{sid}/version/{clone}/backend/origin", data={"port": "8080"})
    client.delete(f"/service/{sid}/version/{clone}/gzip/gz")
    client.post(f"/service/{sid}/version/{clone}/gzip", data={"name": "theirs"})
    client.put(f"/service/{sid}/version/{clone}/activate")
    assert _changes(harness, spec) == []
    # Without the ignores, the same live state is a port change and a gzip rename.
    plain = spec.model_copy(update={"ignore_changes": []})
    assert sorted(c[:2] for c in _changes(harness, plain)) == [
        ("backend", "origin"), ("gzip", "gz")]


@pytest.mark.parametrize(("entry", "message"), [
    ("backendz", "no kind 'backendz'"), ("backends.colour", "has no field 'colour'"),
    ("backends.name", "has no field 'name'")])
def test_service_ignore_changes_must_name_real_fields(entry: str, message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        Service.model_validate({"name": "x", "ignore_changes": [entry]})


def test_object_ignore_changes_must_name_real_fields() -> None:
    with pytest.raises(ValidationError, match="'colour' is not a field"):
        Service.model_validate({"name": "x", "backends": [
            {"name": "o", "address": "o.example.com", "ignore_changes": ["colour"]}]})
