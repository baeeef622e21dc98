"""Apply against the emulator, then plan: nothing left to change; and what each costs."""

from __future__ import annotations

import pytest
from apply_harness import Harness

from fastlysync.apply.executor import estimate_writes
from fastlysync.kinds import KINDS
from fastlysync.kinds.product_enablement import PRODUCTS, SETTINGS
from fastlysync.kinds.stores import is_dynamic, store_for
from fastlysync.plan.samples import sample_service
from fastlysync.spec.model import Service


def bound(service: Service, service_id: str) -> Service:
    return service.model_copy(update={"id": service_id})


def no_change_reads(service: Service) -> int:
    """1 details + one per logging kind, dictionary, ACL and dynamic snippet in use, one for
    http3 and image optimizer defaults, and one per product named (plus its configuration
    when the spec sets one of its settings while enabling it)."""
    reads = 1
    for kind in KINDS.values():
        if kind.access in ("presence", "json_patch"):
            reads += 1
            continue
        if kind.access == "by_id":
            reads += int(bool(service.objects(kind)))
            continue
        if kind.access == "products":
            want = service.objects(kind)[0]
            named = {p for p in PRODUCTS if getattr(want, p) is not None}
            reads += len(named | {p for f, (p, _) in SETTINGS.items()
                                  if getattr(want, f) is not None})
            reads += len({p for f, (p, _) in SETTINGS.items()
                          if getattr(want, f) is not None and getattr(want, p)})
            continue
        objects = [] if kind.singleton else service.objects(kind)
        if kind.logging and objects:
            reads += 1
        elif any(not store_for(kind, f).versioned for f in kind.detached):  # items, entries
            reads += sum(not kind.hides(o) for o in objects)
        reads += sum(is_dynamic(kind, o) for o in objects)
    return reads


def test_full_service_round_trips_both_variants(harness: Harness) -> None:
    first = sample_service("full", 0)
    [outcome] = harness.apply_ok(first)
    assert outcome.activated and outcome.version == 1
    plan, _ = harness.plan(first)
    assert [(c.kind, c.name, [f.field for f in c.fields]) for s in plan.services
            for c in [*s.changes, *s.versionless]] == []
    second = sample_service("full", 1)
    [outcome] = harness.apply_ok(second)
    assert outcome.version == 2
    plan, _ = harness.plan(second)
    assert [(c.kind, c.name, [f.field for f in c.fields]) for s in plan.services
            for c in [*s.changes, *s.versionless]] == []


@pytest.mark.parametrize("kind_name", [k.name for k in KINDS.values()])
def test_changing_every_field_of_one_kind(harness: Harness, kind_name: str) -> None:
    """Variant 0 everywhere, then variant 1 for one kind's objects: exactly those objects
    change, the writes are k + 3 (+ batches), and a plan afterwards shows nothing."""
    kind = KINDS[kind_name]
    base = sample_service("onekind", 0)
    [created] = harness.apply_ok(base)
    spec = bound(base, created.service_id)
    other = sample_service("onekind", 1)
    if kind.singleton:
        spec = spec.model_copy(update={kind.spec_key: getattr(other, kind.spec_key)})
    else:
        spec = spec.model_copy(update={kind.spec_key: getattr(other, kind.spec_key)})
    plan, _ = harness.plan(spec)
    [service_plan] = plan.services
    touched = {(c.kind, c.name) for c in [*service_plan.changes, *service_plan.versionless]}
    assert {k for k, _ in touched} == {kind.name}
    harness.reset_counters()
    harness.apply_ok(spec)
    _, writes = harness.counts()
    expected = estimate_writes(service_plan)
    assert writes == expected
    assert harness.in_step(spec)


def test_no_change_plan_read_cost(harness: Harness) -> None:
    service = sample_service("cost", 0)
    [created] = harness.apply_ok(service)
    spec = bound(service, created.service_id)
    harness.reset_counters()
    assert harness.in_step(spec)
    reads, writes = harness.counts()
    assert writes == 0
    assert reads == no_change_reads(service)
    by_name = service  # no id: one extra GET /service/search
    harness.reset_counters()
    assert harness.in_step(by_name)
    assert harness.counts() == (no_change_reads(service) + 1, 0)


