"""The real Fastly API's recorded traffic, replayed against the emulator server.

go-fastly's recordings (`recordings/`, Apache-2.0) run sequence by sequence, in recorded
order, on a freshly reset emulator over HTTP; each answer must match the recorded one in
status, key sets and JSON types at every depth. Every mismatch must be a deliberate difference
listed, with its reason, in `replay_differences.py`.
"""

from __future__ import annotations

from typing import Any

import pytest

from .replay import Summary, replay_all, shape_differences

STATUS_BAR = 0.99
SHAPE_BAR = 0.98


@pytest.fixture
def summary(emulator: Any) -> Summary:
    return replay_all(emulator.url, emulator.token, emulator.admin.reset)


def test_replay_matches_the_recorded_api(summary: Summary) -> None:
    assert summary.total >= 340
    unexplained = [f"{o.where}: {o.status} (API {o.expected_status}) {o.differences[:3]}"
                   for o in summary.unexplained()]
    assert unexplained == []
    assert summary.stale() == []  # every listed difference still happens
    assert summary.rate(shape=False) >= STATUS_BAR
    assert summary.rate(shape=True) >= SHAPE_BAR


def test_shape_comparison_sees_types_and_keys_at_depth() -> None:
    recorded = {"a": "", "b": [{"c": 1, "d": None}], "e": {"f": True}}
    assert shape_differences(recorded, {"a": "x", "b": [{"c": 2, "d": None}],
                                        "e": {"f": False}}) == []
    assert shape_differences(recorded, {"a": None, "b": [{"c": "1", "x": 0}],
                                        "e": {"f": True}}) == [
        "$.a: null where the API sends string", "$.b[0].d: missing",
        "$.b[0].x: not sent by the API", "$.b[0].c: string where the API sends number"]
    assert shape_differences([], [{"anything": 1}]) == []  # contents naturally differ
    assert shape_differences({"x": 1}, {"x": 1, "environments": []},
                             newer=frozenset({"environments"})) == []
