"""Render test results: text for people, JSON, JUnit XML for CI systems, GitHub annotations."""

from __future__ import annotations

import json
import re
from xml.sax.saxutils import escape, quoteattr

# GitHub workflow-command escaping is the linter report's, so both annotate alike.
from ..vcl.report import _escape_data, _escape_property, repo_path
from .results import CaseResult, RunResult

MAX_TRACE = 60
_LOCATED = re.compile(r"^(.+?):(\d+):(\d+): (.*)$", re.DOTALL)
"""A problem that says where: `path:line:col: message` (a test file that cannot run)."""


def _trace_lines(case: CaseResult) -> list[str]:
    steps = case.trace[-MAX_TRACE:]
    lines = [f"      {s.path}:{s.line}  {'  ' * max(s.depth - 1, 0)}{s.text}" for s in steps]
    if len(case.trace) > MAX_TRACE:
        lines.insert(0, f"      ... {len(case.trace) - MAX_TRACE} earlier steps")
    return lines


def render_text(result: RunResult, trace: bool = False) -> str:
    """The report for people; files that could not be run are counted here and listed on
    stderr by the command (one ``path:line:col: message`` each)."""
    out: list[str] = []
    for case in result.cases:
        mark = {"passed": "ok  ", "failed": "FAIL", "error": "ERR ", "skipped": "skip"}[
            case.status]
        out.append(f"{mark} {case.path}:{case.line} {case.name}")
        if case.status == "error":
            out.append(f"     {case.message}")
        for m in case.mismatches:
            out.append(f"     {m.text()}")
        if not case.ok or trace:
            if case.subs:
                out.append(f"     subroutines: {' -> '.join(case.subs)}")
            if case.trace:
                out.append("     trace:")
                out += _trace_lines(case)
            for note in case.notes:
                out.append(f"     note: {note}")
    total = len(result.cases)
    summary = (f"{result.count('passed')} passed, {result.count('failed')} failed, "
               f"{result.count('error')} errors")
    if result.count("skipped"):
        summary += f", {result.count('skipped')} skipped"
    if result.none_found:
        summary += ", no test files"
    elif result.problems:
        count = len(result.problems)
        summary += f", {count} {'file' if count == 1 else 'files'} not run"
    out.append(f"test: {total} cases: {summary}")
    return "\n".join(out) + "\n"


def render_json(result: RunResult, trace: bool = False) -> str:
    data = {"ok": result.ok, "passed": result.count("passed"), "failed": result.count("failed"),
            "errors": result.count("error"), "skipped": result.count("skipped"),
            "problems": result.problems,
            "cases": [c.to_dict(with_trace=trace or not c.ok) for c in result.cases]}
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def render_junit(result: RunResult, trace: bool = False) -> str:
    seconds = sum(c.seconds for c in result.cases)
    failures, errors = result.count("failed"), result.count("error") + len(result.problems)
    out = ['<?xml version="1.0" encoding="UTF-8"?>',
           f'<testsuites name="fastlysync test" tests="{len(result.cases)}" '
           f'failures="{failures}" errors="{errors}" time="{seconds:.3f}">',
           f'  <testsuite name="fastlysync" tests="{len(result.cases)}" failures="{failures}" '
           f'errors="{errors}" skipped="{result.count("skipped")}" time="{seconds:.3f}">']
    for c in result.cases:
        attrs = (f"name={quoteattr(c.name)} classname={quoteattr(c.path)} "
                 f'file={quoteattr(c.path)} line="{c.line}" time="{c.seconds:.4f}"')
        detail = "\n".join([*(m.text() for m in c.mismatches), *(
            f"{s.path}:{s.line} {s.text}" for s in c.trace[-MAX_TRACE:])])
        if c.status == "passed":
            out.append(f"    <testcase {attrs}/>")
        elif c.status == "skipped":
            out.append(f"    <testcase {attrs}><skipped/></testcase>")
        elif c.status == "failed":
            first = c.mismatches[0].text() if c.mismatches else "failed"
            out.append(f"    <testcase {attrs}><failure message={quoteattr(first)}>"
                       f"{escape(detail)}</failure></testcase>")
        else:
            out.append(f"    <testcase {attrs}><error message={quoteattr(c.message)}>"
                       f"{escape(detail)}</error></testcase>")
    for problem in result.problems:
        out.append(f"    <testcase name={quoteattr(problem.split(': ', 1)[0])} "
                   f"classname=\"files\"><error message={quoteattr(problem)}/></testcase>")
    out += ["  </testsuite>", "</testsuites>"]
    return "\n".join(out) + "\n"


def render_github(result: RunResult, trace: bool = False) -> str:
    out = []
    for c in result.cases:
        if c.ok:
            continue
        text = c.message if c.status == "error" else "; ".join(m.text() for m in c.mismatches)
        # GitHub matches annotations to files by their path from the repository root
        out.append(f"::error file={_escape_property(repo_path(c.path))},line={c.line},"
                   f"title={_escape_property('fastlysync test: ' + c.name)}::"
                   f"{_escape_data(text)}")
    for problem in result.problems:
        located = _LOCATED.match(problem)
        if located is None:
            out.append(f"::error title=fastlysync test::{_escape_data(problem)}")
            continue
        path, line, column, message = located.groups()
        out.append(f"::error file={_escape_property(repo_path(path))},line={line},"
                   f"col={column},title=fastlysync test::{_escape_data(message)}")
    return "\n".join(out) + ("\n" if out else "") + render_text(result, trace)


RENDERERS = {"text": render_text, "json": render_json, "junit": render_junit,
             "github": render_github}
