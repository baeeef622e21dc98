"""Apply many services: safety checks, the rate-limit budget, bounded parallelism.

The write budget is only known from the headers of a write answer, so services are applied
one at a time until the first answer has told us what remains; after that each service must
reserve the writes it needs before it starts, and one that does not fit is refused whole
rather than left half-done.
"""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from pathlib import Path

from ..fastly.client import FastlyClient, use_reservation
from ..fastly.marker import format_marker, git_commit, staged
from ..plan.build import Planned, logging_in_use
from .executor import ApplyOptions, ApplyOutcome, ServiceApply, estimate_writes
from .retire import retire_service
from .safety import safety_problems

PARALLEL_SERVICES = 4


def spec_source(planned: Planned) -> str:
    loaded = planned.loaded
    try:
        return str(Path(loaded.path).resolve().relative_to(Path(loaded.root).resolve()))
    except (ValueError, OSError):
        return str(loaded.path)


def version_comment(planned: Planned, commits: dict[Path, str | None]) -> str:
    folder = Path(planned.loaded.root).resolve()
    if folder not in commits:
        commits[folder] = git_commit(folder)
    return format_marker(spec_source(planned), commits[folder],
                         logging_in_use(planned.loaded.service))


async def apply_all(client: FastlyClient, planned: Sequence[Planned], *, activate: bool = True,
                    force: bool = False, parallel: int = PARALLEL_SERVICES,
                    comment: bool = True, stage: bool = False) -> list[ApplyOutcome]:
    """`stage`: the drafts are for staging (tagged so in their marker; not activated)."""
    commits: dict[Path, str | None] = {}
    outcomes: dict[int, ApplyOutcome] = {}
    slots = asyncio.Semaphore(max(1, parallel))

    async def one(index: int, item: Planned) -> None:
        async with slots:
            text = version_comment(item, commits) if comment else None
            if stage and text is not None:
                text = staged(text)
            outcomes[index] = await apply_one(client, item, activate=activate, force=force,
                                              comment=text)

    pending = []
    for index, item in enumerate(planned):
        if not item.plan.has_changes or client.budget.known():
            pending.append(one(index, item))
        else:
            await one(index, item)  # learn the budget before running services side by side
    await asyncio.gather(*pending)
    return [outcomes[i] for i in range(len(planned))]


async def apply_one(client: FastlyClient, item: Planned, *, activate: bool, force: bool,
                    comment: str | None) -> ApplyOutcome:
    plan = item.plan
    remote = item.remote
    problems = safety_problems(plan, remote.service if remote else None)
    if problems and not force:
        return ApplyOutcome(name=plan.name, ok=False, service_id=plan.id,
                            message="refused: " + "; ".join(problems) + " (use --force)")
    if plan.action == "delete":
        if not activate:
            return ApplyOutcome(name=plan.name, ok=False, service_id=plan.id,
                                message="not retired: --no-activate leaves live services as "
                                        "they are")
        return await retire_service(client, plan)
    needed = estimate_writes(plan, activate=activate, comment=comment is not None)
    reservation = client.budget.reserve(needed)
    if reservation is None:
        return ApplyOutcome(
            name=plan.name, ok=False, service_id=plan.id,
            message=(f"refused: needs {needed} API writes but only "
                     f"{client.budget.available()} remain in the rate-limit window "
                     f"(resets {client.budget.reset_text()}); nothing changed"))
    use_reservation(reservation)
    try:
        job = ServiceApply(client, plan, item.loaded.service, remote,
                           ApplyOptions(activate=activate, comment=comment),
                           reservation=reservation)
        return await job.run()
    finally:
        client.budget.release(reservation)
        use_reservation(None)
