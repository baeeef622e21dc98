"""`fastlysync apply [SERVICE...]`: clone, change, validate, activate.

With `--plan FILE` only what was reviewed is applied: each service is planned again and must
come out identical (same live version, same changes, same hidden-value hashes), else it is
refused with "service changed since plan". Exit 0 when every service is in step afterwards,
1 otherwise.
"""

from __future__ import annotations

import asyncio
import signal
import sys
from pathlib import Path
from typing import Any

import click
from pydantic import ValidationError

from ..apply.executor import ApplyOutcome
from ..apply.run import ABANDONED, NOT_STARTED, Interrupt, apply_all
from ..fastly.client import FastlyClient
from ..fastly.config import ClientConfig
from ..fastly.errors import FastlyError
from ..lifecycle.stage import stage_outcome, unstageable
from ..plan.build import Planned
from ..plan.model import PLAN_FORMAT, Plan, ServicePlan
from ..plan.render import render_text
from .apply_report import ApplyRun
from .output import error, format_option, guarded, print_json
from .plan import report_errors, run_plan, select_services
from .progress import progress
from .remote import client_config, remote_options
from .terminal import use_color


def read_plan(path: Path) -> Plan:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        error(f"cannot read plan {path}: {exc.strerror}")
        sys.exit(1)
    except UnicodeDecodeError:
        error(f"{path}: not a fastlysync plan (not UTF-8 text)")
        sys.exit(1)
    try:
        saved = Plan.model_validate_json(text)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"]) or "document"
        error(f"{path}: not a fastlysync plan ({where}: {first['msg']})")
        sys.exit(1)
    problem = _tampered(saved)
    if problem:
        error(f"{path}: not a fastlysync plan ({problem})")
        sys.exit(1)
    if saved.format_version != PLAN_FORMAT:
        error(f"{path}: plan format {saved.format_version} is not supported "
              f"(this fastlysync reads {PLAN_FORMAT})")
        sys.exit(1)
    return saved


def _tampered(saved: Plan) -> str | None:
    """What `plan --out` never writes: the defaults standing in for missing fields (`{}` would
    read as an empty plan, a green job), or a service twice (applied twice, racing itself)."""
    missing = [name for name in ("format_version", "services")
               if name not in saved.model_fields_set]
    if missing:
        return f"no {' or '.join(missing)}"
    seen: set[tuple[str, str | None]] = set()
    for service in saved.services:
        key = (service.name, service.environment)
        if key in seen:
            return f"service {service.name} is listed twice"
        seen.add(key)
    return None


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
        if old.id != now.plan.id:  # another account, or the service deleted or recreated
            message = (f"not the service planned: planned against id {old.id or '(new)'}, "
                       f"it is now {now.plan.id or 'absent'}; run plan again")
        elif (old.base_version, old.base_active) != (now.plan.base_version,
                                                     now.plan.base_active):
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


def shown(plan: Plan, planned: list[Planned]) -> Plan:
    """`plan` (what apply will do) with the unchanged services that carry notes, as `plan`
    prints them: a draft left behind is news even when another service changes."""
    quiet = [p.plan for p in planned if not p.plan.has_changes and p.plan.notes]
    if not quiet:
        return plan
    return plan.model_copy(update={"services": [*plan.services, *quiet]}).finish()


def unchanged_notes(planned: list[Planned]) -> list[str]:
    """Notes of the services with nothing to apply (a draft left behind, a staged version):
    never unmentioned, whether or not other services change."""
    return [f"  ! {item.plan.name}: {note}" for item in planned
            if not item.plan.has_changes for note in item.plan.notes]


STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM)


async def apply_phase(config: ClientConfig, planned: list[Planned], run: ApplyRun, *,
                      activate: bool, force: bool, comment: bool, fmt: str,
                      stage: bool = False) -> None:
    """Apply `planned`, streaming each outcome; Ctrl-C once drains, twice abandons. With
    `stage`, each validated draft is then activated on staging (and reported after that)."""
    interrupt = Interrupt()
    loop = asyncio.get_running_loop()
    with progress("applying", len(planned)) as shown:

        def on_signal(signum: int) -> None:
            """Ctrl-C, or SIGTERM (how CI runners and containers stop a job; its default
            action killed apply with no report): once drains, twice abandons."""
            run.interrupted = True
            run.exit_code = 128 + signum
            what, again = (("interrupted", "Ctrl-C again") if signum == signal.SIGINT
                           else ("terminated (SIGTERM)", "SIGTERM again"))
            if not interrupt.drain.is_set():
                interrupt.drain.set()
                shown.line(f"fastlysync: {what}: finishing the services in flight, "
                           f"starting no more ({again} to abandon them)", err=True)
            else:
                interrupt.abandon.set()
                shown.line(f"fastlysync: {what} again: abandoning the services in "
                           "flight", err=True)

        drafts: list[ApplyOutcome] = []

        def on_result(item: Planned, outcome: ApplyOutcome) -> None:
            run.add(item, outcome)
            shown.advance()
            if stage:
                drafts.append(outcome)  # reported once staged
            elif fmt == "text" and outcome.message != NOT_STARTED:  # listed in the summary
                shown.line(outcome_line(outcome), err=not outcome.ok)

        for signum in STOP_SIGNALS:
            loop.add_signal_handler(signum, on_signal, signum)
        try:
            async with FastlyClient(config) as client:
                await apply_all(client, planned, activate=activate and not stage, force=force,
                                comment=comment, stage=stage, on_result=on_result,
                                interrupt=interrupt)
                for outcome in drafts:
                    await stage_outcome(client, outcome)
                    if fmt == "text" and outcome.message != NOT_STARTED:
                        shown.line(outcome_line(outcome), err=not outcome.ok)
                run.writes = client.stats.writes
                await settle_abandoned(client, run, planned)
        finally:
            for signum in STOP_SIGNALS:
                loop.remove_signal_handler(signum)


