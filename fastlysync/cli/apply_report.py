"""What `apply` says: one line per service as it finishes, a totals line, the interrupted
set, and the JSON document (docs/apply-output.md)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..apply.executor import ApplyOutcome
from ..apply.run import ABANDONED, NOT_STARTED
from ..plan.build import Planned
from ..plan.model import Plan, ServicePlan
from .output import plural

APPLY_OUTPUT_FORMAT = 1


@dataclass
class ApplyRun:
    """Everything an apply did, in the order services finished."""

    plan: Plan
    outcomes: list[ApplyOutcome] = field(default_factory=list)
    plans: dict[str, ServicePlan] = field(default_factory=dict)
    """Service name -> the plan it was applied with (to count what it changed)."""
    interrupted: bool = False
    exit_code: int = 130
    """128 + the signal that interrupted the run (SIGINT 130, SIGTERM 143)."""
    writes: int = 0
    """API writes the apply made (the client's count: per-service figures overlap when
    services run side by side)."""

    def add(self, item: Planned | None, outcome: ApplyOutcome) -> None:
        self.outcomes.append(outcome)
        if item is not None:
            self.plans[outcome.name] = item.plan

    @property
    def ok(self) -> bool:
        return not self.interrupted and not self.plan.errors and all(
            o.ok for o in self.outcomes)

    def named(self, predicate: Any) -> list[str]:
        return sorted(o.name for o in self.outcomes if predicate(o))

    def totals(self) -> dict[str, int]:
        done = [o for o in self.outcomes if o.ok]
        applied = [self.plans[o.name] for o in done if o.name in self.plans]
        return {
            "services": len(self.outcomes) + len(self.plan.errors),
            "applied": len(done),
            "activated": sum(o.activated for o in self.outcomes),
            "drafts": sum(o.ok and not o.activated and o.draft is not None
                          for o in self.outcomes),
            "failed": sum(not o.ok and o.message not in (NOT_STARTED, ABANDONED)
                          for o in self.outcomes) + len(self.plan.errors),
            "not_started": sum(o.message == NOT_STARTED for o in self.outcomes),
            "abandoned": sum(o.message.startswith(ABANDONED) for o in self.outcomes),
            "changes": sum(len(p.changes) for p in applied),
            "versionless": sum(len(p.versionless) for p in applied)
            - sum(o.versionless_pending for o in done),
            "writes": self.writes,
        }

    def totals_line(self) -> str:
        """Failures first, like plan's summary; versionless changes counted on their own."""
        t = self.totals()
        parts = []
        if t["failed"]:
            parts.append(f"{plural(t['failed'], 'service')} failed")
        if t["not_started"]:
            parts.append(f"{t['not_started']} not started")
        if t["abandoned"]:
            parts.append(f"{t['abandoned']} abandoned")
        parts.append(f"{t['applied']} of {plural(t['services'], 'service')} applied "
                     f"({t['activated']} activated)")
        return (f"Apply: {', '.join(parts)}; {plural(t['changes'], 'object change')} and "
                f"{plural(t['versionless'], 'versionless change')} made, "
                f"{plural(t['writes'], 'API write')}.")

    def interrupted_lines(self) -> list[str]:
        """Exactly which services got what, after an interrupt."""
        if not self.interrupted:
            return []
        groups = (
            ("activated", lambda o: o.activated),
            ("applied without a new active version",
             lambda o: o.ok and not o.activated),
            ("not started", lambda o: o.message == NOT_STARTED),
            ("abandoned, active version unchanged",
             lambda o: o.message.startswith(ABANDONED) and not o.activated),
            ("failed", lambda o: not o.ok and o.message != NOT_STARTED
             and not o.message.startswith(ABANDONED)),
        )
        lines = ["Interrupted. Services by outcome:"]
        for label, test in groups:
            names = self.named(test)
            lines.append(f"  {label} ({len(names)}): {', '.join(names) or '-'}")
        return lines

    def as_dict(self) -> dict[str, Any]:
        return {"format_version": APPLY_OUTPUT_FORMAT,
                "plan": self.plan.model_dump(mode="json"),
                "services": [o.as_dict() for o in self.outcomes],
                "totals": self.totals(), "interrupted": self.interrupted, "ok": self.ok}
