"""`fastlysync activate`: put a draft made by `apply --no-activate` (or a staged version) live.

The draft is planned against the spec first: it must hold exactly what the spec says (else
the spec moved on since the draft was made, and activating it would put something unreviewed
live). What the plan still finds are the versionless changes (dictionary items, ACL entries,
dynamic snippet content, the service's name and comment) that `apply --no-activate` left
for activation: they are written right after the version goes live, as apply does.

With `stage`, the draft goes to Fastly's staging environment instead; versionless changes
would reach production too, so they wait for the production activation.
"""

from __future__ import annotations

from ..apply.executor import ApplyOptions, ApplyOutcome, ServiceApply
from ..fastly.client import FastlyClient
from ..fastly.errors import FastlyError
from ..fastly.marker import parse_marker, staged
from ..fastly.remote import ServiceRef
from ..plan.build import plan_one, read_for_spec
from ..plan.model import ServicePlan
from ..spec.loader import LoadedService
from .service import service_id_for
from .stage import mark_staged, stage_version
from .versions import LifecycleError, Version, Versions, read_versions


def pick(versions: Versions, number: int | None) -> Version:
    if number is None:
        return versions.draft()
    target = versions.get(number)
    active = versions.active
    if active is not None and number < active.number:
        raise LifecycleError(f"version {number} is older than the active version "
                             f"{active.number}: use `fastlysync rollback --to {number}`")
    return target


def described(target: Version, active: Version | None) -> str:
    """What the version to activate is: an unlocked draft, a staged version, (locked, newer
    than the active one, fastlysync's, never only staged) the version a rollback took out, or
    a version someone else locked (`fastly service version lock`), which was never active."""
    if not target.locked:
        return f"draft version {target.number}"
    if target.staged_only:
        return f"staged version {target.number}"
    if not target.by_fastlysync:
        return f"locked version {target.number} (not made by fastlysync)"
    if active is not None and target.number > active.number:
        return f"version {target.number} (active before a rollback)"
    return f"version {target.number}"


def draft_matches(plan: ServicePlan, target: Version, active: Version | None) -> None:
    if plan.changes:
        what = described(target, active)
        redo = ("make a new draft with `fastlysync apply --no-activate`, or apply"
                if what.startswith("draft") else
                "`fastlysync apply` puts the spec live as a new version")
        raise LifecycleError(f"{what} does not match the spec ({len(plan.changes)} "
                             f"change(s) since it was made): {redo}")


async def activate_service(client: FastlyClient, loaded: LoadedService, *,
                           version: int | None = None, stage: bool = False) -> ApplyOutcome:
    """Activate (or stage) one service's draft; never raises, it reports."""
    spec = loaded.service
    outcome = ApplyOutcome(name=spec.name, ok=False, message="", service_id=spec.id)
    writes = client.stats.writes
    try:
        sid = await service_id_for(client, ServiceRef(spec.name, spec.id))
        outcome.service_id = sid
        versions = await read_versions(client, sid)
        target = pick(versions, version)
        active = versions.active
        outcome.previous = active.number if active else None
        if target.active and not stage:
            outcome.ok, outcome.version = True, target.number
            outcome.message = f"version {target.number} is already active"
            return outcome
        remote = await read_for_spec(client, spec, sid, version=target.number)
        plan = plan_one(loaded, remote)
        draft_matches(plan, target, active)
        if stage:
            await _stage(client, sid, target, plan, outcome)
        else:
            outcome = await _activate(client, loaded, remote, plan, target, outcome)
    except FastlyError as exc:
        outcome.message = " ".join(str(exc).split())
    outcome.writes = client.stats.writes - writes
    return outcome


async def _stage(client: FastlyClient, sid: str, target: Version, plan: ServicePlan,
                 outcome: ApplyOutcome) -> None:
    if target.staging:
        outcome.message = f"version {target.number} is already staged"
    else:
        await mark_staged(client, sid, target)
        await stage_version(client, sid, target.number)
        outcome.message = f"version {target.number} staged"
    outcome.ok, outcome.version, outcome.draft = True, target.number, target.number
    if plan.versionless:
        outcome.message += (f"; {len(plan.versionless)} versionless change(s) wait for "
                            "`fastlysync activate` (staging shares them with production)")


async def _activate(client: FastlyClient, loaded: LoadedService, remote: object,
                    plan: ServicePlan, target: Version, outcome: ApplyOutcome) -> ApplyOutcome:
    comment = None
    if parse_marker(target.comment) is not None:
        comment = staged(target.comment or "", False)  # live in production now
    job = ServiceApply(client, plan, loaded.service, remote,  # type: ignore[arg-type]
                       ApplyOptions(activate=True, comment=comment))
    # The draft is not the version the service runs: activation must find the active
    # version still where it was read, exactly as apply checks before activating.
    job.outcome.previous = outcome.previous
    done = await job.run()
    if done.ok:
        was = f" (was {outcome.previous})" if outcome.previous else ""
        done.message = f"version {target.number} active{was}"
        if plan.versionless:
            done.message += f"; {len(plan.versionless)} versionless change(s) applied"
    return done
