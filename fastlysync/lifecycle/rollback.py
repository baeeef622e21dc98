"""`fastlysync rollback`: re-activate the version before the active one (or version N).

The default target is the newest version below the active one that fastlysync made and
activated in production (its marker names it; activation locked it); `--to N` may also go
forward again to such a version, never to a draft above the active one. Before activating,
the two versions are read and diffed so the command shows the configuration the rollback
brings back, in the plan's own shape (live now -> after rollback). Dictionary items, ACL
entries and dynamic snippet content are not versioned: a rollback leaves them as they are.

Drift stays truthful afterwards: the target carries fastlysync's marker for its own number,
so drift reports only how its content differs from git (see drift/versions.py).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..fastly.client import FastlyClient
from ..fastly.errors import ApiError
from ..fastly.remote import ServiceRef, read_remote, version_path
from ..plan.build import logging_in_use
from ..plan.diff import diff
from ..plan.model import ServicePlan
from ..plan.safety import safety_problems
from ..spec.loader import LoadedService
from .service import service_id_for
from .versions import LifecycleError, Version, read_versions

UNVERSIONED_NOTE = ("dictionary items, ACL entries and dynamic snippet content are not "
                    "versioned: the rollback leaves them as they are")


@dataclass
class Rollback:
    """What a rollback would do (`plan`) and, once done, what it did."""

    name: str
    service_id: str
    current: int
    target: int
    plan: ServicePlan
    problems: list[str] = field(default_factory=list)
    """Why it needs --force (the same checks as apply)."""
    done: bool = False

    def as_dict(self) -> dict[str, object]:
        return {"name": self.name, "service_id": self.service_id,
                "from_version": self.current, "to_version": self.target,
                "rolled_back": self.done, "needs_force": self.problems,
                "changes": self.plan.model_dump(mode="json")}


async def prepare_rollback(client: FastlyClient, loaded: LoadedService,
                           to: int | None = None) -> Rollback:
    """Read the active and target versions and diff them (reads only)."""
    spec = loaded.service
    sid = await service_id_for(client, ServiceRef(spec.name, spec.id))
    versions = await read_versions(client, sid)
    active = versions.active
    if active is None:
        raise LifecycleError(f"service {spec.name} has no active version to roll back")
    target: Version = versions.previous() if to is None else versions.get(to)
    if target.number == active.number:
        raise LifecycleError(f"version {target.number} is already active")
    went_live = target.locked and target.by_fastlysync and not target.staged_only
    if target.number > active.number and not went_live:  # a draft nobody activated
        raise LifecycleError(f"version {target.number} is newer than the active version "
                             f"{active.number} and fastlysync never activated it: a rollback "
                             f"re-activates a version that was live; `fastlysync activate "
                             f"--version {target.number}` activates it if it matches the spec")
    ref = ServiceRef(spec.name, sid)
    wanted = logging_in_use(spec)
    # Versionless data is shared by every version: a rollback neither changes nor reads it.
    now = await read_remote(client, ref, logging=wanted, version=active.number,
                            detached=False)
    then = await read_remote(client, ref, logging=wanted | now.logging_read,
                             version=target.number, detached=False)
    plan = diff(then.service, now.service, secrets=loaded.secrets)
    plan.name, plan.id, plan.path = spec.name, sid, str(loaded.path)
    plan.base_version, plan.base_active = active.number, True
    plan.versionless = []  # not versioned: a rollback does not touch them
    plan.action = "update" if plan.changes else "none"
    plan.notes = [UNVERSIONED_NOTE]
    return Rollback(name=spec.name, service_id=sid, current=active.number,
                    target=target.number, plan=plan,
                    problems=safety_problems(plan, now.service))


async def run_rollback(client: FastlyClient, rollback: Rollback) -> None:
    """Activate the target, if the active version is still the one diffed against."""
    versions = await read_versions(client, rollback.service_id)
    active = versions.active
    if active is None or active.number != rollback.current:
        now = active.number if active else None
        raise LifecycleError(f"service changed meanwhile: active version is now {now} "
                             f"(expected {rollback.current}); nothing activated")
    path = f"{version_path(rollback.service_id, rollback.target)}/activate"
    try:
        await client.call("PUT", path)
    except ApiError as exc:
        raise LifecycleError(f"activation of version {rollback.target} refused: "
                             f"{exc.reason}") from None
    rollback.done = True
