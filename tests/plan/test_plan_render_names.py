"""A name holding a line break or a bidi control cannot forge output lines (a `::error::`
workflow command in a CI log) in any plan or drift format."""

from __future__ import annotations

import io

import pytest

from fastlysync.drift.model import DriftItem, DriftReport, ServiceDrift
from fastlysync.drift.render import render as render_drift
from fastlysync.plan.diff import diff
from fastlysync.plan.model import Change, Plan, ServicePlan
from fastlysync.plan.render import render as render_plan
from fastlysync.spec.model import Service

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


@pytest.mark.parametrize("fmt", ["text", "markdown"])
def test_bidi_controls_in_vcl_and_values_show_escaped(fmt: str) -> None:
    """Trojan-source VCL: a right-to-left override must be visible in the diff, not obey."""
    live = Service(name="www", vcls=[{"name": "main", "main": True, "content": "sub a {\n}\n"}],
                   dictionaries=[{"name": "d", "items": {"k": "v"}}])
    spec = Service(name="www", vcls=[{"name": "main", "main": True,
                                      "content": "sub a {\n  # \u202e } \u2066\n}\n"}],
                   dictionaries=[{"name": "d", "items": {"k\u2028": "v\u202e"}}])
    service = diff(spec, live)
    out = io.StringIO()
    render_plan(Plan(services=[service]).finish(), fmt, out)
    text = out.getvalue()
    assert "\u202e" not in text and "\u2066" not in text and "\u2028" not in text
    assert "\\u202e" in text and "\\u2028" in text
