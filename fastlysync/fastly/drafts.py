"""Drafts fastlysync left behind: inactive versions above the active one that carry its marker.

Fastly cannot delete a version, so an apply that stops between its clone and its activation
(a failure, `--no-activate`, a killed process) leaves a draft. Such a draft is harmless (only
the active version serves traffic) but must never go unmentioned: plan, apply and drift
report it, and a later apply reuses the newest one it stamped instead of cloning again.

A draft is only reused when no apply can still be working on it: its apply marked it `left`
(it failed, or `--no-activate`), or it has not changed for STALE_AFTER (a killed apply
cannot say goodbye). A draft of an apply that is still running is never touched: two applies
editing one draft would activate a mix of both specs.

Two shapes, told apart by the marker's `v=` (see marker.py):
- stamped: the marker names the draft's own number, so fastlysync wrote its comment;
- copy: the marker names another version, the one it was cloned from (the apply stopped
  before writing the comment, or someone cloned a fastlysync version in the console).
"""

from __future__ import annotations

import calendar
import time
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from .marker import parse_marker
from .remote import version_number


@dataclass(frozen=True)
class Draft:
    number: int
    stamped: bool
    source: int | None
    """The version the marker names (its own number when stamped)."""
    left: bool = False
    """Its apply gave it up (failed or --no-activate)."""
    updated: float | None = None
    """When it last changed (epoch seconds), if the API said."""

    def idle(self, now: float) -> bool:
        """No apply can still be working on it."""
        return self.left or (self.updated is not None and now - self.updated >= STALE_AFTER)


STALE_AFTER = 15 * 60
"""Seconds a draft must stay unchanged before an apply that did not mark it left counts as
gone (far longer than any apply takes between its clone and its activation)."""


def _epoch(text: Any) -> float | None:
    try:
        return float(calendar.timegm(time.strptime(str(text), "%Y-%m-%dT%H:%M:%SZ")))
    except ValueError:
        return None


def left_drafts(versions: Iterable[dict[str, Any]], active: int | None) -> list[Draft]:
    """fastlysync drafts newer than the `active` version, oldest first.

    With no active version there is nothing to compare against: the newest version is the
    one a plan activates, so nothing counts as left behind.
    """
    if active is None:
        return []
    found = []
    for version in versions:
        if not isinstance(version, dict):
            continue
        number = version_number(version)
        if number is None or number <= active or version.get("locked") or version.get("active"):
            continue
        marker = parse_marker(version.get("comment"))
        if marker is None:
            continue
        found.append(Draft(number, marker.version == number, marker.version, marker.left,
                           _epoch(version.get("updated_at"))))
    return sorted(found, key=lambda d: d.number)


def reusable(drafts: Iterable[Draft], now: float | None = None) -> Draft | None:
    """The draft the next apply edits instead of cloning: the newest one fastlysync stamped,
    if no apply can still be working on it."""
    now = time.time() if now is None else now
    stamped = [d for d in drafts if d.stamped]
    return stamped[-1] if stamped and stamped[-1].idle(now) else None


def draft_notes(service_id: str, drafts: list[Draft], now: float | None = None) -> list[str]:
    """One line per draft, saying what it is and what cleans it up."""
    now = time.time() if now is None else now
    reuse = reusable(drafts, now)
    newest = max((d.number for d in drafts if d.stamped), default=None)
    activate = ("`fastlysync activate SERVICE --version {n}` activates it while it matches the "
                f"spec (`fastly service-version activate --service-id {service_id} --version "
                "{n}` as it is)")
    notes = []
    for draft in drafts:
        if draft is reuse:
            notes.append(
                f"draft version {draft.number} was left inactive by an earlier fastlysync apply "
                f"(failed, interrupted or --no-activate); the next apply reuses it, or "
                + activate.format(n=draft.number))
        elif draft.stamped and draft.number == newest:
            minutes = STALE_AFTER // 60
            notes.append(
                f"draft version {draft.number} was made by a fastlysync apply that is still "
                f"running or was interrupted; once it has been unchanged for {minutes} minutes "
                "the next apply reuses it (until then applies clone afresh), or "
                + activate.format(n=draft.number))
        elif draft.stamped:
            notes.append(
                f"draft version {draft.number} was left inactive by an earlier fastlysync apply "
                f"and is superseded by version {newest}; Fastly cannot delete versions, an "
                "inactive one serves no traffic: it needs no cleanup")
        else:
            notes.append(
                f"draft version {draft.number} is an unedited copy of version {draft.source} "
                "(a clone from an interrupted fastlysync apply, or made in the console); "
                "fastlysync never activates it; Fastly cannot delete versions and an inactive "
                "one serves no traffic: it needs no cleanup")
    return notes
