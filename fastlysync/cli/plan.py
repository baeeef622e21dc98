"""`fastlysync plan [SERVICE...]`: diff specs against the live services.

Exit codes: 0 no changes (or changes without --detailed-exitcode), 2 changes with
--detailed-exitcode, 1 on any error (bad spec, unreadable service, bad token or endpoint).
"""

from __future__ import annotations

import asyncio
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TypeVar

import click

from ..fastly.client import FastlyClient
from ..fastly.config import ClientConfig
from ..plan.build import Planned, plan_all
from ..plan.model import Plan
from ..plan.render import render
from ..spec import find_root, load_specs
from ..spec.loader import LoadedService
from .output import error, format_option, guarded, print_problems
from .remote import client_config, remote_options

F = TypeVar("F", bound=Callable[..., Any])


def select_services(names: Sequence[str]) -> tuple[list[LoadedService], bool]:
    """Load specs and keep those named (an argument that is a path loads that file/folder).

    Returns the services and whether any problem was reported.
    """
    paths = [Path(n) for n in names if Path(n).exists()]
    wanted = [n for n in names if not Path(n).exists()]
    root = find_root(paths[0] if paths else None)
    result = load_specs(paths or None, root=root)
    print_problems(result.errors, "text")
    failed = bool(result.errors)
    services = result.services
    if wanted:
        known = {s.service.name for s in services}
        for name in wanted:
            if name not in known:
                error(f"no spec for service {name!r}")
                failed = True
        services = [s for s in services if s.service.name in wanted]
    return services, failed


async def run_plan(config: ClientConfig, services: Sequence[LoadedService]
                   ) -> tuple[Plan, list[Planned]]:
    async with FastlyClient(config) as client:
        return await plan_all(client, services)


def report_errors(plan: Plan) -> None:
    for problem in plan.errors:
        where = f" ({problem.path})" if problem.path else ""
        error(f"service {problem.name}{where}: {problem.message}")


@click.command()
@click.argument("services", nargs=-1)
@click.option("--out", type=click.Path(path_type=Path, dir_okay=False), default=None,
              help="Save the plan as JSON for `apply --plan`.")
@click.option("--detailed-exitcode", is_flag=True,
              help="Exit 2 when there are changes (0 none, 1 error).")
@format_option("text", "markdown", "json")
@remote_options
@guarded
def plan(services: tuple[str, ...], out: Path | None, detailed_exitcode: bool, fmt: str,
         token_file: Path | None, endpoint: str | None, concurrency: int | None) -> None:
    """Show what apply would change: per service, per object, field by field.

    SERVICE is a service name or a spec file/folder (default: every spec under services/).
    """
    loaded, failed = select_services(services)
    if not loaded and not failed:
        error("no service specs found (looked for *.yaml under services/)")
        sys.exit(1)
    config = client_config(token_file, endpoint, concurrency)
    result, _ = asyncio.run(run_plan(config, loaded))
    render(result, fmt, sys.stdout)
    report_errors(result)
    if out is not None:
        try:
            out.write_text(result.model_dump_json(indent=2) + "\n", encoding="utf-8")
        except OSError as exc:
            error(f"cannot write {out}: {exc.strerror}")
            sys.exit(1)
    if failed or result.errors:
        sys.exit(1)
    if detailed_exitcode and result.has_changes:
        sys.exit(2)
