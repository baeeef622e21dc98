"""Apply many services: safety checks, the rate-limit budget, bounded parallelism.

The write budget is only known from the headers of a write answer, so services are applied
one at a time until the first answer has told us what remains; after that each service must
reserve the writes it needs before it starts, and one that does not fit is refused whole
rather than left half-done.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Coroutine, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..fastly.client import FastlyClient, use_reservation
from ..fastly.marker import format_marker, git_commit, staged
from ..plan.build import Planned, logging_in_use
from ..plan.renames import spec_source
from ..plan.safety import safety_problems
from .executor import ApplyOptions, ApplyOutcome, ServiceApply, estimate_writes
from .retire import retire_service

PARALLEL_SERVICES = 4
NOT_STARTED = "not started: interrupted before it began; nothing changed"
ABANDONED = "abandoned mid-apply (interrupted)"


@dataclass
class Interrupt:
    """How an apply is stopped from outside (the CLI's SIGINT handler).

    `drain`: start no more services; those in flight finish. `abandon`: stop those in flight
    too, at their next request (their outcome says "abandoned"; the caller reads the live
    service to say what it got)."""

    drain: asyncio.Event = field(default_factory=asyncio.Event)
    abandon: asyncio.Event = field(default_factory=asyncio.Event)


def version_comment(planned: Planned, commits: dict[Path, str | None]) -> str:
    folder = Path(planned.loaded.root).resolve()
    if folder not in commits:
        commits[folder] = git_commit(folder)
    return format_marker(spec_source(planned.loaded), commits[folder],
                         logging_in_use(planned.loaded.service))


async def apply_all(client: FastlyClient, planned: Sequence[Planned], *, activate: bool = True,
                    force: bool = False, parallel: int = PARALLEL_SERVICES,
                    comment: bool = True, stage: bool = False,
                    on_result: Callable[[Planned, ApplyOutcome], None] | None = None,
                    interrupt: Interrupt | None = None) -> list[ApplyOutcome]:
    """Apply each service; `on_result` hears each outcome as soon as it is known. `stage`:
    the drafts are for staging (tagged so in their marker; not activated)."""
    commits: dict[Path, str | None] = {}
    outcomes: dict[int, ApplyOutcome] = {}
    slots = asyncio.Semaphore(max(1, parallel))

    async def one(index: int, item: Planned) -> None:
        async with slots:
            if interrupt is not None and interrupt.drain.is_set():
                outcome = ApplyOutcome(name=item.plan.name, ok=False, message=NOT_STARTED,
                                       service_id=item.plan.id)
            else:
                text = version_comment(item, commits) if comment else None
                if stage and text is not None:
                    text = staged(text)
                job = apply_one(client, item, activate=activate, force=force, comment=text)
                outcome = await (job if interrupt is None else
                                 abandonable(job, item, interrupt))
            outcomes[index] = outcome
            if on_result is not None:
                on_result(item, outcome)

    pending = []
    # Services that exist go first: their first write tells the budget before any new
    # service must be created (a create cannot be refused once it has happened).
    for index, item in sorted(enumerate(planned), key=lambda p: p[1].plan.action == "create"):
        if not item.plan.has_changes or client.budget.known():
            pending.append(one(index, item))
        else:
            await one(index, item)  # learn the budget before running services side by side
    await asyncio.gather(*pending)
    return [outcomes[i] for i in range(len(planned))]


async def abandonable(job: Coroutine[Any, Any, ApplyOutcome], item: Planned,
                      interrupt: Interrupt) -> ApplyOutcome:
    """`job`'s outcome, unless `interrupt.abandon` comes first: then the job is cancelled
    (the executor's cleanup runs) and the outcome says so."""
    task = asyncio.ensure_future(job)
    stop = asyncio.ensure_future(interrupt.abandon.wait())
    try:
        await asyncio.wait({task, stop}, return_when=asyncio.FIRST_COMPLETED)
    finally:
        stop.cancel()
    if task.done():
        return task.result()
    task.cancel()
    try:
        return await task  # it may still have finished in the meantime
    except asyncio.CancelledError:
        return ApplyOutcome(name=item.plan.name, ok=False, message=ABANDONED,
                            service_id=item.plan.id)


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
