"""diff(spec, remote): pure tests on hand-built services."""

from __future__ import annotations

import pytest

from fastlysync.kinds import KINDS, Kind
from fastlysync.kinds.stores import is_dynamic, store_for
from fastlysync.plan.diff import PLAN_KEY_VAR, canonical, compared_fields, diff
from fastlysync.plan.model import SENSITIVE, ServicePlan
from fastlysync.plan.samples import sample_service
from fastlysync.spec.model import Service

BASE = sample_service("svc", 0)
OTHER = sample_service("svc", 1)


def every_field() -> list[tuple[str, str, str]]:
    """(kind, object name, field) for every compared field of every sample object."""
    out = []
    for kind in KINDS.values():
        for obj in BASE.objects(kind):
            name = kind.name if kind.singleton else obj.name
            for field in compared_fields(kind):
                out.append((kind.name, name, field))
    return out


def with_field(service: Service, kind: Kind, name: str, field: str, value: object) -> Service:
    data = service.model_copy(deep=True)
    for obj in data.objects(kind):
        if kind.singleton or obj.name == name:
            setattr(obj, field, value)
    return data


def changed_fields(plan: ServicePlan) -> list[tuple[str, str, str]]:
    return [(c.kind, c.name, f.field) for c in [*plan.changes, *plan.versionless]
            for f in c.fields]


def test_equal_services_have_no_changes() -> None:
    plan = diff(BASE, BASE.model_copy(deep=True))
    assert plan.action == "none"
    assert not plan.has_changes


def test_sample_sets_every_field_away_from_its_default() -> None:
    """The one-field tests below are only meaningful if every field differs per variant."""
    for kind_name, name, field in every_field():
        kind = KINDS[kind_name]
        a = next(o for o in BASE.objects(kind) if kind.singleton or o.name == name)
        b = next(o for o in OTHER.objects(kind) if kind.singleton or o.name == name)
        if field in {"dynamic", "main", "type"} and kind.name != "director":
            continue  # fixed per flavour so the object stays valid
        if any(field == rule.field and any(kind.is_sensitive(o) for o in rule.others)
               for rule in kind.exclusive):
            continue  # s3 iam_role: samples keep the access keys it excludes
        assert canonical(getattr(a, field)) != canonical(getattr(b, field)), (kind_name, field)


@pytest.mark.parametrize(("kind_name", "name", "field"), every_field())
def test_changing_one_field_plans_exactly_that_change(kind_name: str, name: str,
                                                      field: str) -> None:
    kind = KINDS[kind_name]
    other = next(o for o in OTHER.objects(kind) if kind.singleton or o.name == name)
    new_value = getattr(other, field)
    current = next(o for o in BASE.objects(kind) if kind.singleton or o.name == name)
    if canonical(getattr(current, field)) == canonical(new_value):
        pytest.skip("flavour field fixed across variants")
    spec = with_field(BASE, kind, name, field, new_value)
    plan = diff(spec, BASE)
    assert changed_fields(plan) == [(kind_name, name, field)]
    change = [*plan.changes, *plan.versionless][0]
    assert change.action == "update"
    versionless = field in kind.detached and not store_for(kind, field).versioned
    versionless |= kind.versionless
    versionless |= kind.dynamic is not None and field == kind.dynamic.field and is_dynamic(
        kind, current)
    assert (change in plan.versionless) == versionless


def test_service_creation_when_no_live_service() -> None:
    plan = diff(BASE, None)
    assert plan.action == "create"
    creates = {(c.kind, c.name) for c in plan.changes if c.action == "create"}
    for kind in KINDS.values():
        if not kind.singleton:
            assert {(kind.name, o.name) for o in BASE.objects(kind)} <= creates


def test_delete_and_create() -> None:
    live = Service(name="s", domains=[{"name": "a.example.com"}],
                   backends=[{"name": "b1", "address": "x.example.com"}])
    spec = Service(name="s", domains=[{"name": "a.example.com"}],
                   backends=[{"name": "b2", "address": "y.example.com", "port": 443}])
    plan = diff(spec, live)
    assert [(c.action, c.kind, c.name) for c in plan.changes] == [
        ("delete", "backend", "b1"), ("create", "backend", "b2")]


def test_rename_instead_of_delete_and_create() -> None:
    live = Service(name="s", conditions=[{"name": "old", "statement": "req.url", "type": "CACHE"}])
    spec = Service(name="s", conditions=[{"name": "new", "statement": "req.url", "type": "CACHE"}])
    plan = diff(spec, live)
    assert len(plan.changes) == 1
    change = plan.changes[0]
    assert (change.action, change.old_name, change.name) == ("rename", "old", "new")


def test_directors_are_replaced_not_renamed() -> None:
    """Fastly ignores a director's new name in a PUT, so a rename must be delete + create."""
    backends = [{"name": "b", "address": "10.0.0.1"}]
    live = Service(name="s", backends=backends, directors=[{"name": "old", "backends": ["b"]}])
    spec = Service(name="s", backends=backends, directors=[{"name": "new", "backends": ["b"]}])
    assert sorted((c.action, c.name) for c in diff(spec, live).changes) == [
        ("create", "new"), ("delete", "old")]


def test_no_rename_when_other_fields_differ() -> None:
    live = Service(name="s", conditions=[{"name": "old", "statement": "a", "type": "CACHE"}])
    spec = Service(name="s", conditions=[{"name": "new", "statement": "b", "type": "CACHE"}])
    assert sorted(c.action for c in diff(spec, live).changes) == ["create", "delete"]


