"""`fastlysync check`: the one command a pull-request check runs.

1. validate every spec (and drift-ignore.yaml, when there is one);
2. lint every custom VCL file and snippet in its service's context (and other VCL alone);
   then run the behaviour tests (`fastlysync test`) when the repository has any;
3. when an API token is available, plan against the live services.

Without a token no secret is needed either: a `${env:NAME}` that is not set gets a
placeholder (and a note) instead of failing validation.

Exit codes: 0 clean; 2 changes pending (all checks passed, the plan has changes); 1 errors
(a spec problem, a lint error, a service that could not be planned, bad settings).
Output: `--format text|json|markdown|sarif|github`; a markdown summary is also appended to
$GITHUB_STEP_SUMMARY when that is set (or written to `--summary FILE`).
"""

from __future__ import annotations

import asyncio
import io
import json
import os
import re
import sys
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import click

from ..drift.ignore import IgnoreFileError, find_ignore_file, load_ignore
from ..fastly.config import TOKEN_ENV
from ..kinds import KINDS
from ..masking import mask
from ..plan.model import Change, Plan
from ..spec import find_root, load_specs
from ..spec.errors import SpecError
from ..spec.files import VCL_DIR
from ..spec.loader import SERVICES_DIR, LoadedService
from ..spec.placeholders import Placeholders
from ..vcl.diagnostic import Diagnostic
from .output import error, format_option, guarded, plural, print_problems, problem_dict
from .plan import run_plan, with_spec_errors
from .remote import client_config, remote_options
from .secrets import check_placeholders
from .terminal import use_color

SUMMARY_ENV = "GITHUB_STEP_SUMMARY"
SPEC_CODE, SPEC_RULE = "VCL000", "spec-error"
"""How spec problems appear among lint findings (the linter reports them the same way)."""
MAX_LISTED = 50


@dataclass
class CheckResult:
    root: Path
    services: list[LoadedService] = field(default_factory=list)
    spec_errors: list[SpecError] = field(default_factory=list)
    spec_files: int = 0
    lint: list[Diagnostic] | None = None
    lint_files: int = 0
    plan: Plan | None = None
    plan_skipped: str | None = None
    problems: list[str] = field(default_factory=list)
    """Errors without a location (no specs, bad lint settings), and test failures."""
    located: dict[str, tuple[str, int, int]] = field(default_factory=dict)
    """Problem -> (path, line, column) where it has one (a behaviour test), to annotate."""
    notes: list[str] = field(default_factory=list)

    @property
    def lint_errors(self) -> int:
        return sum(d.severity == "error" for d in self.lint or [])

    @property
    def failed(self) -> bool:
        return bool(self.spec_errors or self.lint_errors or self.problems
                    or (self.plan is not None and self.plan.errors))

    @property
    def pending(self) -> bool:
        return self.plan is not None and self.plan.has_changes

    @property
    def exit_code(self) -> int:
        return 1 if self.failed else 2 if self.pending else 0

    @property
    def status(self) -> str:
        return "errors" if self.failed else "changes pending" if self.pending else "clean"

    def diagnostics(self) -> list[Diagnostic]:
        """Spec problems and lint findings as one list (for SARIF and annotations)."""
        out = [Diagnostic(e.path, e.line, e.column, e.line, e.column, SPEC_CODE, SPEC_RULE,
                          "error", e.message) for e in self.spec_errors]
        out += self.lint or []
        return out


# ----- the steps ----------------------------------------------------------------------------


def validate_step(result: CheckResult, paths: list[Path], with_secrets: bool) -> None:
    env: Mapping[str, str] = os.environ if with_secrets else check_placeholders(os.environ)
    loaded = load_specs(paths or None, root=result.root, env=env)
    result.services = loaded.services
    result.spec_errors = loaded.errors
    result.spec_files = len({str(s.path) for s in loaded.services}
                            | {e.path for e in loaded.errors})
    if not loaded.services and not loaded.errors:
        where = ", ".join(map(str, paths)) if paths else str(result.root / SERVICES_DIR)
        result.problems.append(f"no service specs found in {where} (looked for *.yaml)")
    ignore_file = find_ignore_file(result.root)
    if ignore_file is not None:
        try:
            load_ignore(ignore_file)
        except IgnoreFileError as exc:
            result.spec_errors += exc.errors
    if isinstance(env, Placeholders) and env.missing:
        result.notes.append("secrets not set (not needed without a plan): "
                            + ", ".join(sorted(env.missing)))


def lint_step(result: CheckResult, paths: list[Path]) -> None:
    from ..vcl.config import ConfigError, load_config
    from ..vcl.lint import lint_paths

    vcl_dir = result.root / VCL_DIR
    targets = paths or [p for p in (result.root / SERVICES_DIR, vcl_dir) if p.is_dir()]
    try:
        config = load_config(start=result.root)
    except ConfigError as exc:
        result.problems.append(str(exc))
        return
    linted = lint_paths(targets, config, vcl_dirs=[vcl_dir])
    # Spec problems are the validate step's (reported there, with secrets checked too).
    result.lint = [d for d in linted.diagnostics if d.code != SPEC_CODE]
    result.lint_files = linted.files
    result.notes += linted.notes


