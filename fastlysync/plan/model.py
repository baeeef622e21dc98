"""The plan: what would change, per service, in a stable JSON shape (docs/plan-schema.md).

A plan describes changes for people and machines; it never carries secret values. Apply
re-reads the real values from the spec, so a saved plan is a contract to check against,
not a payload to send.
"""

from __future__ import annotations

from typing import Any, Literal, Self

from pydantic import BaseModel, ConfigDict, Field

from ..masking import printable

PLAN_FORMAT = 1
"""Bumped only on an incompatible change to the JSON shape."""

SENSITIVE = "(sensitive)"

Action = Literal["create", "update", "delete", "rename"]
CHANGE_COUNTS = ("create", "update", "delete", "rename", "versionless")
"""Keys of a service's `counts()`: changes per action, then versionless changes."""


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")



class ElementChange(Strict):
    """One member of a collection field: a dictionary item, an ACL entry, a director backend."""

    op: Literal["add", "remove", "change"]
    key: str
    old: Any = None
    new: Any = None


class FieldChange(Strict):
    field: str
    old: Any = None
    new: Any = None
    sensitive: bool = False
    old_hash: str | None = None
    new_hash: str | None = None
    diff: str | None = None
    """Unified diff for multi-line text (VCL, snippets); `old`/`new` are then left out."""
    elements: list[ElementChange] | None = None
    """Member changes for collection fields; `old`/`new` are then left out."""


class Change(Strict):
    action: Action
    kind: str
    """A kind name from the registry, or `service` for the service's own name and comment."""
    name: str
    old_name: str | None = None
    """The name before a rename."""
    fields: list[FieldChange] = Field(default_factory=list)

    @property
    def label(self) -> str:
        return printable(f"{self.kind} {self.name}")


class ServicePlan(Strict):
    name: str
    id: str | None = None
    path: str | None = None
    environment: str | None = None
    action: Literal["create", "update", "none", "delete"]
    """`create`: no live service yet; `update`: changes pending; `none`: in step;
    `delete`: the spec retires the service (deactivate, then delete)."""
    base_version: int | None = None
    """The live version this plan was computed against."""
    base_active: bool = False
    """Whether `base_version` was the active version (else the newest, never-activated one)."""
    renamed_from: str | None = None
    """The live service's name when a spec bound by name found it under another name, by
    the spec file its version marker names (see plan/renames.py): a rename, not a new
    service. Apply needs --force, or `id:` in the spec."""
    staged_version: int | None = None
    """The version Fastly's staging environment runs (from /details), if any."""
    activate: bool = False
    """The service has never been activated: apply activates even when nothing else changes."""
    changes: list[Change] = Field(default_factory=list)
    """Versioned changes: applied to a clone of `base_version`, then activated."""
    versionless: list[Change] = Field(default_factory=list)
    """Changes that need no new version: dictionary items, ACL entries, dynamic snippet
    content, the service's name and comment."""
    notes: list[str] = Field(default_factory=list)

    @property
    def has_changes(self) -> bool:
        return self.action in ("create", "delete") or self.activate or bool(
            self.changes or self.versionless)

    def counts(self) -> dict[str, int]:
        out = dict.fromkeys(CHANGE_COUNTS, 0)
        for change in self.changes:
            out[change.action] += 1
        out["versionless"] = len(self.versionless)
        return out


class ServiceError(Strict):
    """A service that could not be planned (read failure, bad spec): one readable line."""

    name: str
    path: str | None = None
    message: str


class Report(Strict):
    """What a plan and a drift report share: per-service results and the services that
    failed, sorted, with `summary` recomputed from them. Subclasses narrow `services` and
    set their own `format_version`."""

    format_version: int
    fastlysync_version: str = ""
    endpoint: str = ""
    services: list[Any] = Field(default_factory=list)
    errors: list[ServiceError] = Field(default_factory=list)
    summary: dict[str, int] = Field(default_factory=dict)
    """Totals (as `counts()`), for readers of the JSON; recomputed, never trusted."""

    def finish(self) -> Self:
        self.services.sort(key=lambda s: (s.name, s.environment or ""))
        self.errors.sort(key=lambda e: (e.name, e.message))
        self.summary = self.counts()
        return self

    def counts(self) -> dict[str, int]:
        raise NotImplementedError

    def summed(self, keys: tuple[str, ...]) -> dict[str, int]:
        """Every service's `counts()` added up, starting from zero for each of `keys`."""
        total = dict.fromkeys(keys, 0)
        for service in self.services:
            for key, value in service.counts().items():
                total[key] += value
        return total


class Plan(Report):
    format_version: int = PLAN_FORMAT
    services: list[ServicePlan] = Field(default_factory=list)

    @property
    def has_changes(self) -> bool:
        return any(service.has_changes for service in self.services)

    def counts(self) -> dict[str, int]:
        total = self.summed(CHANGE_COUNTS)
        total["services_changed"] = sum(s.has_changes for s in self.services)
        total["services_created"] = sum(s.action == "create" for s in self.services)
        total["services_retired"] = sum(s.action == "delete" for s in self.services)
        return total

    def service(self, name: str) -> ServicePlan | None:
        return next((s for s in self.services if s.name == name), None)


def plan_json_schema() -> dict[str, Any]:
    return Plan.model_json_schema()
