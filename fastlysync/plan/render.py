"""Plan output: text for a terminal (coloured only when the caller says so), markdown for a PR
comment, JSON.

Text and markdown share one walk over the plan that yields marked lines; they differ only in
how a field change is spelled (`old -> new` versus a -/+ pair that a ```diff block colours).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any, Literal, Protocol, TextIO, TypeVar

from ..masking import printable
from .model import Change, FieldChange, Plan, Report, ServicePlan

R = TypeVar("R", bound=Report)

Style = Literal["add", "remove", "change", "rename", "plain", "title", "note"]
Mode = Literal["text", "markdown"]

MARKS = {"create": "+", "delete": "-", "update": "~", "rename": ">"}
STYLE_OF: dict[str, Style] = {"create": "add", "delete": "remove", "update": "change",
                              "rename": "rename"}
RICH_STYLE = {"add": "green", "remove": "red", "change": "yellow", "rename": "cyan",
              "plain": "", "title": "bold", "note": "magenta"}
INDENT = "    "


@dataclass(frozen=True)
class Line:
    style: Style
    text: str


def show(value: Any) -> str:
    if value is None:
        return "(unset)"
    if isinstance(value, str) and value.startswith("(sensitive)"):
        return "(sensitive)"
    return printable(json.dumps(value, ensure_ascii=False, sort_keys=True))


def field_lines(change: FieldChange, mode: Mode) -> Iterator[Line]:
    if change.diff is not None:
        yield Line("plain", f"{INDENT}{change.field}:")
        for raw in change.diff.splitlines():
            style: Style = ("add" if raw.startswith("+") and not raw.startswith("+++") else
                            "remove" if raw.startswith("-") and not raw.startswith("---") else
                            "plain")
            raw = printable(raw)  # bidi controls in VCL must show, not reorder the diff
            yield Line(style, f"{raw[:1]}{INDENT}{INDENT}{raw[1:]}" if mode == "markdown"
                       and style != "plain" else f"{INDENT}{INDENT}{raw}")
        return
    if change.elements is not None:
        yield Line("plain", f"{INDENT}{change.field}:")
        for element in change.elements:
            key = printable(json.dumps(element.key, ensure_ascii=False))
            if element.op == "add":
                value = "" if element.new is None else f" = {show(element.new)}"
                yield _element("add", "+", f"{key}{value}", mode)
            elif element.op == "remove":
                yield _element("remove", "-", key, mode)
            elif mode == "markdown":
                yield _element("remove", "-", f"{key} = {show(element.old)}", mode)
                yield _element("add", "+", f"{key} = {show(element.new)}", mode)
            else:
                yield _element("change", "~", f"{key}: {show(element.old)} -> "
                                              f"{show(element.new)}", mode)
        return
    if mode == "markdown":
        if change.old is not None:
            yield Line("remove", f"-{INDENT}{change.field}: {show(change.old)}")
        if change.new is not None:
            yield Line("add", f"+{INDENT}{change.field}: {show(change.new)}")
        if change.old is None and change.new is None:
            yield Line("plain", f" {INDENT}{change.field}: (unset)")
        return
    if change.old is None and change.new is not None:
        yield Line("plain", f"{INDENT}{change.field}: {show(change.new)}")
    else:
        yield Line("plain", f"{INDENT}{change.field}: {show(change.old)} -> {show(change.new)}")


def _element(style: Style, mark: str, text: str, mode: Mode) -> Line:
    """Markdown needs the mark in column one for ```diff colouring; text indents it."""
    if mode == "markdown":
        return Line(style, f"{mark}{INDENT}{INDENT}{text}")
    return Line(style, f"{INDENT}  {mark} {text}")


def change_lines(change: Change, mode: Mode) -> Iterator[Line]:
    mark = MARKS[change.action]
    label = printable(change.kind if change.name == change.kind
                      else f"{change.kind} {change.name}")
    head = f"{mark} {change.action} {label}"
    if change.action == "rename":
        head = printable(f"{mark} rename {change.kind} {change.old_name} -> {change.name}")
    if mode == "markdown" and change.action == "update":
        head = f"! {change.action} {label}"
    yield Line(STYLE_OF[change.action], head)
    fields = change.fields[1:] if change.action == "rename" else change.fields
    for field in fields:
        yield from field_lines(field, mode)


def base_text(service: ServicePlan) -> str:
    if service.action == "create":
        return "new service"
    if service.action == "delete":
        return f"retire (active version {service.base_version})"
    if service.base_version is None:
        return "retired, no live service" if service.action == "none" else (
            "live version unknown")
    which = "active" if service.base_active else "latest (never activated)"
    return f"against {which} version {service.base_version}"


class Titled(Protocol):
    """A plan's or a drift report's service, as far as its title goes."""

    @property
    def name(self) -> str: ...
    @property
    def id(self) -> str | None: ...
    @property
    def path(self) -> str | None: ...


def service_title(service: Titled) -> str:
    where = ", ".join(p for p in (service.id, service.path) if p)
    return printable(f"service {service.name}" + (f" ({where})" if where else ""))


def markdown_header(what: str, summary: str) -> str:
    return f"## fastlysync {what}\n\n**{summary}**\n"


def markdown_title(service: Titled) -> str:
    return printable(f"`{service.name}`" + (f" (`{service.path}`)" if service.path else ""))


def service_lines(service: ServicePlan, mode: Mode) -> Iterator[Line]:
    if service.action == "delete":
        yield Line("remove", f"- retire service {service.name}: deactivate, then delete")
    if service.activate and service.action != "create":
        yield Line("note", f"{'#' if mode == 'markdown' else ' '} version "
                           f"{service.base_version} has never been activated: apply activates")
    for change in service.changes:
        yield from change_lines(change, mode)
    if service.versionless:
        yield Line("note", "# no new version needed for:" if mode == "markdown"
                   else "  versionless (no new version):")
        for change in service.versionless:
            yield from change_lines(change, mode)


def failed_text(errors: int, what: str) -> str:
    return f"{errors} service{'' if errors == 1 else 's'} {what}"


def summary_text(plan: Plan) -> str:
    """One line; failures come first, and a run with failures never says "No changes"."""
    counts = plan.counts()
    failed = failed_text(len(plan.errors), "failed") if plan.errors else ""
    if not plan.has_changes:
        in_step = f"{len(plan.services)} in step" if failed else (
            f"No changes. {len(plan.services)} service(s) in step")
        return (f"{failed}, {in_step}." if failed else f"{in_step}.")
    else:
        parts = [f"{counts['create']} to create", f"{counts['update']} to update",
                 f"{counts['rename']} to rename", f"{counts['delete']} to delete",
                 f"{counts['versionless']} versionless"]
        text = (f"Plan: {', '.join(parts)}; {counts['services_changed']} of "
                f"{len(plan.services)} service(s) changed")
        if counts["services_created"]:
            text += f" ({counts['services_created']} new)"
        if counts.get("services_retired"):
            text += f" ({counts['services_retired']} to retire)"
        text += "."
    return f"{failed}. {text}" if failed else text


def make_console(out: TextIO, color: bool) -> Any:
    """A rich console writing plain text unless `color`: no escape codes of any kind."""
    from rich.console import Console

    return Console(file=out, highlight=False, soft_wrap=True, emoji=False, markup=False,
                   force_terminal=color, no_color=not color,
                   color_system="standard" if color else None, _environ={})


def render_text(plan: Plan, out: TextIO, *, color: bool = False) -> None:
    """Coloured only with `color` (the command decides: TTY, NO_COLOR, --no-color).
    Errors are not repeated here: the command prints them on stderr."""
    from rich.text import Text

    console = make_console(out, color)
    for service in plan.services:
        title = Text(service_title(service), style="bold")
        if not service.has_changes:
            title.append(f": no changes ({base_text(service)})")
            console.print(title)
            for note in service.notes:  # a draft left behind is news even with no changes
                console.print(Text(f"  ! {note}", style=RICH_STYLE["note"]))
            continue
        title.append(f": {base_text(service)}")
        console.print(title)
        for line in service_lines(service, "text"):
            console.print(Text("  " + line.text, style=RICH_STYLE[line.style]))
        for note in service.notes:
            console.print(Text(f"  ! {note}", style=RICH_STYLE["note"]))
    console.print(Text(summary_text(plan), style="bold"))


def render_markdown(plan: Plan, out: TextIO) -> None:
    out.write(markdown_header("plan", summary_text(plan)))
    for service in plan.services:
        if not service.has_changes:
            continue
        out.write(f"\n### {markdown_title(service)}\n\n{base_text(service).capitalize()}.\n\n")
        body = "\n".join(line.text for line in service_lines(service, "markdown"))
        out.write(fenced(body))
        for note in service.notes:
            out.write(f"\n> **Warning:** {note}\n")
    out.write(quiet_services([s.name for s in plan.services if not s.has_changes], "changes"))
    for service in plan.services:
        if not service.has_changes:
            for note in service.notes:
                out.write(f"\n> **Note:** `{service.name}`: {note}\n")
    for error in plan.errors:
        out.write(f"\n:x: `{error.name}`: {error.message}\n")


def fenced(body: str) -> str:
    """A markdown `diff` block whose fence is longer than any backtick run in `body`."""
    fence = "```"
    while fence in body:
        fence += "`"
    return f"{fence}diff\n{body}\n{fence}\n"


def quiet_services(names: list[str], without: str) -> str:
    """The markdown fold listing services with nothing to show."""
    if not names:
        return ""
    return (f"\n<details><summary>{len(names)} service(s) without {without}</summary>\n\n"
            f"{', '.join(f'`{n}`' for n in names)}\n\n</details>\n")


def render_json(report: Report, out: TextIO) -> None:
    out.write(report.model_dump_json(indent=2))
    out.write("\n")


def render_as(report: R, fmt: str, out: TextIO, text: Callable[..., None],
              markdown: Callable[[R, TextIO], None], color: bool = False) -> None:
    """Write a plan or drift report in `fmt` (json, markdown, else text)."""
    if fmt == "json":
        render_json(report, out)
    elif fmt == "markdown":
        markdown(report, out)
    else:
        text(report, out, color=color)


def render(plan: Plan, fmt: str, out: TextIO, *, color: bool = False) -> None:
    render_as(plan, fmt, out, render_text, render_markdown, color)