def test_plain_service_costs_exactly_one_read(harness: Harness) -> None:
    service = Service(name="plain", domains=[{"name": "plain.example.com"}],
                      backends=[{"name": "o", "address": "o.example.com"}])
    [created] = harness.apply_ok(service)
    harness.reset_counters()
    assert harness.in_step(bound(service, created.service_id))
    assert harness.counts() == (1, 0)


@pytest.mark.parametrize("k", [1, 2, 5])
def test_k_object_changes_cost_k_plus_three_writes(harness: Harness, k: int) -> None:
    backends = [{"name": f"b{i}", "address": f"b{i}.example.com"} for i in range(6)]
    service = Service(name="kwrites", domains=[{"name": "k.example.com"}], backends=backends)
    [created] = harness.apply_ok(service)
    changed = [dict(b, port=8080) if i < k else b for i, b in enumerate(backends)]
    spec = bound(service, created.service_id).model_copy(
        update={"backends": Service(name="x", backends=changed).backends})
    harness.reset_counters()
    [outcome] = harness.apply_ok(spec)
    assert harness.counts()[1] == k + 3  # + clone, version comment, activate
    assert outcome.writes == k + 3
    assert harness.versions(created.service_id) == (2, 2)


def test_versionless_changes_make_no_version(harness: Harness) -> None:
    service = Service(name="dicts", domains=[{"name": "d.example.com"}],
                      backends=[{"name": "o", "address": "o.example.com"}],
                      dictionaries=[{"name": "flags", "items": {"a": "1", "b": "2"}}],
                      acls=[{"name": "block", "entries": [{"ip": "192.0.2.1"}]}])
    [created] = harness.apply_ok(service)
    spec = bound(service, created.service_id).model_copy(update={
        "dictionaries": Service(name="x", dictionaries=[
            {"name": "flags", "items": {"a": "9", "c": "3"}}]).dictionaries,
        "acls": Service(name="x", acls=[{"name": "block", "entries": [
            {"ip": "192.0.2.1", "comment": "why"}, {"ip": "198.51.100.0", "subnet": 24}]}]).acls,
    })
    harness.reset_counters()
    [outcome] = harness.apply_ok(spec)
    assert harness.counts()[1] == 2  # one PATCH per container
    assert harness.versions(created.service_id) == (1, 1)
    assert "no new version" in outcome.message
    assert harness.in_step(spec)


def test_large_dictionary_is_batched_by_thousand(harness: Harness) -> None:
    items = {f"k{i:04d}": str(i) for i in range(2500)}
    service = Service(name="big", domains=[{"name": "big.example.com"}],
                      backends=[{"name": "o", "address": "o.example.com"}],
                      dictionaries=[{"name": "big", "items": items}])
    harness.reset_counters()
    harness.apply_ok(service)
    assert harness.emulator.admin.requests().get("PATCH items") == 3
    assert harness.in_step(service)


def test_no_activate_leaves_a_validated_draft(harness: Harness) -> None:
    service = Service(name="draft", domains=[{"name": "draft.example.com"}],
                      backends=[{"name": "o", "address": "o.example.com"}])
    [created] = harness.apply_ok(service)
    spec = bound(service, created.service_id).model_copy(
        update={"backends": Service(name="x", backends=[
            {"name": "o", "address": "o2.example.com"}]).backends})
    [outcome] = harness.apply_ok(spec, activate=False)
    assert (outcome.activated, outcome.draft) == (False, 2)
    assert harness.versions(created.service_id) == (1, 2)
    assert not harness.in_step(spec)  # still planned against active version 1
    plan, _ = harness.plan(spec)
    assert any("draft version 2" in note and "next apply reuses it" in note
               for note in plan.services[0].notes), plan.services[0].notes
    [done] = harness.apply_ok(spec)
    assert "reused draft version 2" in done.message
    assert harness.versions(created.service_id) == (2, 2)  # the draft is used, not cloned again
    plan, _ = harness.plan(spec)
    assert not plan.has_changes and not plan.services[0].notes


