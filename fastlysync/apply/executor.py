"""Apply one service's plan: clone -> changes -> validate -> activate.

Values come from the spec, never from the plan (which holds no secrets). The active version
is never edited: everything happens on a clone, and anything that fails before activation
leaves the live service as it was. Fastly cannot delete versions, so a failed draft is left
inactive, marked left and reported; the next apply reuses it (see fastly/drafts.py).

Write cost: one per object change (director members one each), plus clone and activate,
plus one for the version comment (it names the version, see fastly/marker.py), plus one
PATCH per 1000 versionless items/entries. Versionless-only plans make no version at all.

The steps are mixins over one state (state.py): versions.py, objects.py, versionless.py.
"""

from __future__ import annotations

import math

from ..fastly.client import use_reservation
from ..fastly.drafts import left_drafts, reusable
from ..fastly.errors import ApiError, FastlyError, RateLimited, Uncertain
from ..masking import mask
from ..plan.diff import SERVICE_KIND
from ..plan.model import Change, ServicePlan
from ..spec.loader import sensitive_values
from .objects import ObjectSteps
from .order import ordered
from .state import ApplyFailed, ApplyOptions, ApplyOutcome, ApplyState
from .versionless import VersionlessSteps
from .versions import VersionSteps

__all__ = ["ApplyFailed", "ApplyOptions", "ApplyOutcome", "ApplyState", "ServiceApply",
           "estimate_writes"]

BUDGET_PROBE = "fastlysync-budget-probe"
"""Not a Fastly service id (those are 22 letters and digits): updating it changes nothing."""


def estimate_writes(plan: ServicePlan, *, activate: bool = True, comment: bool = True) -> int:
    """Writes an apply of `plan` will make, for the rate-limit budget check."""
    writes = 0
    if plan.action == "create":
        writes += 1
    elif plan.changes:
        writes += 1  # clone
    for change in plan.changes:
        writes += _change_writes(change)
    if plan.changes or plan.action == "create" or plan.activate:
        writes += int(activate) + int(comment)
    for change in plan.versionless:
        if change.kind == SERVICE_KIND:
            writes += 1
            continue
        for item in change.fields:
            if item.elements is not None:
                writes += math.ceil(len(item.elements) / 1000)
            else:
                writes += 1
    return writes


def _change_writes(change: Change) -> int:
    members = sum(len(f.elements or []) for f in change.fields if f.elements is not None)
    plain = [f for f in change.fields if f.elements is None]
    if change.action in ("create", "delete", "rename"):
        return 1 + members
    return int(bool(plain)) + members


