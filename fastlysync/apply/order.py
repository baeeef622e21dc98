"""The order versioned changes are made in.

Per kind in registry order (what others refer to first: conditions and healthchecks before
backends, backends before directors): renames, then creates, then updates, so a reference
always names something that already exists. Deletes come last, in reverse registry order, so
nothing is deleted while a remaining object still refers to it.
"""

from __future__ import annotations

from ..kinds import KINDS
from ..plan.model import Change

PHASE = {"rename": 0, "create": 1, "update": 2}


def _rank(kind: str) -> int:
    names = list(KINDS)
    return names.index(kind) if kind in names else len(names)


def ordered(changes: list[Change]) -> list[Change]:
    forward = sorted((c for c in changes if c.action != "delete"),
                     key=lambda c: (_rank(c.kind), PHASE[c.action], c.name))
    deletes = sorted((c for c in changes if c.action == "delete"),
                     key=lambda c: (-_rank(c.kind), c.name))
    return forward + deletes
