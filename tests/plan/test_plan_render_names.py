"""A name holding a line break or a bidi control cannot forge output lines (a `::error::`
workflow command in a CI log) in any plan or drift format."""

from __future__ import annotations

import io

import pytest

from fastlysync.drift.model import DriftItem, DriftReport, ServiceDrift
from fastlysync.drift.render import render as render_drift
from fastlysync.plan.model import Change, Plan, ServicePlan
from fastlysync.plan.render import render as render_plan

HOSTILE = "evil\n::error::forged\u202e"


def forged(text: str) -> list[str]:
    return [line for line in text.splitlines()
            if line.lstrip("-+~`*|: ").startswith("error::") or "\u202e" in line]


@pytest.mark.parametrize("fmt", ["text", "markdown"])
def test_plan_output_escapes_hostile_names(fmt: str) -> None:
    service = ServicePlan(name=HOSTILE, action="update", base_version=1, base_active=True,
                          changes=[Change(action="create", kind="backend", name=HOSTILE),
                                   Change(action="rename", kind="condition", name=HOSTILE,
                                          old_name=HOSTILE)])
    out = io.StringIO()
    render_plan(Plan(services=[service]).finish(), fmt, out)
    assert not forged(out.getvalue()), out.getvalue()
    assert "\\u000a::error::forged\\u202e" in out.getvalue()


@pytest.mark.parametrize("fmt", ["text", "markdown"])
def test_drift_output_escapes_hostile_names(fmt: str) -> None:
    item = DriftItem(category="unmanaged", kind="backend", name=HOSTILE)
    report = DriftReport(services=[ServiceDrift(name="www", version=1, items=[item])]).finish()
    out = io.StringIO()
    render_drift(report, fmt, out)
    assert not forged(out.getvalue()), out.getvalue()
