"""`drift --account`: services in the account that no spec manages.

A scheduled drift job that checks only the specs misses the service someone made by hand in
the console. With `--account` the paginated service list (one GET per 100 services) is
compared with the services the specs resolved to; each other service becomes one
`unmanaged` item of kind `service`, so drift-ignore.yaml rules leave them out like any
other item, e.g. `- {service: "sandbox-*", kind: service, category: unmanaged}`.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

from ..fastly.client import FastlyClient
from ..fastly.remote import ServiceList, live_services
from ..plan.diff import SERVICE_KIND
from .ignore import IgnoreRules
from .model import DriftItem, ServiceDrift

MESSAGE = "no spec manages this service"


def _active(row: dict[str, Any]) -> int | None:
    for version in row.get("versions") or []:
        if isinstance(version, dict) and version.get("active"):
            return int(version["number"])
    return None


async def unmanaged_services(client: FastlyClient, managed: Collection[str],
                             rules: IgnoreRules | None = None,
                             listing: ServiceList | None = None
                             ) -> tuple[list[ServiceDrift], int]:
    """A drift entry per service whose id is not in `managed` and no rule ignores, and how
    many services rules ignored (counted, so a rule that hides too much shows)."""
    found: list[ServiceDrift] = []
    ignored = 0
    for row in await live_services(client, listing):
        sid, name = str(row["id"]), str(row.get("name") or row["id"])
        if sid in managed:
            continue
        item = DriftItem(category="unmanaged", kind=SERVICE_KIND, name=name, message=MESSAGE)
        items = [item]
        if rules is not None and rules.rules:
            items, dropped = rules.split((name, sid), items)
            ignored += len(dropped)
        if items:
            found.append(ServiceDrift(name=name, id=sid, version=_active(row), items=items,
                                      notes=[f"{MESSAGE} (type {row.get('type', 'vcl')})"]))
    return found, ignored
