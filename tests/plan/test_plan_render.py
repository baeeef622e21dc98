"""Rendering plans: text (colour only on a terminal), markdown, JSON; and the JSON shape."""

from __future__ import annotations

import io
import json

from fastlysync.plan.diff import diff
from fastlysync.plan.model import PLAN_FORMAT, Plan, ServicePlan
from fastlysync.plan.render import render, render_text
from fastlysync.spec.model import Service

LIVE = Service(name="www", id="SID", backends=[{"name": "o", "address": "o.example.com"}],
               vcls=[{"name": "main", "main": True, "content": "sub vcl_recv {\n}\n"}],
               dictionaries=[{"name": "d", "items": {"a": "1"}}])
SPEC = Service(name="www", id="SID", backends=[{"name": "o", "address": "o2.example.com"}],
               vcls=[{"name": "main", "main": True,
                      "content": "sub vcl_recv {\n  set req.http.x = \"```\";\n}\n"}],
               dictionaries=[{"name": "d", "items": {"a": "2"}}],
               logging_syslog=[{"name": "l", "address": "l.example.com", "token": "tok-123"}])


def plan() -> Plan:
    service = diff(SPEC, LIVE)
    service.base_version, service.base_active = 7, True
    return Plan(services=[service, ServicePlan(name="idle", action="none", base_version=3,
                                               base_active=True)]).finish()


def rendered(fmt: str) -> str:
    out = io.StringIO()
    render(plan(), fmt, out)
    return out.getvalue()


def test_text() -> None:
    text = rendered("text")
    assert "\x1b[" not in text
    assert "service www (SID): against active version 7" in text
    assert '  ~ update backend o\n      address: "o2.example.com" -> "o.example.com"' not in text
    assert 'address: "o.example.com" -> "o2.example.com"' in text
    assert "token: (sensitive)" in text and "tok-123" not in text
    assert "service idle: no changes (against active version 3)" in text
    assert text.rstrip().endswith("1 of 2 service(s) changed.")


def test_text_colour_only_when_asked() -> None:
    out = io.StringIO()
    render_text(plan(), out, color=True)
    assert "\x1b[" in out.getvalue()


def test_markdown_fences_survive_backticks_in_content() -> None:
    text = rendered("markdown")
    assert text.startswith("## fastlysync plan\n")
    assert "````diff\n" in text  # content holds ``` so the fence is longer
    assert "<details><summary>1 service(s) without changes</summary>" in text


def test_json_round_trips_and_is_stable() -> None:
    data = json.loads(rendered("json"))
    assert data["format_version"] == PLAN_FORMAT
    assert set(data) == {"format_version", "fastlysync_version", "endpoint", "services",
                         "errors", "summary"}
    assert set(data["services"][0]) == {"name", "id", "path", "environment", "action",
                                        "base_version", "base_active", "renamed_from",
                                        "staged_version", "activate", "changes",
                                        "versionless", "notes"}
    assert Plan.model_validate(data) == plan()
    assert rendered("json") == rendered("json")
    assert "tok-123" not in rendered("json")
