"""Order of versioned changes (pure)."""

from __future__ import annotations

from fastlysync.apply.order import ordered
from fastlysync.kinds import KINDS
from fastlysync.plan.model import Change


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