def behaviour_step(result: CheckResult, paths: list[Path]) -> None:
    """Behaviour tests (`fastlysync test`), when the repository has any."""
    from ..behave.runner import run_tests

    if paths:
        return
    tests = run_tests([], root=result.root)
    if tests.none_found:
        return
    bad = [c for c in tests.cases if not c.ok]
    result.notes.append(f"test: {len(tests.cases)} cases, {len(bad)} not passing")
    for case in bad:
        why = case.message or "; ".join(m.text() for m in case.mismatches)
        message = f"test {case.path}:{case.line} {case.name}: {why}"
        result.problems.append(message)
        result.located[message] = (case.path, case.line, 1)
    for problem in tests.problems:
        message = f"test: {problem}"
        result.problems.append(message)
        where = _LOCATED.match(problem)
        if where is not None:
            result.located[message] = (where[1], int(where[2]), int(where[3]))


def plan_step(result: CheckResult, token_file: Path | None, endpoint: str | None,
              concurrency: int | None) -> None:
    if not result.services and not result.spec_errors:
        result.plan_skipped = "no specs"
        return
    config = client_config(token_file, endpoint, concurrency)
    plan = asyncio.run(run_plan(config, result.services))[0] if result.services else Plan()
    # a spec that did not load is a service that was not planned: never "No changes"
    result.plan = with_spec_errors(plan, result.spec_errors)


# ----- output -------------------------------------------------------------------------------


def lint_summary(result: CheckResult) -> str:
    from ..vcl.report import summary

    if result.lint is None:
        return "skipped (--no-lint)"
    return summary(result.lint, result.lint_files)


def validate_summary(result: CheckResult) -> str:
    if result.spec_errors:
        return f"{plural(len(result.spec_errors), 'problem')}"
    if not result.spec_files:
        return "no spec files"
    return (f"ok, {plural(len(result.services), 'service')} in "
            f"{plural(result.spec_files, 'file')}")


def plan_summary(result: CheckResult) -> str:
    from ..plan.render import summary_text

    if result.plan is None:
        return f"skipped ({result.plan_skipped})"
    return summary_text(result.plan)


def markdown_summary(result: CheckResult) -> str:
    from ..plan.render import render_markdown

    out = io.StringIO()
    out.write("## fastlysync check\n\n| step | result |\n|---|---|\n")
    for step, text in (("validate", validate_summary(result)), ("lint", lint_summary(result)),
                       ("plan", plan_summary(result))):
        out.write(f"| {step} | {text.replace('|', '/')} |\n")
    out.write(f"\n**Result: {result.status}** (exit {result.exit_code})\n")
    listed = [d for d in result.diagnostics() if d.severity != "info"]
    if listed or result.problems:
        out.write("\n### Problems\n\n")
        for message in result.problems:
            out.write(f"- {message}\n")
        for d in listed[:MAX_LISTED]:
            out.write(f"- `{d.path}:{d.line}:{d.column}` {d.severity} {d.code}: {d.message}\n")
        if len(listed) > MAX_LISTED:
            out.write(f"- ... and {len(listed) - MAX_LISTED} more\n")
    for note in result.notes:
        out.write(f"\n> {note}\n")
    if result.plan is not None and (result.plan.has_changes or result.plan.errors):
        out.write("\n")
        render_markdown(result.plan, out)
    return out.getvalue()


def change_location(loaded: LoadedService | None, change: Change) -> tuple[str, int]:
    """Where a planned change sits in its spec (the object's entry, else the kind's list)."""
    if loaded is None:
        return "", 0
    kind = KINDS.get(change.kind)
    if kind is None:
        return str(loaded.path), loaded.locate("name")[0]
    if kind.singleton:
        return str(loaded.path), loaded.locate(kind.spec_key)[0]
    names = [getattr(o, kind.key_field) for o in loaded.service.objects(kind)]
    if change.name in names:
        return str(loaded.path), loaded.locate(kind.spec_key, names.index(change.name))[0]
    return str(loaded.path), loaded.locate(kind.spec_key)[0]


_LOCATED = re.compile(r"^(.+?):(\d+):(\d+): ", re.DOTALL)
"""A test file problem that says where (`path:line:col: message`)."""


def problem_annotations(result: CheckResult) -> str:
    """Each problem as a GitHub error, on its file and line where it has one."""
    from ..vcl.report import _escape_data, _escape_property, repo_path

    lines = []
    for message in result.problems:
        where = ""
        if message in result.located:
            path, line, column = result.located[message]
            where = f"file={_escape_property(repo_path(path))},line={line},col={column},"
        lines.append(f"::error {where}title=fastlysync check::{_escape_data(message)}")
    return "".join(line + "\n" for line in lines)


