"""Fastly's staging environment: `PUT /service/{id}/version/{n}/activate/staging`.

A staged version runs on Fastly's staging IPs beside the production version, so a change
can be previewed before it goes live. Staging compiles and locks the version. Versionless
data (dictionary items, ACL entries, dynamic snippet content) is shared by staging and
production, so staging never writes it: `fastlysync activate` does, with production.
"""

from __future__ import annotations

from ..apply.executor import ApplyOutcome
from ..fastly.client import FastlyClient
from ..fastly.errors import ApiError, FastlyError
from ..fastly.marker import staged
from ..fastly.remote import version_path
from ..plan.model import ServicePlan
from .versions import LifecycleError, Version

STAGING = "staging"


async def stage_version(client: FastlyClient, service_id: str, number: int) -> None:
    """Activate version `number` on staging (one write)."""
    try:
        await client.call("PUT", f"{version_path(service_id, number)}/activate/{STAGING}")
    except ApiError as exc:
        raise LifecycleError(f"staging of version {number} refused: {exc.reason}") from None


async def mark_staged(client: FastlyClient, service_id: str, version: Version,
                      on: bool = True) -> None:
    """Tag (or untag) the version's fastlysync marker as staged; no write when it already
    says so, or when the comment is not fastlysync's."""
    comment = version.comment or ""
    wanted = staged(comment, on)
    if wanted != comment:
        await client.call("PUT", version_path(service_id, version.number),
                          form={"comment": wanted})


def unstageable(plan: ServicePlan) -> str | None:
    """Why `apply --stage` cannot stage this plan (None: it can)."""
    if plan.action == "delete":
        return "retiring a service cannot be staged; apply without --stage"
    if plan.action == "create":
        return ("a new service cannot be staged before it has a production version; "
                "apply without --stage first")
    if not plan.changes and plan.versionless:
        return ("only versionless changes, which staging shares with production: nothing "
                "to stage; apply without --stage")
    return None


async def stage_outcome(client: FastlyClient, outcome: ApplyOutcome) -> None:
    """Stage the validated draft an `apply --no-activate` left (ok outcomes with a draft)."""
    if not outcome.ok or outcome.draft is None or outcome.service_id is None:
        return
    before = client.stats.writes
    try:
        await stage_version(client, outcome.service_id, outcome.draft)
    except FastlyError as exc:
        outcome.ok = False
        outcome.message = f"validated draft version {outcome.draft} but {exc}"
    else:
        pending = outcome.message.partition("(--no-activate)")[2]
        was = f" {outcome.previous}" if outcome.previous else ""
        outcome.message = (f"version {outcome.draft} staged; production still runs "
                           f"version{was or ' (none)'}{pending}")
    outcome.writes += client.stats.writes - before
