"""`fastlysync plan [SERVICE...]`: diff specs against the live services.

Exit codes: 0 no changes (or changes without --detailed-exitcode), 2 changes with
--detailed-exitcode, 1 on any error (bad spec, unreadable service, bad token or endpoint).
"""

from __future__ import annotations

import asyncio
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TypeVar

import click

from ..fastly.client import FastlyClient
from ..fastly.config import ClientConfig
from ..masking import mask
from ..plan.build import Planned, plan_all
from ..plan.model import Plan, Report, ServiceError
from ..plan.render import render
from ..spec import find_root, load_specs
from ..spec.errors import SpecError
from ..spec.loader import SERVICES_DIR, LoadedService
from .output import error, format_option, guarded, print_problems
from .progress import progress
from .remote import client_config, remote_options
from .terminal import use_color

R = TypeVar("R", bound=Report)


class Selection(list[LoadedService]):
    """The services a command works on, with the spec problems met loading them."""

    spec_errors: list[SpecError]


def select_services(names: Sequence[str], *, required: bool = True
                    ) -> tuple[Selection, bool]:
    """Load specs and keep those named (an argument that is a path loads that file/folder).

    Returns the services and whether any problem was reported. With `required`, finding no
    spec file at all is an error naming where we looked, and exits 1: a run over nothing
    must not look like a clean run.
    """
    paths = [Path(n) for n in names if Path(n).exists()]
    wanted = [n for n in names if not Path(n).exists()]
    root = find_root(paths[0] if paths else None)
    result = load_specs(paths or None, root=root)
    print_problems(result.errors, "text")
    if required and not result.services and not result.errors:
        where = ", ".join(map(str, paths)) if paths else str(root / SERVICES_DIR)
        error(f"no service specs found in {where} (looked for *.yaml)")
        sys.exit(1)
    failed = bool(result.errors)
    services = Selection(result.services)
    services.spec_errors = list(result.errors)
    if wanted:
        known = {s.service.name for s in services}
        for name in wanted:
            if name not in known:
                error(f"no spec for service {name!r}")
                failed = True
        services.spec_errors = []  # not about the services asked for
        services[:] = [s for s in services if s.service.name in wanted]
    return services, failed


def with_spec_errors(plan: R, spec_errors: Sequence[SpecError]) -> R:
    """`plan` (or a drift report) with the spec problems met loading the services in its
    `errors`: for JSON and markdown readers a spec that failed to load is a service that
    could not be planned."""
    for problem in spec_errors:
        plan.errors.append(ServiceError(name=Path(problem.path).stem, path=str(problem.path),
                                        message=str(problem)))
    return plan.finish()


async def run_plan(config: ClientConfig, services: Sequence[LoadedService]
                   ) -> tuple[Plan, list[Planned]]:
    """Plan `services`, with a progress display on a terminal."""
    with progress("planning", len(services)) as shown:
        async with FastlyClient(config) as client:
            return await plan_all(client, services, progress=shown.advance)


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
    if not loaded and not loaded.spec_errors:
        sys.exit(1)  # only unknown service names: already said
    config = client_config(token_file, endpoint, concurrency)
    result = asyncio.run(run_plan(config, loaded))[0] if loaded else Plan()
    report_errors(result)  # before the spec errors join it: those are printed already
    with_spec_errors(result, loaded.spec_errors)
    render(result, fmt, sys.stdout, color=use_color(sys.stdout))
    if out is not None:
        try:
            out.write_text(mask(result.model_dump_json(indent=2) + "\n"), encoding="utf-8")
        except OSError as exc:
            error(f"cannot write {out}: {exc.strerror}")
            sys.exit(1)
    if failed or result.errors:
        sys.exit(1)
    if detailed_exitcode and result.has_changes:
        sys.exit(2)