def test_failed_validation_leaves_active_version_untouched(harness: Harness) -> None:
    service = Service(name="badvcl", domains=[{"name": "bad.example.com"}],
                      backends=[{"name": "o", "address": "o.example.com"}])
    [created] = harness.apply_ok(service)
    spec = bound(service, created.service_id).model_copy(update={
        "vcls": Service(name="x", vcls=[{"name": "main", "main": True,
                                         "content": "sub vcl_recv { set }"}]).vcls})
    [outcome] = harness.apply(spec)
    assert not outcome.ok
    assert "validation" in outcome.message and "active version 1 unchanged" in outcome.message
    assert "\n" not in outcome.message
    assert harness.versions(created.service_id) == (1, 2)


def test_unsafe_plans_need_force(harness: Harness) -> None:
    service = Service(name="safe", domains=[{"name": "a.example.com"}, {"name": "b.example.com"}],
                      backends=[{"name": "o", "address": "o.example.com"}])
    [created] = harness.apply_ok(service)
    spec = bound(service, created.service_id).model_copy(update={
        "domains": Service(name="x", domains=[{"name": "a.example.com"}]).domains})
    [refused] = harness.apply(spec)
    assert not refused.ok and "removes domain b.example.com" in refused.message
    assert harness.versions(created.service_id) == (1, 1)
    harness.apply_ok(spec, force=True)
    assert harness.in_step(spec)


def test_last_backend_removal_needs_force(harness: Harness) -> None:
    service = Service(name="lastb", domains=[{"name": "l.example.com"}],
                      backends=[{"name": "o", "address": "o.example.com"}])
    [created] = harness.apply_ok(service)
    spec = bound(service, created.service_id).model_copy(update={"backends": []})
    [refused] = harness.apply(spec)
    assert "last backend" in refused.message


def test_never_activated_service_is_activated(harness: Harness) -> None:
    created = harness.emulator.create_service("fresh")
    service = Service(name="fresh", id=created["id"])
    plan, _ = harness.plan(service)
    assert plan.services[0].activate and plan.has_changes
    harness.apply_ok(service)
    assert harness.versions(created["id"])[0] == 1
    assert harness.in_step(service)


def test_version_comment_names_the_spec_and_logging_kinds(harness: Harness) -> None:
    service = Service(name="marked", domains=[{"name": "m.example.com"}],
                      backends=[{"name": "o", "address": "o.example.com"}],
                      logging_syslog=[{"name": "l", "address": "logs.example.com"}])
    [created] = harness.apply_ok(service)
    data = harness.emulator.client().get(f"/service/{created.service_id}/version/1").json()
    assert data["comment"] == "fastlysync: services/marked.yaml; logging=syslog; v=1"
    harness.reset_counters()
    assert harness.in_step(bound(service, created.service_id))
    assert harness.counts() == (2, 0)  # details + syslog
    # the marker lists syslog, so dropping it from the spec still reads (and deletes) it
    spec = bound(service, created.service_id).model_copy(update={"logging_syslog": []})
    plan, _ = harness.plan(spec)
    assert [(c.action, c.kind) for c in plan.services[0].changes] == [("delete", "logging_syslog")]


def small(name: str, backends: int) -> Service:
    return Service(name=name, domains=[{"name": f"{name}.example.com"}],
                   backends=[{"name": f"b{i}", "address": "o.example.com"}
                             for i in range(backends)])


