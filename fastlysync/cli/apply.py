"""`fastlysync apply [SERVICE...]`: clone, change, validate, activate.

With `--plan FILE` only what was reviewed is applied: each service is planned again and must
come out identical (same live version, same changes, same hidden-value hashes), else it is
refused with "service changed since plan". Exit 0 when every service is in step afterwards,
1 otherwise.
"""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path
from typing import Any

import click
from pydantic import ValidationError

from ..apply.executor import ApplyOutcome
from ..apply.run import apply_all
from ..fastly.client import FastlyClient
from ..fastly.config import ClientConfig
from ..lifecycle.stage import stage_outcome, unstageable
from ..plan.build import Planned, plan_all
from ..plan.model import PLAN_FORMAT, Plan, ServicePlan
from ..plan.render import render_text
from ..spec.loader import LoadedService
from .output import error, format_option, guarded, print_json
from .plan import client_config, remote_options, report_errors, select_services


def read_plan(path: Path) -> Plan:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        error(f"cannot read plan {path}: {exc.strerror}")
        sys.exit(1)
    try:
        saved = Plan.model_validate_json(text)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        error(f"{path}: not a fastlysync plan ({where}: {first['msg']})")
        sys.exit(1)
    if saved.format_version != PLAN_FORMAT:
        error(f"{path}: plan format {saved.format_version} is not supported "
              f"(this fastlysync reads {PLAN_FORMAT})")
        sys.exit(1)
    return saved


def _comparable(plan: ServicePlan) -> dict[str, Any]:
    return plan.model_dump(include={"action", "id", "base_version", "base_active", "changes",
                                    "versionless"})


def check_against(saved: Plan, fresh: list[Planned]) -> tuple[list[Planned], list[ApplyOutcome]]:
    """Keep the services whose fresh plan is exactly the saved one."""
    keep: list[Planned] = []
    refused: list[ApplyOutcome] = []
    by_name = {(p.plan.name, p.plan.environment): p for p in fresh}
    for old in saved.services:
        now = by_name.get((old.name, old.environment))
        if now is None:
            continue
        if (old.base_version, old.base_active) != (now.plan.base_version, now.plan.base_active):
            live = now.plan.base_version
            message = (f"service changed since plan: planned against version "
                       f"{old.base_version}, live is now {live}; run plan again")
        elif _comparable(old) != _comparable(now.plan):
            message = "spec or live data changed since plan; run plan again"
        else:
            keep.append(now)
            continue
        refused.append(ApplyOutcome(name=old.name, ok=False, message=message,
                                    service_id=old.id))
    return keep, refused


async def plan_phase(config: ClientConfig, services: list[LoadedService]
                     ) -> tuple[Plan, list[Planned]]:
    async with FastlyClient(config) as client:
        return await plan_all(client, services)


async def apply_phase(config: ClientConfig, planned: list[Planned], *, activate: bool,
                      force: bool, comment: bool = True, stage: bool = False
                      ) -> list[ApplyOutcome]:
    async with FastlyClient(config) as client:
        outcomes = await apply_all(client, planned, activate=activate and not stage,
                                   force=force, comment=comment, stage=stage)
        if stage:
            for outcome in outcomes:
                await stage_outcome(client, outcome)
        return outcomes


def confirm(plan: Plan) -> None:
    if not sys.stdin.isatty():
        error("refusing to apply without --auto-approve: stdin is not a terminal")
        sys.exit(1)
    render_text(plan, sys.stdout)
    if not click.confirm("Apply these changes?", default=False):
        error("apply cancelled")
        sys.exit(1)


def report(outcomes: list[ApplyOutcome], fmt: str) -> None:
    if fmt == "json":
        print_json({"services": [o.as_dict() for o in outcomes],
                    "ok": all(o.ok for o in outcomes)})
        for outcome in outcomes:
            if not outcome.ok:
                error(f"service {outcome.name}: {outcome.message}")
        return
    for outcome in outcomes:
        if outcome.ok:
            click.echo(f"service {outcome.name}: {outcome.message}")
        else:
            error(f"service {outcome.name}: {outcome.message}")


@click.command()
@click.argument("services", nargs=-1)
@click.option("--plan", "plan_file", type=click.Path(path_type=Path, dir_okay=False),
              default=None, help="Apply a plan saved by `plan --out`, only if still current.")
@click.option("--auto-approve", is_flag=True, help="Do not ask for confirmation.")
@click.option("--no-activate", is_flag=True,
              help="Leave the validated draft version inactive and print its number.")
@click.option("--stage", is_flag=True,
              help="Activate the new version on Fastly's staging environment only; "
                   "`fastlysync activate` puts it in production later.")
@click.option("--force", is_flag=True,
              help="Allow plans that delete >30% of objects, a domain or the last backend.")
@click.option("--no-version-comment", is_flag=True,
              help="Save one write per service: leave the cloned version's comment as it was. "
                   "Console clones then go unseen as version drift, and plans read every "
                   "logging kind.")
@format_option("text", "json")
@remote_options
@guarded
def apply(services: tuple[str, ...], plan_file: Path | None, auto_approve: bool,
          no_activate: bool, stage: bool, force: bool, no_version_comment: bool, fmt: str,
          token_file: Path | None, endpoint: str | None, concurrency: int | None) -> None:
    """Make the live services match their specs.

    Per service: clone the active version, make the planned changes in dependency order,
    validate, activate. Anything failing before activation leaves the active version as it
    was; a re-run converges.
    """
    saved = read_plan(plan_file) if plan_file is not None else None
    loaded, failed = select_services(services)
    if failed:
        error("not applying: fix the spec problems above first")
        sys.exit(1)
    if not loaded:
        error("no service specs found (looked for *.yaml under services/)")
        sys.exit(1)
    config = client_config(token_file, endpoint, concurrency)
    outcomes: list[ApplyOutcome] = []
    if saved is not None:
        if saved.endpoint and saved.endpoint != config.endpoint:
            error(f"{plan_file}: plan was made against {saved.endpoint}, "
                  f"not {config.endpoint}")
            sys.exit(1)
        in_plan = {(s.name, s.environment) for s in saved.services}
        for name, _env in sorted(in_plan - {(s.name, s.environment) for s in loaded},
                                key=str):
            outcomes.append(ApplyOutcome(name=name, ok=False,
                                         message="in the plan but no spec found"))
        loaded = [s for s in loaded if (s.name, s.environment) in in_plan]
    fresh, planned = asyncio.run(plan_phase(config, loaded))
    report_errors(fresh)
    if saved is not None:
        planned, refused = check_against(saved, planned)
        outcomes += refused
    todo = [p for p in planned if p.plan.has_changes]
    if stage:
        for item in [p for p in todo if unstageable(p.plan)]:
            todo.remove(item)
            outcomes.append(ApplyOutcome(name=item.plan.name, ok=False, service_id=item.plan.id,
                                         message=f"not staged: {unstageable(item.plan)}"))
    if todo and not auto_approve:
        confirm(Plan(services=[p.plan for p in todo]).finish())
    if todo:
        outcomes += asyncio.run(apply_phase(config, todo, activate=not no_activate,
                                            force=force, comment=not no_version_comment,
                                            stage=stage))
    if not todo and not outcomes and fmt == "text":
        click.echo("No changes.")
    report(outcomes, fmt)
    if fresh.errors or not all(o.ok for o in outcomes):
        sys.exit(1)