def test_rename_keeps_versionless_differences_separate() -> None:
    live = Service(name="s", dictionaries=[{"name": "old", "items": {"a": "1"}}])
    spec = Service(name="s", dictionaries=[{"name": "new", "items": {"a": "2"}}])
    plan = diff(spec, live)
    assert [(c.action, c.name) for c in plan.changes] == [("rename", "new")]
    assert [(c.kind, c.name) for c in plan.versionless] == [("dictionary", "new")]
    element = plan.versionless[0].fields[0].elements[0]
    assert (element.op, element.key, element.old, element.new) == ("change", "a", "1", "2")


def test_versionless_only_changes_need_no_version() -> None:
    live = Service(name="s", acls=[{"name": "blocked", "entries": [{"ip": "192.0.2.1"}]}])
    spec = Service(name="s", acls=[{"name": "blocked", "entries": [
        {"ip": "192.0.2.1"}, {"ip": "192.0.2.0", "subnet": 24, "negated": True}]}])
    plan = diff(spec, live)
    assert not plan.changes
    assert plan.versionless[0].fields[0].elements[0].key == "192.0.2.0/24"


def test_list_order_does_not_matter() -> None:
    live = Service(name="s", backends=[{"name": "a", "address": "a.example.com"},
                                       {"name": "b", "address": "b.example.com"}],
                   directors=[{"name": "d", "backends": ["a", "b"]}])
    spec = Service(name="s", backends=[{"name": "b", "address": "b.example.com"},
                                       {"name": "a", "address": "a.example.com"}],
                   directors=[{"name": "d", "backends": ["b", "a"]}])
    assert not diff(spec, live).has_changes


def _syslog_token_change() -> ServicePlan:
    live = Service(name="s", logging_syslog=[{"name": "l", "address": "l.example.com",
                                              "token": "old-secret"}])
    spec = Service(name="s", logging_syslog=[{"name": "l", "address": "l.example.com",
                                              "token": "new-secret"}])
    return diff(spec, live)


def test_sensitive_fields_never_show_but_keyed_hash_differs(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(PLAN_KEY_VAR, "shared-by-plan-and-apply")
    plan = _syslog_token_change()
    text = plan.model_dump_json()
    assert "old-secret" not in text and "new-secret" not in text
    field = plan.changes[0].fields[0]
    assert (field.old, field.new, field.sensitive) == (SENSITIVE, SENSITIVE, True)
    assert field.old_hash and field.new_hash and field.old_hash != field.new_hash
    assert field.new_hash.startswith("hmac-sha256:")
    assert _syslog_token_change().changes[0].fields[0].new_hash == field.new_hash
    monkeypatch.setenv(PLAN_KEY_VAR, "another-key")
    assert _syslog_token_change().changes[0].fields[0].new_hash != field.new_hash


def test_without_a_plan_key_hidden_values_carry_no_hash(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """A plain hash in a plan artifact lets its readers test guesses at a weak secret."""
    monkeypatch.delenv(PLAN_KEY_VAR, raising=False)
    field = _syslog_token_change().changes[0].fields[0]
    assert (field.old, field.new, field.old_hash, field.new_hash) == (
        SENSITIVE, SENSITIVE, None, None)


def test_values_holding_spec_secrets_are_hidden() -> None:
    live = Service(name="s", dictionaries=[{"name": "d", "items": {"k": "x"}}],
                   backends=[{"name": "b", "address": "b.example.com"}])
    spec = Service(name="s", dictionaries=[{"name": "d", "items": {"k": "hunter2"}}],
                   backends=[{"name": "b", "address": "b.example.com",
                              "override_host": "hunter2.example.com"}])
    plan = diff(spec, live, secrets=frozenset({"hunter2"}))
    assert "hunter2" not in plan.model_dump_json()


def test_multiline_text_becomes_unified_diff() -> None:
    live = Service(name="s", vcls=[{"name": "main", "main": True,
                                    "content": "sub vcl_recv {\n}\n"}])
    spec = Service(name="s", vcls=[{"name": "main", "main": True,
                                    "content": "sub vcl_recv {\n  set req.http.a = \"1\";\n}\n"}])
    field = diff(spec, live).changes[0].fields[0]
    assert field.old is None and field.new is None
    assert "+  set req.http.a = \"1\";" in field.diff
    assert field.diff.startswith("--- vcl/main (live)\n+++ vcl/main (spec)\n")


def test_dynamic_snippet_content_is_versionless() -> None:
    live = Service(name="s", snippets=[{"name": "d", "type": "recv", "dynamic": True,
                                        "content": "set req.http.a = \"1\";"}])
    spec = Service(name="s", snippets=[{"name": "d", "type": "recv", "dynamic": True,
                                        "content": "set req.http.a = \"2\";"}])
    plan = diff(spec, live)
    assert not plan.changes and plan.versionless[0].fields[0].field == "content"


def test_service_name_and_comment_changes() -> None:
    live = Service(name="old", id="SID", comment="a")
    spec = Service(name="new", id="SID", comment="b")
    change = diff(spec, live).versionless[0]
    assert change.kind == "service"
    assert [(f.field, f.old, f.new) for f in change.fields] == [("name", "old", "new"),
                                                                ("comment", "a", "b")]


def test_diff_is_deterministic() -> None:
    first = diff(OTHER, BASE).model_dump_json()
    assert all(diff(OTHER, BASE).model_dump_json() == first for _ in range(3))
