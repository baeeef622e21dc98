"""The drift report: what live differs from git, sorted into categories (stable JSON shape).

Values read "git -> live": `spec` is what the repository says, `live` what Fastly holds now.
Like a plan, a report never carries a secret: sensitive values are `(sensitive)`, and text
holding a spec secret is a diff with each secret masked where it sits.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field, PrivateAttr

from ..masking import printable
from ..plan.model import Report, Strict

REPORT_FORMAT = 1

Category = Literal["changed", "unmanaged", "missing", "version", "content"]
CATEGORIES: tuple[Category, ...] = ("changed", "unmanaged", "missing", "content", "version")
"""Report order; also the keys of every summary."""

DESCRIPTIONS: dict[Category, str] = {
    "changed": "fields whose live value differs from git",
    "unmanaged": "live objects that no spec declares",
    "missing": "spec objects that are not live",
    "content": "dictionary items, ACL entries and dynamic snippet content that differ",
    "version": "the active version was not made by fastlysync (or was rolled back)",
}

VERSION_KIND = "version"
"""Pseudo-kind of version drift items (the name is the active version number)."""


class ElementDrift(Strict):
    """One member of a collection: `added` live (git lacks it), `removed` live, `changed`."""

    op: Literal["added", "removed", "changed"]
    key: str
    spec: Any = None
    live: Any = None


class DriftItem(Strict):
    category: Category
    kind: str
    """A registry kind name, `service` (its name and comment) or `version`."""
    name: str
    field: str | None = None
    """The field that differs (changed and content items); None for whole objects."""
    spec: Any = None
    live: Any = None
    sensitive: bool = False
    diff: str | None = None
    """Unified diff git -> live for multi-line text (VCL, snippets); spec/live left out."""
    elements: list[ElementDrift] | None = None
    message: str | None = None
    """Why, in words (version drift)."""

    @property
    def label(self) -> str:
        where = f"{self.kind} {self.name}"
        return printable(f"{where}.{self.field}" if self.field else where)


class ServiceDrift(Strict):
    name: str
    id: str | None = None
    path: str | None = None
    environment: str | None = None
    version: int | None = None
    """The live version compared (the active one)."""
    staged_version: int | None = None
    """The version Fastly's staging environment runs, if any."""
    items: list[DriftItem] = Field(default_factory=list)
    ignored: int = 0
    """Items dropped by ignore rules."""
    notes: list[str] = Field(default_factory=list)

    @property
    def has_drift(self) -> bool:
        return bool(self.items)

    def counts(self) -> dict[str, int]:
        out = dict.fromkeys(CATEGORIES, 0)
        for item in self.items:
            out[item.category] += 1
        return out


class DriftReport(Report):
    format_version: int = REPORT_FORMAT
    services: list[ServiceDrift] = Field(default_factory=list)
    _ignored_services: int = PrivateAttr(0)
    """Services `drift --account` left out by rules (no entry of their own to count on)."""

    @property
    def ignored_services(self) -> int:
        return self._ignored_services

    @ignored_services.setter
    def ignored_services(self, value: int) -> None:
        self._ignored_services = value

    @property
    def has_drift(self) -> bool:
        return any(service.has_drift for service in self.services)

    def counts(self) -> dict[str, int]:
        """Items per category plus services_checked, services_drifted, services_failed,
        ignored."""
        total = self.summed(CATEGORIES)
        total["services_checked"] = len(self.services)
        total["services_drifted"] = sum(s.has_drift for s in self.services)
        total["services_failed"] = len(self.errors)
        total["ignored"] = sum(s.ignored for s in self.services) + self._ignored_services
        return total
