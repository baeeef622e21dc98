"""Ignore rules: the file format, its errors with positions, and what each rule matches."""

from __future__ import annotations

from pathlib import Path

import pytest

from fastlysync.drift.ignore import IgnoreFileError, IgnoreRules, load_ignore
from fastlysync.drift.model import DriftItem

ITEMS = [
    DriftItem(category="unmanaged", kind="snippet", name="Fastly_WAF_recv"),
    DriftItem(category="unmanaged", kind="snippet", name="mine"),
    DriftItem(category="changed", kind="backend", name="origin", field="weight",
              spec=100, live=50),
    DriftItem(category="changed", kind="backend", name="origin", field="port",
              spec=443, live=8443),
    DriftItem(category="content", kind="dictionary", name="flags", field="items"),
    DriftItem(category="version", kind="version", name="7", message="not made by fastlysync"),
]


def rules(tmp_path: Path, text: str) -> IgnoreRules:
    path = tmp_path / "drift-ignore.yaml"
    path.write_text(text)
    return load_ignore(path)


def kept(found: IgnoreRules, service: str = "shop-production") -> list[str]:
    keep, _ = found.split((service, "SERVICEID"), ITEMS)
    return [f"{i.category} {i.label}" for i in keep]


def test_glob_on_name_ignores_fastly_managed_snippets(tmp_path: Path) -> None:
    found = rules(tmp_path, "ignore:\n  - kind: snippet\n    name: Fastly_*\n"
                            "    reason: managed by Fastly\n")
    assert "unmanaged snippet Fastly_WAF_recv" not in kept(found)
    assert "unmanaged snippet mine" in kept(found)


def test_field_rule_leaves_other_fields_and_whole_objects(tmp_path: Path) -> None:
    found = rules(tmp_path, "ignore:\n  - kind: backend\n    field: weight\n")
    assert kept(found) == ["unmanaged snippet Fastly_WAF_recv", "unmanaged snippet mine",
                           "changed backend origin.port", "content dictionary flags.items",
                           "version version 7"]


def test_service_glob_matches_name_or_id(tmp_path: Path) -> None:
    found = rules(tmp_path, "ignore:\n  - service: shop-*\n    kind: dictionary\n"
                            "    field: items\n  - service: SERVICEID\n    category: version\n")
    assert "content dictionary flags.items" not in kept(found)
    assert "version version 7" not in kept(found)
    assert "content dictionary flags.items" in kept(found, service="blog")


def test_empty_file_ignores_nothing(tmp_path: Path) -> None:
    assert len(kept(rules(tmp_path, "# nothing yet\n"))) == len(ITEMS)
    assert len(kept(rules(tmp_path, "ignore: []\n"))) == len(ITEMS)


@pytest.mark.parametrize(("text", "expected"), [
    ("ignore:\n  - kind: backnd\n", "drift-ignore.yaml:2:11: kind 'backnd' matches no kind "
                                    "(did you mean 'backend'?)"),
    ("ignore:\n  - kind: backend\n    feild: port\n",
     "drift-ignore.yaml:3:5: unknown rule key 'feild' (did you mean 'field'?)"),
    ("ignore:\n  - kind: backend\n    field: prot\n",
     "drift-ignore.yaml:3:12: field 'prot' matches no field of backend (did you mean 'port'?)"),
    ("ignore:\n  - category: drifted\n",
     "drift-ignore.yaml:2:15: category 'drifted' matches none of"),
    ("ignore:\n  - kind: [a, b]\n", "drift-ignore.yaml:2:11: kind must be a non-empty string"),
    ("ignores:\n  - kind: backend\n", "drift-ignore.yaml:1:1: unknown key 'ignores'"),
    ("ignore:\n  kind: backend\n", "drift-ignore.yaml:2:3: `ignore:` must be a list"),
    ("ignore: [\n", "drift-ignore.yaml:2:1: invalid YAML"),
])
def test_bad_rules_are_reported_with_their_position(tmp_path: Path, text: str,
                                                    expected: str) -> None:
    with pytest.raises(IgnoreFileError) as caught:
        rules(tmp_path, text)
    messages = [str(e) for e in caught.value.errors]
    assert any(expected in m.replace(str(tmp_path) + "/", "") for m in messages), messages
