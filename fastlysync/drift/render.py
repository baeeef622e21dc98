"""Drift output: text for a terminal (coloured only when the caller says so), markdown for CI,
JSON.

Every line names the object and field exactly (`backend origin.port: 443 -> 8443`), values
reading git -> live.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import TextIO

from ..masking import printable
from ..plan.render import (
    failed_text,
    fenced,
    make_console,
    markdown_header,
    markdown_title,
    quiet_services,
    render_as,
    service_title,
    show,
)
from .model import CATEGORIES, DESCRIPTIONS, DriftItem, DriftReport, ElementDrift

MARKS = {"changed": "~", "unmanaged": "+", "missing": "-", "content": "~", "version": "!"}
STYLES = {"changed": "yellow", "unmanaged": "green", "missing": "red", "content": "cyan",
          "version": "magenta"}
ELEMENT_MARKS = {"added": "+", "removed": "-", "changed": "~"}
INDENT = "    "


def element_text(element: ElementDrift) -> str:
    key = json.dumps(element.key, ensure_ascii=False)
    if element.op == "added":
        value = "" if element.live is None else f" = {show(element.live)}"
        return f"{ELEMENT_MARKS['added']} {key}{value} (live only)"
    if element.op == "removed":
        value = "" if element.spec is None else f" = {show(element.spec)}"
        return f"{ELEMENT_MARKS['removed']} {key}{value} (not live)"
    return f"~ {key}: {show(element.spec)} -> {show(element.live)}"


def item_lines(item: DriftItem) -> Iterator[str]:
    """The item's headline, then detail lines (diffs, elements), unindented."""
    mark = MARKS[item.category]
    if item.category == "version":
        yield f"{mark} version {item.name}: {item.message}"
    elif item.category == "unmanaged":
        yield f"{mark} {item.label} (live only, not in git)"
    elif item.category == "missing":
        yield f"{mark} {item.label} (in git, not live)"
    elif item.elements is not None:
        yield f"{mark} {item.label}:"
        for element in item.elements:
            yield INDENT + element_text(element)
    elif item.diff is not None:
        yield f"{mark} {item.label}:"
        for raw in item.diff.splitlines():
            yield INDENT + raw
    else:
        yield f"{mark} {item.label}: {show(item.spec)} -> {show(item.live)}"


def summary_text(report: DriftReport) -> str:
    """One line; services that could not be checked come first and rule out "No drift"."""
    counts = report.counts()
    checked = counts["services_checked"]
    failed = failed_text(len(report.errors), "could not be checked") if report.errors else ""
    if not report.has_drift:
        text = (f"{checked} match git." if failed else
                f"No drift. {checked} service(s) match git.")
    else:
        parts = [f"{counts[c]} {c}" for c in CATEGORIES if counts[c]]
        text = (f"Drift: {', '.join(parts)} in {counts['services_drifted']} of {checked} "
                f"service(s).")
    if counts["ignored"]:
        text += f" {counts['ignored']} item(s) ignored by rules."
    if failed:
        return f"{failed}, {text}" if not report.has_drift else f"{failed}. {text}"
    return text


def render_text(report: DriftReport, out: TextIO, *, color: bool = False) -> None:
    """Coloured only with `color`. Errors are not repeated here: the command prints them on
    stderr."""
    from rich.text import Text

    console = make_console(out, color)
    for service in report.services:
        title = Text(service_title(service), style="bold")
        version = (f"active version {service.version}" if service.version is not None
                   else "no active version")
        if not service.has_drift:
            title.append(f": no drift ({version})")
            console.print(title)
        else:
            title.append(f": drift in {version}" if service.version is not None
                         else f": drift ({version})")
            console.print(title)
            for category in CATEGORIES:
                items = [i for i in service.items if i.category == category]
                if not items:
                    continue
                console.print(Text(f"  {category}: {DESCRIPTIONS[category]}", style="bold"))
                for item in items:
                    for n, line in enumerate(item_lines(item)):
                        style = STYLES[category] if n == 0 else ""
                        console.print(Text(INDENT + line, style=style))
        if service.ignored:
            console.print(Text(f"  ({service.ignored} item(s) ignored by rules)", style="dim"))
        for note in service.notes:
            console.print(Text(f"  note: {note}", style="dim"))
    console.print(Text(summary_text(report), style="bold"))


def _cell(text: str) -> str:
    return printable(text.replace("|", "\\|").replace("\n", " "))


def render_markdown(report: DriftReport, out: TextIO) -> None:
    out.write(markdown_header("drift", summary_text(report)))
    for service in report.services:
        if not service.has_drift:
            continue
        out.write(f"\n### {markdown_title(service)}\n\nActive version {service.version}.\n\n")
        out.write("| category | object | field | git | live |\n|---|---|---|---|---|\n")
        details: list[str] = []
        for category in CATEGORIES:
            for item in (i for i in service.items if i.category == category):
                obj = _cell(f"{item.kind} {item.name}")
                field = _cell(item.field or "")
                if item.category == "version":
                    git, live = "", _cell(item.message or "")
                elif item.category == "unmanaged":
                    git, live = "(absent)", "present"
                elif item.category == "missing":
                    git, live = "present", "(absent)"
                elif item.elements is not None or item.diff is not None:
                    git, live = "see below", "see below"
                    details.append("\n".join(item_lines(item)))
                else:
                    git, live = _cell(show(item.spec)), _cell(show(item.live))
                out.write(f"| {category} | {obj} | {field} | {git} | {live} |\n")
        for block in details:
            out.write(f"\n{fenced(block)}")
        if service.ignored:
            out.write(f"\n_{service.ignored} item(s) ignored by rules._\n")
    out.write(quiet_services([s.name for s in report.services if not s.has_drift], "drift"))
    for error in report.errors:
        out.write(f"\n:x: `{error.name}`: {_cell(error.message)}\n")


def render(report: DriftReport, fmt: str, out: TextIO, *, color: bool = False) -> None:
    render_as(report, fmt, out, render_text, render_markdown, color)
