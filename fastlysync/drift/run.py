"""Check many services for drift: the same reads as plan, concurrently, one error per service.

A service is read exactly as plan reads it (one `/details`, the logging kinds the spec or the
version marker names, versionless data), so drift costs no more than plan. A service that
cannot be read becomes one error line; the others are still checked.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Sequence

from ..fastly.client import FastlyClient, package_version
from ..fastly.errors import FastlyError
from ..fastly.remote import ServiceList, ServiceRef, resolve_ids
from ..plan.build import Planned, plan_service
from ..plan.diff import SERVICE_KIND
from ..plan.model import ServiceError
from ..plan.renames import find_renamed
from ..spec.loader import LoadedService
from .account import unmanaged_services
from .categorise import categorise
from .ignore import IgnoreRules
from .model import DriftItem, DriftReport, ServiceDrift
from .versions import rollback_note, version_drift

RETIRING = "the spec retires this service but it is still live; apply retires it"
FORCE_NOTE = "needs --force:"
"""Plan notes about apply safety; they mean nothing for drift."""


def service_drift(planned: Planned, rules: IgnoreRules | None = None) -> ServiceDrift:
    """One planned service as drift: categorised, version-checked, ignore rules applied."""
    remote = planned.remote
    assert remote is not None, "drift needs a live service"
    loaded = planned.loaded
    items = categorise(planned.plan, loaded.service, remote.service,
                       secrets=loaded.secrets)
    if planned.plan.action == "delete":
        items = [DriftItem(category="unmanaged", kind=SERVICE_KIND, name=remote.name,
                           message=RETIRING)]
    version = version_drift(remote, in_step=not items)
    notes = [n for n in planned.plan.notes if not n.startswith(FORCE_NOTE)]
    if version is not None:
        items.append(version)
    elif not items and (note := rollback_note(remote)) is not None:
        notes.append(note)
    ignored = []
    if rules is not None and rules.rules:
        items, ignored = rules.split((loaded.service.name, remote.id), items)
    return ServiceDrift(name=loaded.service.name, id=remote.id, path=str(loaded.path),
                        environment=loaded.environment, items=items,
                        version=remote.version if remote.active else None,
                        staged_version=planned.plan.staged_version,
                        ignored=len(ignored),
                        notes=notes)


async def drift_all(client: FastlyClient, services: Sequence[LoadedService], *,
                    rules: IgnoreRules | None = None,
                    progress: Callable[[], None] | None = None,
                    account: bool = False) -> DriftReport:
    """`account`: also report the account's services that none of `services` manages."""
    report = DriftReport(fastlysync_version=package_version(), endpoint=client.config.endpoint)

    def failed(loaded: LoadedService, message: str) -> None:
        report.errors.append(ServiceError(name=loaded.service.name, path=str(loaded.path),
                                          message=message))

    listing = ServiceList(client)  # read once, if at all, by whichever step needs it first
    try:
        ids = await resolve_ids(client, (ServiceRef(s.service.name, s.service.id)
                                         for s in services), listing)
        ids.update(await find_renamed(client, services, ids, listing))
    except FastlyError as exc:
        for loaded in services:
            failed(loaded, str(exc))
            if progress is not None:
                progress()
        return report.finish()

    async def one(loaded: LoadedService) -> None:
        try:
            service_id = ids.get(loaded.service.name)
            if service_id is None and not loaded.service.retire:
                failed(loaded, f"no live service named {loaded.service.name!r} "
                               "(apply creates it; drift checks services that exist)")
                return
            planned = (await plan_service(client, loaded, service_id)
                       if service_id is not None else None)
            if planned is None or planned.remote is None:  # retired (a deleted id too)
                report.services.append(ServiceDrift(
                    name=loaded.service.name, path=str(loaded.path),
                    environment=loaded.environment, notes=["retired: no live service"]))
                return
            report.services.append(service_drift(planned, rules))
        except (FastlyError, ValueError) as exc:
            failed(loaded, str(exc))
        finally:
            if progress is not None:
                progress()

    await asyncio.gather(*(one(loaded) for loaded in services))
    if account:
        try:
            managed = {i for i in ids.values() if i}
            unmanaged, report.ignored_services = await unmanaged_services(
                client, managed, rules, listing)
            report.services.extend(unmanaged)
        except FastlyError as exc:
            report.errors.append(ServiceError(name="(account)", message=str(exc)))
    return report.finish()
