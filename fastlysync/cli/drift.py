"""`fastlysync drift [SERVICE...]`: what changed live that git does not know about.

Exit codes: 0 no drift, 2 drift, 1 on any error (bad spec or ignore file, a service that
cannot be read, a bad token or endpoint); the other services are still checked.
"""

from __future__ import annotations

import asyncio
import sys
from collections.abc import Sequence
from pathlib import Path

import click

from ..drift.ignore import IgnoreFileError, IgnoreRules, find_ignore_file, load_ignore
from ..drift.model import DriftReport
from ..drift.render import render
from ..drift.run import drift_all
from ..fastly.client import FastlyClient
from ..fastly.config import ClientConfig
from ..masking import MaskingStream
from ..spec import find_root
from ..spec.loader import LoadedService
from .output import error, format_option, guarded
from .plan import select_services, with_spec_errors
from .progress import progress
from .remote import client_config, remote_options
from .terminal import use_color

OUT_FORMATS = {".json": "json", ".md": "markdown", ".markdown": "markdown"}


def ignore_rules(path: Path | None, no_ignore: bool, root: Path) -> tuple[IgnoreRules, bool]:
    """The rules to use, and whether reading them failed (problems already printed)."""
    if no_ignore:
        return IgnoreRules(), False
    if path is None:
        path = find_ignore_file(root)
        if path is None:
            return IgnoreRules(), False
    elif not path.is_file():
        error(f"ignore file {path} does not exist")
        return IgnoreRules(), True
    try:
        return load_ignore(path), False
    except IgnoreFileError as exc:
        for problem in exc.errors:
            click.echo(str(problem), err=True)
        return IgnoreRules(), True


async def run_drift(config: ClientConfig, services: Sequence[LoadedService],
                    rules: IgnoreRules, account: bool = False) -> DriftReport:
    with progress("checking services", len(services)) as shown:
        async with FastlyClient(config) as client:
            return await drift_all(client, services, rules=rules, progress=shown.advance,
                                   account=account)


def write_report(report: DriftReport, path: Path) -> None:
    fmt = OUT_FORMATS.get(path.suffix.lower(), "text")
    try:
        with path.open("w", encoding="utf-8") as raw:
            out = MaskingStream(raw)
            if fmt == "text":
                from ..drift.render import render_text

                render_text(report, out, color=False)  # type: ignore[arg-type]
            else:
                render(report, fmt, out)  # type: ignore[arg-type]
            out.flush()
    except OSError as exc:
        error(f"cannot write {path}: {exc.strerror}")
        sys.exit(1)


@click.command()
@click.argument("services", nargs=-1)
@format_option("text", "markdown", "json")
@click.option("--out", "outs", multiple=True, type=click.Path(path_type=Path, dir_okay=False),
              help="Also write the report to FILE (.json: JSON, .md: markdown, else text); "
                   "repeatable.")
@click.option("--ignore-file", type=click.Path(path_type=Path, dir_okay=False), default=None,
              help="Ignore rules (default: drift-ignore.yaml beside services/, if present).")
@click.option("--no-ignore", is_flag=True, help="Report everything, ignoring no rules.")
@click.option("--account", is_flag=True,
              help="Also list the account's services that no spec manages (drift unless an "
                   "ignore rule names them).")
@remote_options
@guarded
def drift(services: tuple[str, ...], fmt: str, outs: tuple[Path, ...],
          ignore_file: Path | None, no_ignore: bool, account: bool, token_file: Path | None,
          endpoint: str | None, concurrency: int | None) -> None:
    """Compare each spec with its live service and sort what differs.

    Categories: changed (field by field, git -> live), unmanaged (live objects no spec
    declares), missing (spec objects not live), content (dictionary items, ACL entries,
    dynamic snippet content) and version (the active version was not made by fastlysync, or
    was rolled back). SERVICE is a service name or a spec file/folder (default: every spec).
    With --account, services in the account that no spec manages are unmanaged drift too.
    """
    if account and services:
        error("--account compares the whole account with every spec: name no SERVICE")
        sys.exit(1)
    loaded, failed = select_services(services)
    if not loaded and not loaded.spec_errors:
        sys.exit(1)  # only unknown service names: already said
    paths = [Path(n) for n in services if Path(n).exists()]
    rules, bad_rules = ignore_rules(ignore_file, no_ignore, find_root(paths[0] if paths
                                                                      else None))
    if bad_rules:
        sys.exit(1)
    config = client_config(token_file, endpoint, concurrency)
    account = account or (rules.account and not services)
    report = asyncio.run(run_drift(config, loaded, rules, account))
    for problem in report.errors:
        where = f" ({problem.path})" if problem.path else ""
        error(f"service {problem.name}{where}: {problem.message}")
    with_spec_errors(report, loaded.spec_errors)
    render(report, fmt, sys.stdout, color=use_color(sys.stdout))
    for path in outs:
        write_report(report, path)
    if failed or report.errors:
        sys.exit(1)
    if report.has_drift:
        sys.exit(2)

