"""Refuse dangerous plans unless --force, the way octoDNS guards deletes.

A plan is refused when it deletes more than 30% of a service's objects (services with at
least ten objects, as octoDNS does for zones), removes a domain (a rename removes the old
name too), or removes the last backend.
"""

from __future__ import annotations

from ..kinds import KINDS
from ..spec.model import ServiceBase
from .model import ServicePlan

MAX_DELETE_SHARE = 0.30
MIN_OBJECTS = 10
DOMAIN = "domain"
BACKEND = "backend"


def live_object_count(live: ServiceBase) -> int:
    return sum(len(live.objects(kind)) for kind in KINDS.values() if not kind.singleton)


def safety_problems(plan: ServicePlan, live: ServiceBase | None) -> list[str]:
    """Why this plan needs --force (empty: it does not)."""
    if live is None:
        return []
    if plan.action == "delete":
        return [f"retires (deletes) service {plan.name}"]
    problems: list[str] = []
    if plan.renamed_from is not None:
        problems.append(f"renames service {plan.renamed_from} to {plan.name} (found by the "
                        f"spec file its version marker names; `id: {plan.id}` in the spec "
                        "binds it for good)")
    total = live_object_count(live)
    deletes = sum(change.action == "delete" for change in plan.changes)
    if total >= MIN_OBJECTS and deletes > MAX_DELETE_SHARE * total:
        problems.append(f"deletes {deletes} of {total} objects "
                        f"(more than {MAX_DELETE_SHARE:.0%})")
    for change in plan.changes:
        if change.kind == DOMAIN and change.action in ("delete", "rename"):
            gone = change.old_name if change.action == "rename" else change.name
            problems.append(f"removes domain {gone}")
    if BACKEND in KINDS:
        backends = KINDS[BACKEND]
        have = len(live.objects(backends))
        after = have + sum(
            (change.action == "create") - (change.action == "delete")
            for change in plan.changes if change.kind == BACKEND)
        if have and not after:
            problems.append("removes the last backend")
    return problems
