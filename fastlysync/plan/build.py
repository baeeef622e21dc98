"""Plan loaded specs against live services: resolve, read, normalise, diff.

Reads run concurrently across services (the client bounds requests in flight); a service
that cannot be read becomes one error line, and the others are still planned.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from ..fastly.client import FastlyClient, package_version
from ..fastly.drafts import draft_notes, left_drafts
from ..fastly.errors import FastlyError
from ..fastly.remote import (
    RemoteService,
    ServiceList,
    ServiceNotFound,
    ServiceRef,
    read_remote,
    resolve_ids,
)
from ..kinds import KINDS, KindModel
from ..spec.loader import LoadedService
from ..spec.model import ServiceBase
from .diff import diff
from .model import Plan, ServiceError, ServicePlan
from .renames import find_renamed
from .safety import safety_problems
from .staged import staged_note, staged_version


@dataclass
class Planned:
    """One service's plan with what it was computed from (apply needs all three)."""

    loaded: LoadedService
    remote: RemoteService | None
    plan: ServicePlan


def logging_in_use(service: ServiceBase) -> set[str]:
    return {kind.name for kind in KINDS.values() if kind.logging and service.objects(kind)}


def extras_declared(service: ServiceBase) -> dict[str, KindModel | None]:
    """Kinds outside /details and logging that the spec gives (read only then), each with
    the spec's object (which products to read)."""
    return {kind.name: service.objects(kind)[0] if kind.singleton else None
            for kind in KINDS.values()
            if kind.access != "standard" and kind.spec_key in service.model_fields_set}


def contents_elsewhere(service: ServiceBase) -> frozenset[tuple[str, str]]:
    """(kind, name) of the containers whose contents the spec leaves to another system."""
    return frozenset((kind.name, getattr(obj, kind.key_field))
                     for kind in KINDS.values() if kind.storage and not kind.singleton
                     for obj in service.objects(kind) if kind.contents_elsewhere(obj))


def fill_unreadable(spec: ServiceBase, remote: RemoteService) -> list[str]:
    """Detached data the API will not show (write-only dictionaries) cannot be compared.

    While the spec keeps it write-only it is taken as equal to the spec (neither reported
    nor rewritten). When the spec makes it readable, it is planned as if empty and apply
    reads it again after activation and sends only the real differences.
    """
    notes: list[str] = []
    for kind_name, name in sorted(remote.unreadable):
        kind = KINDS[kind_name]
        live = {getattr(o, kind.key_field): o for o in remote.service.objects(kind)}.get(name)
        want = {getattr(o, kind.key_field): o for o in spec.objects(kind)}.get(name)
        if live is None or want is None:
            continue
        hidden = kind.hides(want)
        for field in sorted(kind.detached):
            setattr(live, field, getattr(want, field) if hidden else
                    type(getattr(want, field))())
        notes.append(f"{kind.name} {name}: contents cannot be read (write-only); " +
                     ("not compared" if hidden else "compared again when apply writes them"))
    return notes


def plan_one(loaded: LoadedService, remote: RemoteService | None) -> ServicePlan:
    spec = loaded.service
    if spec.retire:
        return retire_plan(loaded, remote)
    notes = fill_unreadable(spec, remote) if remote is not None else []
    plan = diff(spec, remote.service if remote is not None else None, secrets=loaded.secrets)
    plan.path = str(loaded.path)
    plan.environment = loaded.environment
    if remote is not None:
        plan.id = remote.id
        if spec.id is None and remote.name != spec.name:  # only found by renames.py
            plan.renamed_from = remote.name
        plan.base_version = remote.version
        plan.base_active = remote.active
        if not remote.active:
            plan.activate = True
            if plan.action == "none":
                plan.action = "update"
    plan.notes = notes
    if remote is not None and remote.active:
        plan.notes += draft_notes(remote.id, left_drafts(remote.versions, remote.version))
    if remote is not None:
        plan.staged_version = staged_version(remote.versions)
        if plan.staged_version is not None:
            plan.notes.append(staged_note(plan.staged_version,
                                          remote.version if remote.active else None))
    plan.notes += [f"needs --force: {problem}" for problem in
                   safety_problems(plan, remote.service if remote else None)]
    return plan