class ServiceApply(VersionSteps, ObjectSteps, VersionlessSteps):
    """One service's apply; `run()` never raises, it reports."""

    # -- driver ---------------------------------------------------------------------------

    async def run(self) -> ApplyOutcome:
        try:
            await self._run()
            self.outcome.ok = True
        except FastlyError as exc:
            if isinstance(exc, RateLimited):  # no write left to mark the draft left with
                self.stamped = False
            else:
                await self._give_up()
            self.outcome.message = self._failure(" ".join(str(exc).split()))
            self.outcome.draft = self.draft
        except (ValueError, KeyError, TypeError) as exc:  # an answer we could not use
            await self._give_up()
            detail = " ".join(str(exc).split())
            self.outcome.message = self._failure(f"unexpected API answer: "
                                                 f"{type(exc).__name__}: {detail}")
            self.outcome.draft = self.draft
        # API answers echo what was sent (a credential, VCL holding a secret): masked here
        # too, for callers that print outcomes without the CLI's masking streams.
        self.outcome.message = mask(self.outcome.message, sensitive_values(self.spec))
        self.outcome.service_id = self.service_id
        self.outcome.writes = self.client.stats.writes - self.writes_before
        return self.outcome

    async def _run(self) -> None:
        plan = self.plan
        if not plan.has_changes:
            self.outcome.message = "no changes"
            self.outcome.version = self.remote.version if self.remote else None
            return
        if plan.action != "create" and not plan.changes and plan.activate:
            assert self.remote is not None
            self.draft = self.remote.version  # never activated: activate it as it is
        elif plan.action != "create" and not plan.changes:
            await self._versionless(created_only=False)
            self.outcome.version = self.remote.version if self.remote else None
            self.outcome.message = (f"{len(plan.versionless)} versionless change(s) applied; "
                                    "no new version")
            return
        if plan.action == "create":
            await self._learn_budget()
            self._check_budget()  # refused before the service exists, not half-made after
            await self._create_service()
        elif self.draft is None:
            assert self.remote is not None
            left = reusable(left_drafts(self.remote.versions, self.remote.version)
                            if self.remote.active else [])
            if left is None or not await self._reuse(left.number):
                await self._clone(self.remote.version)
        draft = self.draft
        assert draft is not None
        self._check_budget()
        await self._comment(draft)  # stamped first: a draft left behind is then recognisable
        for change in ordered(self.plan.changes):
            await self._change(change, draft)
        await self._versionless(created_only=True)
        await self._validate(draft)
        if not self.options.activate:
            self.outcome.draft = draft
            self.outcome.version = draft
            skipped = self._versionless_pending()
            self.outcome.versionless_pending = skipped
            self.outcome.message = (f"validated draft version {draft}; not activated "
                                    "(--no-activate)" + self._reuse_note())
            if skipped:
                self.outcome.message += f"; {skipped} versionless change(s) not applied"
            return
        locked = await self._check_active_unchanged(draft)
        await self._activate(draft)
        self.outcome.activated = True
        self.outcome.version = draft
        self.draft = None
        await self._settle(draft, locked)
        try:
            await self._versionless(created_only=False, skip_created=True)
        except FastlyError as exc:
            raise ApplyFailed(f"version {draft} activated, but versionless changes failed: "
                              f"{exc}; re-run apply to finish") from None
        was = self.outcome.previous
        self.outcome.message = (f"{len(plan.changes)} change(s) applied; version {draft} "
                                f"active" + (f" (was {was})" if was else "") + self._reuse_note())

    async def _learn_budget(self) -> None:
        """A new service's first write creates it, so the window must be known before: when
        no write has told it yet, one write that changes nothing (an update of a service id
        that cannot exist) asks for it. It costs one write, only when a run starts with a
        new service (apply/run.py applies existing services first, whose writes tell it).

        The write cannot be saved. Fastly sends `Fastly-RateLimit-*` only on non-GET answers
        (none of the 116 GETs in the go-fastly recordings carries them; all 367 non-GETs do),
        and a refused write still counts (two 404 DELETEs in a row there answer 9982, then
        9981 remaining), so no request is both free and informative. Letting the create tell
        the window instead would leave an empty service behind whenever the rest does not
        fit, and deleting it again may itself be refused once the window is spent."""
        if self.reservation is None or self.client.budget.known():
            return
        use_reservation(None)  # the probe is not one of the service's planned writes
        before = self.client.stats.writes
        try:
            await self.client.call("PUT", f"/service/{BUDGET_PROBE}", form={},
                                   repeatable=False)
        except (ApiError, Uncertain):
            pass  # the answer's headers are what counts; RateLimited is an ApiError too
        finally:
            use_reservation(self.reservation)
            self.writes_before += self.client.stats.writes - before  # not the service's

    def _check_budget(self) -> None:
        """After the first write the window is known: stop before editing the draft if the
        rest would not fit (the active version stays as it is)."""
        budget, reservation = self.client.budget, self.reservation
        if reservation is None or not budget.known() or budget.remaining is None:
            return
        if budget.remaining < reservation.left:
            nothing = "; the service was not created" if self.service_id is None else ""
            raise ApplyFailed(f"rate limit: {reservation.left} more API writes needed but only "
                              f"{budget.remaining} remain (resets {budget.reset_text()})"
                              + nothing)

    def _failure(self, reason: str) -> str:
        text = reason
        if self.draft is not None and not self.activation_unknown:
            text += f"; draft version {self.draft} left inactive"
            if self.stamped:
                text += " (the next apply reuses it)"
            if self.moved_to is None and self.outcome.previous is not None:
                text += f", active version {self.outcome.previous} unchanged"
        return text + self._strays_note()

    def _strays_note(self) -> str:
        if not self.strays:
            return ""
        listed = ", ".join(str(n) for n in self.strays)
        return (f"; a repeated clone also left unedited copy version(s) {listed} (inactive, "
                "serve no traffic; Fastly cannot delete versions)")

    def _reuse_note(self) -> str:
        note = (f" (reused draft version {self.reused} left by an earlier apply)"
                if self.reused is not None else "")
        return note + self._strays_note()
