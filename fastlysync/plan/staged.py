"""The version on Fastly's staging environment, as /details already lists it (no extra read).

Fastly tags each version summary with the environments running it
(`environments: [{"name": "staging", "service_id", "active_version"}]`). Plan and drift compare
production's version, so a staged version is news: one note says which version staging runs.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from ..fastly.remote import version_number

STAGING = "staging"


def staged_version(versions: Iterable[dict[str, Any]]) -> int | None:
    """The number of the version staging runs, if any (the newest, should several say so)."""
    found = [number for version in versions if isinstance(version, dict)
             and (number := version_number(version)) is not None
             and any(isinstance(env, dict) and env.get("name") == STAGING
                     for env in version.get("environments") or [])]
    return max(found, default=None)


def staged_note(staged: int, production: int | None) -> str:
    if staged == production:
        return f"version {staged} is staged (the version production runs)"
    if production is None:
        return f"version {staged} is staged (no version is active in production)"
    return (f"version {staged} is staged (on Fastly's staging environment; production runs "
            f"version {production}, which this compares against)")