def test_services_that_do_not_fit_the_write_budget_are_refused(harness: Harness) -> None:
    harness.emulator.admin.set_rate_limit(10)
    first, second = harness.apply(small("first", 1), small("second", 3))
    assert first.ok and first.writes == 5
    assert not second.ok
    # 1 write asked for the budget (the run starts with a new service), 5 made "first"
    assert second.message.startswith("refused: needs 7 API writes but only 4 remain")
    assert second.message.endswith("nothing changed")
    names = [s["name"] for s in harness.emulator.client().get("/service").json()]
    assert names == ["first"]


def test_apply_stops_after_first_write_when_the_rest_does_not_fit(harness: Harness) -> None:
    service = small("tight", 1)
    [created] = harness.apply_ok(service)
    harness.emulator.admin.set_rate_limit(7)  # 5 used by the create, 1 by its probe: 1 left
    spec = bound(service, created.service_id).model_copy(update={"backends": small(
        "tight", 3).backends})
    [outcome] = harness.apply(spec)
    assert not outcome.ok and "rate limit" in outcome.message
    assert "active version 1 unchanged" in outcome.message
    assert harness.versions(created.service_id)[0] == 1


def test_a_new_service_the_budget_cannot_cover_is_never_created(harness: Harness) -> None:
    harness.emulator.admin.set_rate_limit(8)
    [outcome] = harness.apply(small("toobig", 6))  # create + 6 backends + domain + 2 = 10
    assert not outcome.ok and outcome.service_id is None
    assert outcome.message.startswith("rate limit: 10 more API writes needed but only 7 remain")
    assert outcome.message.endswith("the service was not created")
    assert harness.emulator.client().get("/service").json() == []
    assert harness.counts()[1] == 1  # the budget probe, nothing else
    [fits] = harness.apply(small("fits", 1))  # 1 probe + 5 writes of the 7 left
    assert fits.ok and fits.writes == 5


def test_write_only_dictionary_items_are_written_never_read(harness: Harness) -> None:
    service = Service(name="hidden", domains=[{"name": "hidden.example.com"}],
                      backends=[{"name": "o", "address": "o.example.com"}],
                      dictionaries=[{"name": "keys", "write_only": True,
                                     "items": {"a": "1", "b": "2"}}])
    [created] = harness.apply_ok(service)
    spec = bound(service, created.service_id)
    assert harness.in_step(spec)
    changed = spec.model_copy(update={"dictionaries": Service(name="x", dictionaries=[
        {"name": "keys", "write_only": True, "items": {"a": "9"}}]).dictionaries})
    harness.reset_counters()
    harness.apply_ok(changed)  # not compared while write-only: nothing to send
    requests = harness.emulator.admin.requests()
    assert not [label for label in requests if label in ("GET items", "GET item")], requests
    assert harness.counts()[1] == 0


def test_healthcheck_headers_in_any_spelling_plan_no_change(harness: Harness) -> None:
    service = Service(name="checks", domains=[{"name": "checks.example.com"}],
                      healthchecks=[{"name": "hc", "host": "checks.example.com",
                                     "headers": ["X-B:2", "X-A:  1"]}],
                      backends=[{"name": "o", "address": "o.example.com",
                                 "healthcheck": "hc"}])
    [created] = harness.apply_ok(service)
    assert harness.in_step(bound(service, created.service_id))


@pytest.mark.parametrize("k", [1, 4])
def test_without_the_version_comment_k_changes_cost_k_plus_two_writes(harness: Harness,
                                                                       k: int) -> None:
    backends = [{"name": f"b{i}", "address": f"b{i}.example.com"} for i in range(4)]
    service = Service(name="bare", domains=[{"name": "bare.example.com"}], backends=backends)
    [created] = harness.apply_ok(service)
    changed = [dict(b, port=8080) if i < k else b for i, b in enumerate(backends)]
    spec = bound(service, created.service_id).model_copy(
        update={"backends": Service(name="x", backends=changed).backends})
    harness.reset_counters()
    [outcome] = harness.apply_ok(spec, comment=False)
    assert harness.counts()[1] == k + 2  # clone, k changes, activate
    assert outcome.writes == k + 2
    assert harness.in_step(spec)
