"""Drift categories from pure objects: every category names the exact object and field."""

from __future__ import annotations

from typing import Any

from drift_support import OBJECTS

from fastlysync.drift.categorise import categorise
from fastlysync.drift.model import DriftItem
from fastlysync.kinds import KINDS
from fastlysync.plan.diff import diff
from fastlysync.plan.samples import sample_service
from fastlysync.spec.model import Service, ServiceBase

BASE: dict[str, Any] = {
    "name": "site",
    "domains": [{"name": "www.example.com"}],
    **OBJECTS,
    "vcls": [{"name": "main", "main": True,
              "content": "sub vcl_recv {\n#FASTLY recv\n}\n"}],
    "logging_s3": [{"name": "logs", "bucket_name": "b", "access_key": "AKIAEXAMPLE",
                    "secret_key": "very-secret-value"}],
}


def service(**changes: Any) -> ServiceBase:
    return Service.model_validate({**BASE, **changes})


def drift_items(spec: ServiceBase, live: ServiceBase,
                secrets: frozenset[str] = frozenset()) -> list[DriftItem]:
    return categorise(diff(spec, live, secrets=secrets), spec, live, secrets=secrets)


def only(items: list[DriftItem]) -> DriftItem:
    assert len(items) == 1, [i.model_dump() for i in items]
    return items[0]


def test_no_difference_no_items() -> None:
    assert drift_items(service(), service()) == []


def test_changed_field_reads_git_to_live() -> None:
    live = service(backends=[{"name": "origin", "address": "origin.example.com", "port": 8443}])
    item = only(drift_items(service(), live))
    assert (item.category, item.kind, item.name, item.field) == ("changed", "backend",
                                                                 "origin", "port")
    assert (item.spec, item.live) == (443, 8443)
    assert item.label == "backend origin.port"


def test_unmanaged_object() -> None:
    live = service(backends=[*BASE["backends"], {"name": "extra", "address": "x.example.com"}])
    item = only(drift_items(service(), live))
    assert (item.category, item.kind, item.name, item.field) == ("unmanaged", "backend",
                                                                 "extra", None)


def test_missing_object_and_its_content_is_one_item() -> None:
    live = service(headers=[], dictionaries=[])
    items = drift_items(service(), live)
    assert {(i.category, i.kind, i.name) for i in items} == {
        ("missing", "header", "hsts"), ("missing", "dictionary", "flags")}


def test_dictionary_items_are_content_drift_per_key() -> None:
    live = service(dictionaries=[{"name": "flags", "items": {"a": "9", "c": "3"}}])
    item = only(drift_items(service(), live))
    assert (item.category, item.kind, item.name, item.field) == ("content", "dictionary",
                                                                 "flags", "items")
    ops = {(e.op, e.key, e.spec, e.live) for e in item.elements or []}
    assert ops == {("changed", "a", "1", "9"), ("removed", "b", "2", None),
                   ("added", "c", None, "3")}


def test_acl_entries_are_content_drift() -> None:
    live = service(acls=[{"name": "block", "entries": [{"ip": "192.0.2.1"},
                                                       {"ip": "198.51.100.0", "subnet": 24}]}])
    item = only(drift_items(service(), live))
    assert (item.category, item.kind, item.name, item.field) == ("content", "acl", "block",
                                                                 "entries")
    assert [(e.op, e.key) for e in item.elements or []] == [("added", "198.51.100.0/24")]


def test_dynamic_snippet_content_is_content_drift_with_a_git_to_live_diff() -> None:
    live = service(snippets=[{**BASE["snippets"][0], "content": 'set req.http.X-A = "2";\n'}])
    item = only(drift_items(service(), live))
    assert (item.category, item.kind, item.name, item.field) == ("content", "snippet", "dyn",
                                                                 "content")
    assert item.diff is not None
    assert '-set req.http.X-A = "1";' in item.diff and '+set req.http.X-A = "2";' in item.diff
    assert "(git)" in item.diff.splitlines()[0] and "(live)" in item.diff.splitlines()[1]


def test_custom_vcl_change_is_a_changed_field_with_diff() -> None:
    live = service(vcls=[{"name": "main", "main": True,
                          "content": "sub vcl_recv {\n  set req.http.X = \"1\";\n"
                                     "#FASTLY recv\n}\n"}])
    item = only(drift_items(service(), live))
    assert (item.category, item.kind, item.name, item.field) == ("changed", "vcl", "main",
                                                                 "content")
    assert '+  set req.http.X = "1";' in (item.diff or "")


def test_sensitive_field_never_shows_its_value() -> None:
    live = service(logging_s3=[{**BASE["logging_s3"][0], "secret_key": "rotated-secret"}])
    item = only(drift_items(service(), live, secrets=frozenset({"very-secret-value"})))
    assert (item.kind, item.name, item.field, item.sensitive) == ("logging_s3", "logs",
                                                                  "secret_key", True)
    dumped = item.model_dump_json()
    assert "very-secret-value" not in dumped and "rotated-secret" not in dumped


def test_rename_is_a_changed_name() -> None:
    live = service(headers=[{**BASE["headers"][0], "name": "hsts_old"}])
    item = only(drift_items(service(), live))
    assert (item.category, item.kind, item.name, item.field) == ("changed", "header", "hsts",
                                                                 "name")
    assert (item.spec, item.live) == ("hsts", "hsts_old")


def test_singleton_and_service_fields() -> None:
    live = service(settings={"default_ttl": 60}, comment="edited in the console")
    items = drift_items(service(), live)
    found = {(i.category, i.kind, i.field, i.spec, i.live) for i in items}
    assert found == {("changed", "settings", "default_ttl", 3600, 60),
                     ("changed", "service", "comment", None, "edited in the console")}


def test_every_kind_changes_are_categorised() -> None:
    """Variant 0 against variant 1 of a sample with every kind: each kind shows up, and every
    field-level item names a field of its kind."""
    spec, live = sample_service("all", 0), sample_service("all", 1)
    items = drift_items(spec, live)
    assert {i.kind for i in items} == set(KINDS)
    for item in items:
        if item.field is not None:
            assert item.field in KINDS[item.kind].model.model_fields


def test_vcl_holding_a_secret_shows_the_masked_diff_plan_shows() -> None:
    secret = "tok-3f9a7c2e11"
    body = 'sub vcl_recv {{\n#FASTLY recv\n  set req.http.Auth = "{}";\n{}}}\n'
    spec = service(vcls=[{"name": "main", "main": True, "content": body.format(secret, "")}])
    live = service(vcls=[{"name": "main", "main": True,
                          "content": body.format(secret, '  set req.http.X = "1";\n')}])
    item = only(drift_items(spec, live, secrets=frozenset({secret})))
    assert (item.kind, item.name, item.field, item.sensitive) == ("vcl", "main", "content",
                                                                  True)
    assert item.diff is not None and item.diff.startswith(
        "--- vcl/main.content (git)\n+++ vcl/main.content (live)\n")
    assert '+  set req.http.X = "1";' in item.diff
    assert ' set req.http.Auth = "********";' in item.diff  # context line, masked
    assert secret not in item.model_dump_json()
