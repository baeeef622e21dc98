"""Drift output: each line names object and field; markdown for CI; JSON round-trips."""

from __future__ import annotations

import io

from fastlysync.drift.model import DriftItem, DriftReport, ElementDrift, ServiceDrift
from fastlysync.drift.render import render
from fastlysync.plan.model import ServiceError


def report() -> DriftReport:
    items = [
        DriftItem(category="changed", kind="backend", name="origin", field="port", spec=443,
                  live=8443),
        DriftItem(category="changed", kind="logging_s3", name="logs", field="secret_key",
                  spec="(sensitive)", live="(sensitive)", sensitive=True),
        DriftItem(category="unmanaged", kind="backend", name="extra"),
        DriftItem(category="missing", kind="header", name="hsts"),
        DriftItem(category="content", kind="dictionary", name="flags", field="items",
                  elements=[ElementDrift(op="changed", key="a", spec="1", live="9"),
                            ElementDrift(op="added", key="c", live="3"),
                            ElementDrift(op="removed", key="b", spec="2")]),
        DriftItem(category="content", kind="snippet", name="dyn", field="content",
                  diff="--- a (git)\n+++ a (live)\n@@ -1 +1 @@\n-x\n+y\n"),
        DriftItem(category="version", kind="version", name="3",
                  message="active version 3 was not made by fastlysync (no version comment)"),
    ]
    return DriftReport(services=[
        ServiceDrift(name="shop", id="SID", path="services/shop.yaml", version=3, items=items,
                     ignored=2),
        ServiceDrift(name="blog", id="BID", path="services/blog.yaml", version=1),
    ], errors=[ServiceError(name="gone", message="no live service named 'gone'")]).finish()


def rendered(fmt: str) -> str:
    out = io.StringIO()
    render(report(), fmt, out)
    return out.getvalue()


def test_text_names_every_object_and_field() -> None:
    text = rendered("text")
    for line in ("~ backend origin.port: 443 -> 8443",
                 "~ logging_s3 logs.secret_key: (sensitive) -> (sensitive)",
                 "+ backend extra (live only, not in git)",
                 "- header hsts (in git, not live)",
                 "~ dictionary flags.items:",
                 '~ "a": "1" -> "9"', '+ "c" = "3" (live only)', '- "b" = "2" (not live)',
                 "~ snippet dyn.content:", "+y",
                 "! version 3: active version 3 was not made by fastlysync",
                 "(2 item(s) ignored by rules)",
                 "service blog (BID, services/blog.yaml): no drift (active version 1)"):
        assert line in text, line
    # failures first: a summary that starts "No drift" or "Drift" hides them
    assert text.rstrip().endswith("1 service could not be checked. Drift: 2 changed, "
                                  "1 unmanaged, 1 missing, 2 content, 1 version in 1 of 2 "
                                  "service(s). 2 item(s) ignored by rules.")
    assert "\x1b[" not in text  # no colour when not a terminal


def test_markdown_has_a_row_per_item() -> None:
    text = rendered("markdown")
    assert "| changed | backend origin | port | 443 | 8443 |" in text
    assert "| unmanaged | backend extra |  | (absent) | present |" in text
    assert "| version | version 3 |  |  | active version 3 was not made by fastlysync" in text
    assert '~ "a": "1" -> "9"' in text
    assert ":x: `gone`: no live service named 'gone'" in text


def test_json_round_trips() -> None:
    data = rendered("json")
    again = DriftReport.model_validate_json(data)
    assert again == report()
    assert again.summary["changed"] == 2 and again.summary["services_failed"] == 1
