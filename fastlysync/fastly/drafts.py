"""Drafts fastlysync left behind: inactive versions above the active one that carry its marker.

Fastly cannot delete a version, so an apply that stops between its clone and its activation
(a failure, `--no-activate`, a killed process) leaves a draft. Such a draft is harmless (only
the active version serves traffic) but must never go unmentioned: plan, apply and drift
report it, and the next apply reuses the newest one it stamped instead of cloning again.

Two shapes, told apart by the marker's `v=` (see marker.py):
- stamped: the marker names the draft's own number, so fastlysync wrote its comment;
- copy: the marker names another version, the one it was cloned from (the apply stopped
  before writing the comment, or someone cloned a fastlysync version in the console).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from .marker import parse_marker


@dataclass(frozen=True)
class Draft:
    number: int
    stamped: bool
    source: int | None
    """The version the marker names (its own number when stamped)."""


def _number(version: dict[str, Any]) -> int | None:
    try:
        return int(version["number"])
    except (KeyError, TypeError, ValueError):
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
        number = _number(version)
        if number is None or number <= active or version.get("locked") or version.get("active"):
            continue
        marker = parse_marker(version.get("comment"))
        if marker is None:
            continue
        found.append(Draft(number, marker.version == number, marker.version))
    return sorted(found, key=lambda d: d.number)


def reusable(drafts: Iterable[Draft]) -> Draft | None:
    """The draft the next apply edits instead of cloning: the newest one fastlysync stamped."""
    stamped = [d for d in drafts if d.stamped]
    return stamped[-1] if stamped else None


def draft_notes(service: str, drafts: list[Draft]) -> list[str]:
    """One line per draft, saying what it is and what cleans it up."""
    reuse = reusable(drafts)
    notes = []
    for draft in drafts:
        if draft is reuse:
            notes.append(
                f"draft version {draft.number} was left inactive by an earlier fastlysync apply "
                f"(failed, interrupted or --no-activate); the next apply reuses it, or "
                f"`fastlysync activate {service} --version {draft.number}` activates it as is")
        elif draft.stamped:
            notes.append(
                f"draft version {draft.number} was left inactive by an earlier fastlysync apply "
                f"and is superseded by version {reuse.number if reuse else '?'}; Fastly cannot "
                "delete versions, an inactive one serves no traffic: it needs no cleanup")
        else:
            notes.append(
                f"draft version {draft.number} is an unedited copy of version {draft.source} "
                "(a clone from an interrupted fastlysync apply, or made in the console); "
                "fastlysync never activates it; Fastly cannot delete versions and an inactive "
                "one serves no traffic: it needs no cleanup")
    return notes