async def settle_abandoned(client: FastlyClient, run: ApplyRun,
                           planned: list[Planned]) -> None:
    """For each abandoned service, read which version is live: an activation sent just
    before the interrupt may have gone through, and the report must say so exactly."""
    base = {p.plan.name: p.plan.base_version for p in planned}
    for outcome in run.outcomes:
        if not outcome.message.startswith(ABANDONED) or outcome.service_id is None:
            continue
        try:
            info = await client.get(f"/service/{outcome.service_id}")
        except FastlyError as exc:
            outcome.message = f"{ABANDONED}; could not read the live version: {exc}"
            continue
        active = next((v.get("number") for v in info.get("versions", [])
                       if v.get("active")), None)
        if active is not None and active != base.get(outcome.name):
            outcome.activated, outcome.version = True, active
            outcome.message = f"{ABANDONED}; version {active} is active (it went through)"
        elif active is None:
            outcome.message = (f"{ABANDONED}; no version active (a new service left "
                               "inactive)")
        else:
            outcome.message = (f"{ABANDONED}; version {active} still active, nothing "
                               "activated (an inactive draft may be left)")


def outcome_line(outcome: ApplyOutcome) -> str:
    text = f"service {outcome.name}: {outcome.message}"
    return text if outcome.ok else f"fastlysync: {text}"


def confirm() -> None:
    if not sys.stdin.isatty():
        error("refusing to apply without --auto-approve: stdin is not a terminal")
        sys.exit(1)
    if not click.confirm("Apply these changes?", default=False):
        error("apply cancelled")
        sys.exit(1)


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
        sys.exit(1)  # only unknown service names: already said
    config = client_config(token_file, endpoint, concurrency)
    early: list[ApplyOutcome] = []
    if saved is not None:
        if saved.endpoint != config.endpoint:  # an empty one too: never guess the account
            error(f"{plan_file}: plan was made against {saved.endpoint or '(no endpoint)'}, "
                  f"not {config.endpoint}")
            sys.exit(1)
        in_plan = {(s.name, s.environment) for s in saved.services}
        for name, _env in sorted(in_plan - {(s.name, s.environment) for s in loaded},
                                key=str):
            early.append(ApplyOutcome(name=name, ok=False,
                                      message="in the plan but no spec found"))
        loaded[:] = [s for s in loaded if (s.name, s.environment) in in_plan]
    fresh, planned = asyncio.run(run_plan(config, loaded))
    report_errors(fresh)
    if saved is not None:
        planned, refused = check_against(saved, planned)
        early += refused
    todo = [p for p in planned if p.plan.has_changes]
    run = ApplyRun(plan=Plan(services=[p.plan for p in todo], errors=fresh.errors,
                             fastlysync_version=fresh.fastlysync_version,
                             endpoint=fresh.endpoint).finish())
    for outcome in early:
        run.add(None, outcome)
        if fmt == "text":
            click.echo(outcome_line(outcome), err=True)
    if fmt == "text" and (todo or fresh.errors):
        # what is about to be executed, also with --auto-approve: the log is the audit trail
        render_text(shown(run.plan, planned), sys.stdout, color=use_color(sys.stdout))
    if stage:
        for item in [p for p in todo if unstageable(p.plan)]:
            todo.remove(item)
            refusal = ApplyOutcome(name=item.plan.name, ok=False, service_id=item.plan.id,
                                   message=f"not staged: {unstageable(item.plan)}")
            run.add(item, refusal)
            if fmt == "text":
                click.echo(outcome_line(refusal), err=True)
    if todo and not auto_approve:
        if fmt != "text":  # stdout is for the JSON document; the reviewer reads stderr
            render_text(run.plan, sys.stderr, color=use_color(sys.stderr))
        confirm()
    if todo:
        asyncio.run(apply_phase(config, todo, run, activate=not no_activate, force=force,
                                comment=not no_version_comment, fmt=fmt, stage=stage))
    if fmt == "json":
        print_json(run.as_dict())
    elif not todo and not run.outcomes and not fresh.errors:
        click.echo("No changes.")
        for line in unchanged_notes(planned):
            click.echo(line)
    else:
        for line in run.interrupted_lines():
            click.echo(line)
        click.echo(run.totals_line())
    if run.interrupted:
        sys.exit(run.exit_code)
    if not run.ok:
        sys.exit(1)
