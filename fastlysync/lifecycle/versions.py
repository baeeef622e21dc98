"""A service's version list, and which version a lifecycle command means.

One `GET /service/{id}` gives every version's number, flags and comment; the commands pick
their target from it: `activate` the newest draft above the active version, `rollback` the
newest version below it that fastlysync made and activated in production before.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..fastly.client import FastlyClient, seg
from ..fastly.errors import FastlyError
from ..fastly.marker import parse_marker


class LifecycleError(FastlyError):
    """A lifecycle command that cannot go ahead; the message says why and what to do."""


@dataclass(frozen=True)
class Version:
    number: int
    active: bool = False
    locked: bool = False
    staging: bool = False
    comment: str | None = None

    @property
    def by_fastlysync(self) -> bool:
        """Carries the marker fastlysync writes for this very version (not a copy's)."""
        marker = parse_marker(self.comment)
        return marker is not None and marker.version in (None, self.number)

    @property
    def staged_only(self) -> bool:
        """Made by fastlysync for staging and never activated in production by it."""
        marker = parse_marker(self.comment)
        return self.staging or (marker is not None and marker.staged)


@dataclass
class Versions:
    service_id: str
    name: str
    items: list[Version] = field(default_factory=list)

    @property
    def active(self) -> Version | None:
        return next((v for v in self.items if v.active), None)

    @property
    def staged(self) -> Version | None:
        return next((v for v in self.items if v.staging), None)

    def get(self, number: int) -> Version:
        found = next((v for v in self.items if v.number == number), None)
        if found is None:
            raise LifecycleError(f"service {self.name} has no version {number}")
        return found

    def draft(self) -> Version:
        """The newest version above the active one (a draft, or a staged version)."""
        floor = self.active.number if self.active else 0
        newer = [v for v in self.items if v.number > floor]
        if not newer:
            raise LifecycleError(f"service {self.name} has no version newer than the active "
                                 f"version {floor}: nothing to activate (make a draft with "
                                 "`fastlysync apply --no-activate`)")
        return max(newer, key=lambda v: v.number)

    def previous(self) -> Version:
        """The newest version below the active one that fastlysync made and activated
        (activation locks a version; a version only ever staged does not count)."""
        if self.active is None:
            raise LifecycleError(f"service {self.name} has no active version to roll back")
        older = [v for v in self.items if v.number < self.active.number and v.locked
                 and v.by_fastlysync and not v.staged_only]
        if not older:
            raise LifecycleError(f"service {self.name}: no earlier version made and activated "
                                 "by fastlysync; name one with --to N")
        return max(older, key=lambda v: v.number)


def parse_versions(data: Any, service_id: str) -> Versions:
    if not isinstance(data, dict):
        raise FastlyError(f"service {service_id}: answer is not an object")
    items = []
    for row in data.get("versions") or []:
        if not isinstance(row, dict) or row.get("number") is None:
            continue
        items.append(Version(number=int(row["number"]), active=bool(row.get("active")),
                             locked=bool(row.get("locked")), staging=bool(row.get("staging")),
                             comment=row.get("comment")))
    items.sort(key=lambda v: v.number)
    return Versions(service_id=service_id, name=str(data.get("name") or service_id),
                    items=items)


async def read_versions(client: FastlyClient, service_id: str) -> Versions:
    """One GET."""
    return parse_versions(await client.get(f"/service/{seg(service_id)}"), service_id)
