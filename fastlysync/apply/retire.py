"""Retire a service (`retire: true` in its spec): deactivate its active version, then delete.

Fastly refuses to delete a service while a version is active, so the order is fixed. Both
calls are safe to repeat: a re-run after a failure between them finds nothing active and
only deletes. The caller has already required --force (plan/safety.py). Two writes.
"""

from __future__ import annotations

from ..fastly.client import FastlyClient, seg
from ..fastly.errors import ApiError, FastlyError
from ..fastly.remote import version_path
from ..plan.model import ServicePlan
from .executor import ApplyOutcome


async def retire_service(client: FastlyClient, plan: ServicePlan) -> ApplyOutcome:
    """Never raises: the outcome says what happened."""
    outcome = ApplyOutcome(name=plan.name, ok=False, message="", service_id=plan.id)
    before = client.stats.writes
    try:
        if plan.id is None:
            raise FastlyError("service id unknown")
        data = await client.get(f"/service/{seg(plan.id)}")
        active = [int(v["number"]) for v in (data or {}).get("versions") or []
                  if isinstance(v, dict) and v.get("active")]
        for number in active:
            await client.call("PUT", f"{version_path(plan.id, number)}/deactivate")
        try:
            await client.call("DELETE", f"/service/{seg(plan.id)}")
        except ApiError as exc:
            raise FastlyError(f"deactivated, but delete refused: {exc.reason}") from None
        outcome.ok, outcome.previous = True, active[0] if active else None
        was = f" (deactivated version {active[0]})" if active else ""
        outcome.message = f"retired: service {plan.id} deleted{was}"
    except FastlyError as exc:
        outcome.message = f"retire failed: {' '.join(str(exc).split())}"
    outcome.writes = client.stats.writes - before
    return outcome