def retire_plan(loaded: LoadedService, remote: RemoteService | None) -> ServicePlan:
    """A spec with `retire: true`: delete the live service (nothing, once it is gone)."""
    plan = ServicePlan(name=loaded.service.name, path=str(loaded.path),
                       environment=loaded.environment, action="none", id=loaded.service.id)
    if remote is None:
        plan.notes = ["retired: no live service (the spec can be removed)"]
        return plan
    plan.action, plan.id = "delete", remote.id
    plan.base_version, plan.base_active = remote.version, remote.active
    plan.notes = [f"needs --force: {p}" for p in safety_problems(plan, remote.service)]
    return plan


async def read_for_spec(client: FastlyClient, spec: ServiceBase, service_id: str, *,
                        logging: set[str] | None = None, **options: Any) -> RemoteService:
    """The live service (or `version=N` of it) read as far as `spec` needs it compared: the
    logging kinds it uses, the extra kinds it declares, not the contents managed elsewhere.
    Plan, apply (a reused draft) and activate (a draft) read through here, so they compare
    the same things."""
    return await read_remote(client, ServiceRef(spec.name, service_id),
                             logging=logging_in_use(spec) | (logging or set()),
                             elsewhere=contents_elsewhere(spec),
                             extras=extras_declared(spec), **options)


async def plan_service(client: FastlyClient, loaded: LoadedService, service_id: str | None,
                       *, all_logging: bool = False) -> Planned:
    remote = None
    if service_id is not None:
        try:
            remote = await read_for_spec(client, loaded.service, service_id,
                                         all_logging=all_logging)
        except ServiceNotFound:
            if not loaded.service.retire:
                raise
            # the id a retiring spec is bound to (import writes it) is gone: retired
    return Planned(loaded, remote, plan_one(loaded, remote))


async def plan_all(client: FastlyClient, services: Sequence[LoadedService], *,
                   all_logging: bool = False, progress: Callable[[], None] | None = None
                   ) -> tuple[Plan, list[Planned]]:
    """Plan every service (a failure is recorded and the others go on); `progress` is
    called as each one finishes."""
    plan = Plan(fastlysync_version=package_version(), endpoint=client.config.endpoint)
    planned: list[Planned] = []
    listing = ServiceList(client)  # read once, if at all, by whichever step needs it first
    try:
        ids = await resolve_ids(client, (ServiceRef(s.service.name, s.service.id)
                                         for s in services), listing)
        ids.update(await find_renamed(client, services, ids, listing))
    except FastlyError as exc:
        plan.errors = [ServiceError(name=s.service.name, path=str(s.path), message=str(exc))
                       for s in services]
        return plan.finish(), planned

    async def one(loaded: LoadedService) -> None:
        try:
            planned.append(await plan_service(client, loaded, ids.get(loaded.service.name),
                                              all_logging=all_logging))
        except FastlyError as exc:
            plan.errors.append(ServiceError(name=loaded.service.name, path=str(loaded.path),
                                            message=" ".join(str(exc).split())))
        except (ValueError, KeyError, TypeError) as exc:  # an answer we could not use
            detail = " ".join(str(exc).split())
            plan.errors.append(ServiceError(
                name=loaded.service.name, path=str(loaded.path),
                message=f"unexpected API answer: {type(exc).__name__}: {detail}"))
        if progress is not None:
            progress()

    await asyncio.gather(*(one(loaded) for loaded in services))
    planned.sort(key=lambda p: (p.plan.name, p.plan.environment or ""))
    plan.services = [p.plan for p in planned]
    return plan.finish(), planned
