"""Drift against the emulator over HTTP: each category from a real out-of-band change, ignore
rules, version drift (hand-made, rolled back, never activated) and what drift costs."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from drift_support import OBJECTS, Live

from fastlysync.drift.ignore import load_ignore
from fastlysync.drift.model import DriftItem
from fastlysync.spec.model import Service, ServiceBase

SPEC: dict[str, Any] = {
    "name": "drifty",
    "domains": [{"name": "drifty.example.com"}],
    **OBJECTS,
    "logging_syslog": [{"name": "syslog", "address": "logs.example.com"}],
}


@pytest.fixture
def live(emulator: Any, tmp_path: Path) -> Iterator[Live]:
    yield Live(emulator, tmp_path)


def applied(live: Live, data: dict[str, Any] = SPEC) -> tuple[ServiceBase, str]:
    spec = Service.model_validate(data)
    [sid] = live.apply(spec)
    return spec.model_copy(update={"id": sid}), sid


def summary(items: list[DriftItem]) -> set[tuple[Any, ...]]:
    return {(i.category, i.kind, i.name, i.field) for i in items}


def console_edits(live: Live, sid: str) -> None:
    """Versioned edits on a clone of the active version (comment copied), then versionless."""
    draft = live.clone(sid)
    base = f"/service/{sid}/version/{draft}"
    live.call("PUT", f"{base}/backend/origin", data={"port": "8443"})
    live.call("POST", f"{base}/backend", data={"name": "extra", "address": "x.example.com"})
    live.call("DELETE", f"{base}/header/hsts")
    live.activate(sid, draft)
    flags = live.object_id(sid, "dictionary", "flags")
    live.call("PATCH", f"/service/{sid}/dictionary/{flags}/items", json={"items": [
        {"op": "upsert", "item_key": "a", "item_value": "9"}]})
    block = live.object_id(sid, "acl", "block")
    live.call("POST", f"/service/{sid}/acl/{block}/entry", json={"ip": "198.51.100.7"})
    dyn = live.object_id(sid, "snippet", "dyn")
    live.call("PUT", f"/service/{sid}/snippet/{dyn}", data={"content": 'set req.http.X-A = "2";\n'})


def test_in_step_service_has_no_drift(live: Live) -> None:
    spec, _ = applied(live)
    report = live.drift(spec)
    assert not report.errors and not report.has_drift
    assert report.services[0].version == 1


def test_every_category_from_real_out_of_band_changes(live: Live) -> None:
    spec, sid = applied(live)
    console_edits(live, sid)
    [service] = live.drift(spec).services
    assert summary(service.items) == {
        ("changed", "backend", "origin", "port"),
        ("unmanaged", "backend", "extra", None),
        ("missing", "header", "hsts", None),
        ("content", "dictionary", "flags", "items"),
        ("content", "acl", "block", "entries"),
        ("content", "snippet", "dyn", "content"),
        ("version", "version", "2", None),
    }
    by_label = {i.label: i for i in service.items}
    assert (by_label["backend origin.port"].spec, by_label["backend origin.port"].live) == \
        (443, 8443)
    [element] = by_label["dictionary flags.items"].elements or []
    assert (element.op, element.key, element.spec, element.live) == ("changed", "a", "1", "9")
    [entry] = by_label["acl block.entries"].elements or []
    assert (entry.op, entry.key) == ("added", "198.51.100.7")
    assert service.version == 2
    assert "copy of fastlysync's version 1" in by_label["version 2"].message


def test_ignore_rules_are_honoured(live: Live, tmp_path: Path) -> None:
    spec, sid = applied(live)
    console_edits(live, sid)
    path = tmp_path / "drift-ignore.yaml"
    path.write_text("ignore:\n"
                    "  - kind: backend\n    name: extra\n"
                    "  - service: drift*\n    kind: dictionary\n    field: items\n"
                    "  - kind: snippet\n    category: content\n")
    [service] = live.drift(spec, rules=load_ignore(path)).services
    assert summary(service.items) == {
        ("changed", "backend", "origin", "port"),
        ("missing", "header", "hsts", None),
        ("content", "acl", "block", "entries"),
        ("version", "version", "2", None),
    }
    assert service.ignored == 3


def test_version_made_by_hand_is_version_drift(live: Live) -> None:
    spec, sid = applied(live)
    draft = live.clone(sid)
    live.call("PUT", f"/service/{sid}/version/{draft}", data={"comment": "hotfix by alice"})
    live.activate(sid, draft)
    [service] = live.drift(spec).services
    [item] = service.items
    assert (item.category, item.kind, item.name) == ("version", "version", str(draft))
    assert item.message == (f"active version {draft} was not made by fastlysync "
                            "(comment 'hotfix by alice')")


def test_rollback_is_version_drift_and_shows_what_differs(live: Live) -> None:
    spec, sid = applied(live)
    changed = spec.model_copy(update={"backends": Service.model_validate(
        {**SPEC, "backends": [{"name": "origin", "address": "origin.example.com",
                               "port": 8080}]}).backends})
    live.apply(changed)  # version 2, made and activated by fastlysync
    live.activate(sid, 1)  # "activate" on the old version in the console
    [service] = live.drift(changed).services
    assert summary(service.items) == {("changed", "backend", "origin", "port"),
                                      ("version", "version", "1", None)}
    [version] = [i for i in service.items if i.category == "version"]
    assert version.message == ("rolled back: version 1 is active, but newer version 2 "
                               "(made by fastlysync) was activated before it")


def test_never_activated_service_is_version_drift(live: Live) -> None:
    created = live.emulator.create_service("fresh")
    spec = Service(name="fresh", id=created["id"])
    [service] = live.drift(spec).services
    [item] = service.items
    assert item.category == "version"
    assert item.message == "no version is active (version 1 is the newest)"
    assert service.version is None  # the title says "no active version", not "active version 1"


def test_drift_reads_no_more_than_plan(live: Live) -> None:
    spec, _ = applied(live)
    live.emulator.admin.reset_counters()
    live.plan(spec)
    plan_reads = live.reads()
    live.emulator.admin.reset_counters()
    live.drift(spec)
    # details + syslog (named by the version marker) + items + entries + dynamic snippet
    assert live.reads() == plan_reads == 5


def test_in_step_plain_service_costs_one_details_read(live: Live) -> None:
    spec, _ = applied(live, {"name": "plain", "domains": [{"name": "plain.example.com"}],
                             "backends": [{"name": "o", "address": "o.example.com"}]})
    live.emulator.admin.reset_counters()
    assert not live.drift(spec).has_drift
    assert live.emulator.admin.requests() == {"GET details": 1}
