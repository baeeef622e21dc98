"""Version steps of an apply: create or clone (finding a lost clone, reusing a draft left
behind), stamp, validate, check, activate and settle a race."""

from __future__ import annotations

import asyncio
import time
from typing import Any

from ..fastly.client import seg
from ..fastly.drafts import left_drafts
from ..fastly.errors import ApiError, FastlyError, TransportError, Uncertain
from ..fastly.marker import PREFIX, stamp
from ..fastly.remote import find_service_id, version_number, version_path
from ..plan.build import fill_unreadable, read_for_spec
from ..plan.diff import diff
from .state import CREATE_ATTEMPTS, ApplyFailed, ApplyState

RIVAL_POLLS = 8
RIVAL_WAIT = 0.25
"""How long (polls x seconds) an apply waits for a racing apply's lower draft to activate."""


class VersionSteps(ApplyState):
    """Create, clone or reuse the draft; stamp, validate, activate it; settle races."""

    async def _create_service(self) -> None:
        form = {"name": self.spec.name, "type": "vcl"}
        if self.spec.comment:
            form["comment"] = self.spec.comment
        data: Any = None
        for _ in range(CREATE_ATTEMPTS):
            try:
                data = (await self.client.call("POST", "/service", form=form)).data
                break
            except Uncertain:
                found = await find_service_id(self.client, self.spec.name)
                if found is not None:
                    data = await self.client.get(f"/service/{seg(found)}")
                    break
        if not isinstance(data, dict) or not data.get("id"):
            raise ApplyFailed("could not create the service")
        self.service_id = str(data["id"])
        versions = [int(v["number"]) for v in data.get("versions") or []
                    if isinstance(v, dict) and v.get("number") is not None]
        self.draft = max(versions) if versions else 1

    async def _clone(self, base: int) -> None:
        """Clone `base`. A clone is not repeatable: when its outcome is unknown, the draft the
        lost attempt may have made is looked for (a copy of `base`'s comment newer than every
        version read) before cloning again."""
        assert self.remote is not None
        known = max([base, *(n for n in (version_number(v) for v in self.remote.versions) if n)])
        for _ in range(CREATE_ATTEMPTS):
            try:
                reply = await self.client.call(
                    "PUT", f"{version_path(self._sid, base)}/clone", repeatable=False)
            except Uncertain:
                if await self._lost_clone(known):
                    return
                continue
            try:
                self.draft = int(reply.data["number"])
            except (TypeError, KeyError, ValueError):
                raise ApplyFailed("clone response has no version number") from None
            return
        raise ApplyFailed(f"could not clone version {base} ({CREATE_ATTEMPTS} attempts)")

    async def _lost_clone(self, known: int) -> bool:
        assert self.remote is not None
        comment = self.remote.version_comment or ""
        data = await self.client.get(f"/service/{seg(self._sid)}")
        copies = sorted(
            n for v in (data or {}).get("versions") or [] if isinstance(v, dict)
            and (n := version_number(v)) is not None and n > known and not v.get("locked")
            and not v.get("active") and (v.get("comment") or "") == comment)
        if not copies:
            return False
        self.draft, self.strays = copies[0], copies[1:]
        return True

    async def _reuse(self, number: int) -> bool:
        """Edit the draft an earlier apply left (stamped by it) instead of cloning again: it is
        read as it is and the spec is diffed against it, so it ends exactly as a fresh clone
        would. A draft that cannot be read as a whole (items of a dictionary the active
        version keeps write-only) is left alone and a fresh clone made instead."""
        assert self.remote is not None
        try:
            draft = await read_for_spec(self.client, self.spec, self._sid,
                                        logging=set(self.remote.logging_read), version=number)
        except ApiError:
            return False
        fill_unreadable(self.spec, draft)
        self.plan = diff(self.spec, draft.service)
        self.remote = draft
        self.draft = self.reused = number
        self.stamped = True
        return True

    async def _comment(self, draft: int) -> None:
        if self.options.comment is None:
            return
        wanted = stamp(self.options.comment, draft, left=not self.options.activate)
        current = self.remote.version_comment if self.remote is not None else None
        if wanted == current and self.plan.action != "create":
            self.stamped = True
            return
        await self.client.call("PUT", version_path(self._sid, draft), form={"comment": wanted})
        self.stamped = wanted.startswith(PREFIX)

    async def _validate(self, draft: int) -> None:
        data = await self.client.get(f"{version_path(self._sid, draft)}/validate")
        if isinstance(data, dict) and str(data.get("status", "ok")).lower() != "ok":
            raise ApplyFailed(f"version {draft} failed validation: {_first_error(data)}")

    async def _versions(self) -> tuple[int | None, set[int]]:
        """(active version, locked versions), from one GET /service/{id}."""
        data = await self.client.get(f"/service/{seg(self._sid)}")
        return _active_and_locked([v for v in (data or {}).get("versions") or []
                                   if isinstance(v, dict)])

    async def _check_active_unchanged(self, draft: int) -> set[int]:
        """Stop before activating if the service moved since it was read; returns the
        versions locked (ever activated) so far, to spot a concurrent activation later.

        Two applies racing on one service agree that the lower version number wins: while a
        fastlysync draft that another apply may still be editing (stamped, not left, not
        idle) sits between the planned version and ours, that apply may be about to
        activate, so this one waits (up to RIVAL_POLLS x RIVAL_WAIT) for it to activate
        rather than activate at the same instant.
        """
        expected = self.outcome.previous
        for poll in range(RIVAL_POLLS + 1):
            data = await self.client.get(f"/service/{seg(self._sid)}")
            versions = [v for v in (data or {}).get("versions") or [] if isinstance(v, dict)]
            now, locked = _active_and_locked(versions)
            if now != expected:
                self.moved_to = now
                raise ApplyFailed(f"service changed while applying: active version is now "
                                  f"{now} (planned against {expected}); another apply or a "
                                  f"person activated it; version {draft} not activated, run "
                                  "plan again")
            rivals = [d.number for d in left_drafts(versions, expected)
                      if d.stamped and d.number < draft and not d.idle(time.time())]
            if not rivals or poll == RIVAL_POLLS:
                return locked
            await asyncio.sleep(RIVAL_WAIT)
        return locked  # pragma: no cover (the loop always returns)

    async def _activate(self, draft: int) -> None:
        path = f"{version_path(self._sid, draft)}/activate"
        try:
            await self.client.call("PUT", path)
        except ApiError as exc:
            raise ApplyFailed(f"activation of version {draft} refused: {exc.reason}") from None
        except TransportError as exc:
            try:
                active = (await self._versions())[0]
            except FastlyError:
                self.activation_unknown = True
                raise ApplyFailed(f"activation of version {draft} got no answer ({exc}) and "
                                  "the service could not be read again: "
                                  f"version {draft} may be active; run plan") from None
            if active != draft:
                raise ApplyFailed(f"activation of version {draft} failed: {exc}") from None

    async def _settle(self, draft: int, locked_before: set[int]) -> None:
        """After activating: did another apply activate a version meanwhile?

        Both sides of such a race see each other's version newly locked and agree on one
        winner, the lower version number: the winner makes sure its version is active, the
        loser re-activates the winner's and stops. Nothing is lost: the loser's changes are
        simply not live, and its next plan shows them again.
        """
        active, locked = await self._versions()
        rivals = sorted(locked - locked_before - {draft})
        if not rivals:
            if active != draft:
                self.outcome.activated = False
                raise ApplyFailed(f"active version changed to {active} right after version "
                                  f"{draft} was activated; run plan again")
            return
        winner = min([*rivals, draft])
        if winner == draft:
            if active != draft:
                await self._activate(draft)
            return
        self.outcome.activated = False
        if active != winner:
            await self._activate(winner)
        raise ApplyFailed(f"another apply activated version {winner} at the same time and wins; "
                          f"version {draft} is not active; run plan again")

    async def _give_up(self) -> None:
        """Mark the draft left (best effort, one write) so the next apply may reuse it at
        once; unmarked, it is reused only after drafts.STALE_AFTER."""
        if self.draft is None or not self.stamped or self.options.comment is None:
            self.stamped = False
            return
        try:
            await self.client.call("PUT", version_path(self._sid, self.draft),
                                   form={"comment": stamp(self.options.comment, self.draft,
                                                          left=True)})
        except FastlyError:
            self.stamped = False  # not known to be reusable now: say nothing about reuse


def _active_and_locked(versions: list[dict[str, Any]]) -> tuple[int | None, set[int]]:
    active, locked = None, set()
    for version in versions:
        number = version_number(version)
        if number is None:
            continue
        if version.get("active"):
            active = number
        if version.get("locked") or version.get("active"):
            locked.add(number)
    return active, locked


def _first_error(data: dict[str, Any]) -> str:
    errors = data.get("errors")
    if isinstance(errors, list) and errors:
        first = errors[0]
        if isinstance(first, dict):
            return str(first.get("message") or first.get("msg") or first)
        return str(first)
    return str(data.get("msg") or "unknown error")
