"""Order of versioned changes and the safety rules (pure)."""

from __future__ import annotations

from fastlysync.apply.order import ordered
from fastlysync.apply.safety import safety_problems
from fastlysync.kinds import KINDS
from fastlysync.plan.diff import diff
from fastlysync.plan.model import Change
from fastlysync.spec.model import Service


def rank(kind: str) -> int:
    return list(KINDS).index(kind)


def test_references_come_first_and_deletes_last_in_reverse() -> None:
    changes = [Change(action=a, kind=k, name=n) for a, k, n in [
        ("delete", "condition", "old_c"), ("create", "director", "d"),
        ("create", "backend", "b"), ("update", "header", "h"), ("create", "condition", "c"),
        ("delete", "backend", "old_b"), ("rename", "healthcheck", "hc"),
        ("delete", "director", "old_d")]]
    order = [(c.action, c.kind) for c in ordered(changes)]
    forward = [c for c in order if c[0] != "delete"]
    assert [rank(k) for _, k in forward] == sorted(rank(k) for _, k in forward)
    assert order[-3:] == [("delete", "director"), ("delete", "backend"),
                          ("delete", "condition")]


def test_renames_before_creates_within_a_kind() -> None:
    changes = [Change(action="create", kind="condition", name="a"),
               Change(action="rename", kind="condition", name="z", old_name="y")]
    assert [c.action for c in ordered(changes)] == ["rename", "create"]


def many_domains(n: int) -> list[dict[str, str]]:
    return [{"name": f"d{i}.example.com"} for i in range(n)]


def test_safety_rules() -> None:
    live = Service(name="s", domains=many_domains(2),
                   backends=[{"name": f"b{i}", "address": "o.example.com"} for i in range(10)])
    fine = Service(name="s", domains=many_domains(2),
                   backends=[{"name": f"b{i}", "address": "o.example.com"} for i in range(8)])
    assert safety_problems(diff(fine, live), live) == []
    gutted = Service(name="s", domains=many_domains(2),
                     backends=[{"name": "b0", "address": "o.example.com"}])
    assert safety_problems(diff(gutted, live), live) == ["deletes 9 of 12 objects (more than 30%)"]
    no_domain = fine.model_copy(update={"domains": fine.domains[:1]})
    assert safety_problems(diff(no_domain, live), live) == ["removes domain d1.example.com"]
    small = Service(name="s", domains=many_domains(1),
                    backends=[{"name": "b0", "address": "o.example.com"}])
    empty = small.model_copy(update={"backends": []})
    assert safety_problems(diff(empty, small), small) == ["removes the last backend"]
    assert safety_problems(diff(small, None), None) == []