def plan_annotations(result: CheckResult) -> str:
    from ..vcl.report import _escape_data, _escape_property, repo_path

    if result.plan is None:
        return ""
    by_name = {(s.service.name, s.environment): s for s in result.services}
    lines = []
    for service in result.plan.services:
        loaded = by_name.get((service.name, service.environment))
        for change in [*service.changes, *service.versionless]:
            path, line = change_location(loaded, change)
            fields = ", ".join(f.field for f in change.fields)
            text = f"{service.name}: {change.action} {change.kind} {change.name}" + (
                f" ({fields})" if fields else "")
            where = (f"file={_escape_property(repo_path(path))},line={max(line, 1)},"
                     if path else "")
            lines.append(f"::notice {where}title=fastlysync plan::{_escape_data(text)}")
    spec_problems = {str(e) for e in result.spec_errors}  # annotated as diagnostics already
    for problem in result.plan.errors:
        if problem.message in spec_problems:
            continue
        where = (f"file={_escape_property(repo_path(problem.path))},"
                 if problem.path else "")
        lines.append(f"::error {where}title=fastlysync plan::"
                     f"{_escape_data(f'{problem.name}: {problem.message}')}")
    return "".join(line + "\n" for line in lines)


def print_text(result: CheckResult) -> None:
    from ..plan.render import render_text
    from ..vcl.report import render_text as lint_text

    print_problems(result.spec_errors, "text")  # capped, as validate prints them
    click.echo(f"validate: {validate_summary(result)}")
    if result.lint is not None:
        for line in lint_text(result.lint).splitlines()[:-1]:
            click.echo(line)
    click.echo(f"lint: {lint_summary(result)}")
    if result.plan is None:
        click.echo(f"plan: {plan_summary(result)}")
    else:
        click.echo("plan:")
        render_text(result.plan, sys.stdout, color=use_color(sys.stdout))
        spec_problems = {str(e) for e in result.spec_errors}  # printed already
        for problem in result.plan.errors:
            if problem.message not in spec_problems:
                error(f"service {problem.name}: {problem.message}")
    for note in result.notes:
        click.echo(f"note: {note}")
    click.echo(f"check: {result.status}")


def as_json(result: CheckResult) -> dict[str, Any]:
    return {
        "status": result.status, "exit_code": result.exit_code,
        "validate": {"services": len(result.services),
                     "errors": [problem_dict(e) for e in result.spec_errors]},
        "lint": None if result.lint is None else {
            "files": result.lint_files, "diagnostics": [d.to_dict() for d in result.lint]},
        "plan": None if result.plan is None else result.plan.model_dump(mode="json"),
        "plan_skipped": result.plan_skipped,
        "problems": result.problems, "notes": result.notes,
    }


def write_summary(result: CheckResult, path: Path | None) -> bool:
    """False when the summary could not be written (an error: exit 1, not 0 or 2)."""
    target = path or (Path(os.environ[SUMMARY_ENV]) if os.environ.get(SUMMARY_ENV) else None)
    if target is None:
        return True
    try:
        with target.open("a", encoding="utf-8") as out:
            out.write(mask(markdown_summary(result)))
    except OSError as exc:
        error(f"cannot write the summary to {target}: {exc.strerror}")
        return False
    return True


@click.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@format_option("text", "json", "markdown", "sarif", "github")
@click.option("--summary", "summary_file", type=click.Path(path_type=Path, dir_okay=False),
              default=None, help=f"Append the markdown summary here (default: ${SUMMARY_ENV} "
                                 "when set).")
@click.option("--no-plan", is_flag=True, help="Validate and lint only, even with a token.")
@click.option("--no-lint", is_flag=True, help="Skip linting.")
@remote_options
@guarded
def check(paths: tuple[Path, ...], fmt: str, summary_file: Path | None, no_plan: bool,
          no_lint: bool, token_file: Path | None, endpoint: str | None,
          concurrency: int | None) -> None:
    """Validate every spec, lint its VCL in service context and, with a token, plan.

    PATH: spec files or folders (default: services/ and vcl/ of the repository).
    Exit 0 clean, 2 changes pending, 1 errors.
    """
    given = list(paths)
    result = CheckResult(root=find_root(given[0] if given else None))
    has_token = token_file is not None or bool(os.environ.get(TOKEN_ENV, "").strip())
    will_plan = has_token and not no_plan
    if not will_plan:
        result.plan_skipped = "--no-plan" if no_plan else f"no API token (set {TOKEN_ENV})"
    validate_step(result, given, with_secrets=will_plan)
    if not no_lint:
        lint_step(result, given)
    behaviour_step(result, given)
    if will_plan:
        plan_step(result, token_file, endpoint, concurrency)
    written = write_summary(result, summary_file)
    if fmt == "json":
        click.echo(json.dumps(as_json(result), indent=2, ensure_ascii=False))
    elif fmt == "markdown":
        click.echo(markdown_summary(result), nl=False)
    elif fmt in ("sarif", "github"):
        from ..vcl.report import render

        sys.stdout.write(render(result.diagnostics(), fmt))
        if fmt == "github":
            sys.stdout.write(plan_annotations(result))
            sys.stdout.write(problem_annotations(result))
    else:
        print_text(result)
    for message in result.problems:
        error(message)
    sys.exit(result.exit_code if written else 1)
