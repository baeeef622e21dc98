"""What one service's apply carries between its steps, and how it reports.

The steps live in small mixins (versions.py, objects.py, versionless.py) over this state;
executor.py drives them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..fastly.client import FastlyClient, Reservation
from ..fastly.errors import FastlyError
from ..fastly.remote import RemoteService
from ..kinds import Kind, KindModel
from ..plan.model import ServicePlan
from ..spec.model import ServiceBase

CREATE_ATTEMPTS = 5
"""Tries for a create whose outcome was lost (looked up by name before each retry)."""


class ApplyFailed(FastlyError):
    pass


@dataclass
class ApplyOptions:
    activate: bool = True
    comment: str | None = None
    """The version comment to leave (written only when it differs from the clone's)."""


@dataclass
class ApplyOutcome:
    name: str
    ok: bool
    message: str
    service_id: str | None = None
    version: int | None = None
    """The version now active (or the validated draft with --no-activate)."""
    previous: int | None = None
    activated: bool = False
    draft: int | None = None
    """A draft left behind (inactive) after a failure or --no-activate."""
    writes: int = 0
    versionless_pending: int = 0
    """Versionless changes left for `fastlysync activate` (--no-activate, --stage)."""

    def as_dict(self) -> dict[str, Any]:
        return {"name": self.name, "ok": self.ok, "message": self.message,
                "service_id": self.service_id, "version": self.version,
                "previous_version": self.previous, "activated": self.activated,
                "draft": self.draft, "writes": self.writes}


def objects_by_name(kind: Kind, service: ServiceBase | None) -> dict[str, KindModel]:
    if service is None:
        return {}
    return {getattr(obj, kind.key_field): obj for obj in service.objects(kind)}


class ApplyState:
    """The state shared by the apply steps."""

    def __init__(self, client: FastlyClient, plan: ServicePlan, spec: ServiceBase,
                 remote: RemoteService | None, options: ApplyOptions, *,
                 reservation: Reservation | None = None) -> None:
        self.client = client
        self.reservation = reservation
        self.plan = plan
        self.spec = spec
        self.remote = remote
        self.options = options
        self.service_id: str | None = remote.id if remote else None
        self.draft: int | None = None
        self.new_ids: dict[tuple[str, str], str] = {}
        self.stamped = False
        """Whether the draft carries its own marker (so a later apply can reuse it)."""
        self.reused: int | None = None
        self.strays: list[int] = []
        """Extra copies a lost-then-repeated clone made (reported, never edited)."""
        self.moved_to: int | None = None
        """The active version someone else activated while this apply ran."""
        self.activation_unknown = False
        """The activation was sent, its answer lost and the service not read again: the
        draft may be active (never report it as left inactive)."""
        self.writes_before = client.stats.writes
        self.outcome = ApplyOutcome(name=plan.name, ok=False, message="",
                                    service_id=self.service_id,
                                    previous=remote.version if remote and remote.active
                                    else None)

    def _spec_object(self, kind: Kind, name: str) -> KindModel:
        if kind.singleton:
            return self.spec.objects(kind)[0]
        try:
            return objects_by_name(kind, self.spec)[name]
        except KeyError:
            raise ApplyFailed(f"{kind.name} {name} is in the plan but not in the spec") from None

    @property
    def _sid(self) -> str:
        if self.service_id is None:
            raise ApplyFailed("service id unknown")
        return self.service_id
