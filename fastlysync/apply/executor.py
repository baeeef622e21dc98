"""Apply one service's plan: clone -> changes -> validate -> activate.

Values come from the spec, never from the plan (which holds no secrets). The active version
is never edited: everything happens on a clone, and anything that fails before activation
leaves the live service as it was. Fastly cannot delete versions, so a failed draft is left
inactive and reported; a re-run clones the active version again and converges.

Write cost: one per object change (director members one each), plus clone and activate,
plus one for the version comment (it names the version, see fastly/marker.py), plus one
PATCH per 1000 versionless
items/entries. Versionless-only plans make no version at all.
"""

from __future__ import annotations

import asyncio
import math
import time
from dataclasses import dataclass
from typing import Any

from ..fastly.client import FastlyClient, Reservation, seg, use_reservation
from ..fastly.detached import add_member, batch_ops, read_store, remove_member, write_store
from ..fastly.drafts import left_drafts, reusable
from ..fastly.errors import ApiError, FastlyError, TransportError, Uncertain
from ..fastly.marker import PREFIX, stamp
from ..fastly.remote import (
    RemoteService,
    ServiceRef,
    dynamic_path,
    find_service_id,
    read_remote,
    version_path,
)
from ..kinds import KINDS, Kind, KindModel
from ..kinds.wire import form_value, from_wire, to_form
from ..masking import mask
from ..plan.build import fill_unreadable, logging_in_use
from ..plan.diff import SERVICE_KIND, canonical, compared_fields, diff
from ..plan.model import Change, ServicePlan
from ..plan.stores import as_map, store_for
from ..spec.loader import sensitive_values
from ..spec.model import ServiceBase
from .order import ordered

CREATE_ATTEMPTS = 5
BUDGET_PROBE = "fastlysync-budget-probe"
"""Not a Fastly service id (those are 22 letters and digits): updating it changes nothing."""
RIVAL_POLLS = 8
RIVAL_WAIT = 0.25
"""How long (polls x seconds) an apply waits for a racing apply's lower draft to activate."""


class ApplyFailed(FastlyError):
    pass


@dataclass
class ApplyOptions:
    activate: bool = True
    comment: str | None = None
    """The version comment to leave (written only when it differs from the clone's)."""


@dataclass
class ApplyOutcome:
    name: str
    ok: bool
    message: str
    service_id: str | None = None
    version: int | None = None
    """The version now active (or the validated draft with --no-activate)."""
    previous: int | None = None
    activated: bool = False
    draft: int | None = None
    """A draft left behind (inactive) after a failure or --no-activate."""
    writes: int = 0

    def as_dict(self) -> dict[str, Any]:
        return {"name": self.name, "ok": self.ok, "message": self.message,
                "service_id": self.service_id, "version": self.version,
                "previous_version": self.previous, "activated": self.activated,
                "draft": self.draft, "writes": self.writes}


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


def _objects_by_name(kind: Kind, service: ServiceBase | None) -> dict[str, KindModel]:
    if service is None:
        return {}
    return {getattr(obj, kind.key_field): obj for obj in service.objects(kind)}


class ServiceApply:
    """One service's apply; `run()` never raises, it reports."""

    def __init__(self, client: FastlyClient, plan: ServicePlan, spec: ServiceBase,
                 remote: RemoteService | None, options: ApplyOptions, *,
                 reservation: Reservation | None = None) -> None:
        self.client = client
        self.reservation = reservation
        self.plan = plan
        self.spec = spec
        self.remote = remote
        self.options = options
        self.service_id: str | None = remote.id if remote else None
        self.draft: int | None = None
        self.new_ids: dict[tuple[str, str], str] = {}
        self.stamped = False
        """Whether the draft carries its own marker (so a later apply can reuse it)."""
        self.reused: int | None = None
        self.strays: list[int] = []
        """Extra copies a lost-then-repeated clone made (reported, never edited)."""
        self.moved_to: int | None = None
        """The active version someone else activated while this apply ran."""
        self.writes_before = client.stats.writes
        self.outcome = ApplyOutcome(name=plan.name, ok=False, message="",
                                    service_id=self.service_id,
                                    previous=remote.version if remote and remote.active
                                    else None)

    # -- driver ---------------------------------------------------------------------------

    async def run(self) -> ApplyOutcome:
        try:
            await self._run()
            self.outcome.ok = True
        except FastlyError as exc:
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
        new service."""
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

    async def _give_up(self) -> None:
        """Mark the draft left (best effort, one write) so the next apply may reuse it at
        once; unmarked, it is reused only after drafts.STALE_AFTER."""
        if self.draft is None or not self.stamped or self.options.comment is None:
            return
        try:
            await self.client.call("PUT", version_path(self._sid, self.draft),
                                   form={"comment": stamp(self.options.comment, self.draft,
                                                          left=True)})
        except FastlyError:
            self.stamped = False  # not known to be reusable now: say nothing about reuse

    def _failure(self, reason: str) -> str:
        text = reason
        if self.draft is not None:
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

    # -- versions -------------------------------------------------------------------------

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
        known = max([base, *(n for n in (_number(v) for v in self.remote.versions) if n)])
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
            and (n := _number(v)) is not None and n > known and not v.get("locked")
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
        logging = logging_in_use(self.spec) | set(self.remote.logging_read)
        try:
            draft = await read_remote(self.client, ServiceRef(self.spec.name, self._sid),
                                      logging=logging, version=number)
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
            raise ApplyFailed(f"activation of version {draft} refused: {exc.msg}"
                              + (f" ({exc.detail})" if exc.detail else "")) from None
        except TransportError as exc:
            if (await self._versions())[0] != draft:
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

    # -- versioned changes ----------------------------------------------------------------

    async def _change(self, change: Change, draft: int) -> None:
        kind = KINDS[change.kind]
        want = self._spec_object(kind, change.name) if change.action != "delete" else None
        if change.action == "delete":
            await self._delete(kind, change.name, draft)
        elif change.action == "create":
            await self._create(kind, change.name, want, draft)
        else:
            fields = [f.field for f in change.fields
                      if f.elements is None and f.field != kind.key_field]
            if change.action == "rename":
                assert change.old_name is not None
                await self._rename(kind, change.old_name, change.name, want, fields, draft)
            elif fields:
                await self._update(kind, change.name, want, fields, draft)
        for item in change.fields:
            if item.elements is not None and store_for(kind, item.field).versioned:
                await self._members(kind, change, item.field, draft)

    def _spec_object(self, kind: Kind, name: str) -> KindModel:
        if kind.singleton:
            return self.spec.objects(kind)[0]
        try:
            return _objects_by_name(kind, self.spec)[name]
        except KeyError:
            raise ApplyFailed(f"{kind.name} {name} is in the plan but not in the spec") from None

    def _object_path(self, kind: Kind, name: str | None, draft: int) -> str:
        base = f"{version_path(self._sid, draft)}/{kind.api_path}"
        return base if name is None or kind.singleton else f"{base}/{seg(name)}"

    async def _create(self, kind: Kind, name: str, want: KindModel, draft: int) -> None:
        values = {f: getattr(want, f) for f in kind.api_fields()}
        form = to_form(kind, {f: v for f, v in values.items() if v is not None})
        path = self._object_path(kind, None, draft)
        for _ in range(CREATE_ATTEMPTS):
            try:
                reply = await self.client.call("POST", path, form=form)
                self._remember_id(kind, name, reply.data)
                return
            except Uncertain:
                pass
            except ApiError as exc:
                if not exc.duplicate:
                    raise
            # The create may have happened: look by name before sending it again.
            live = await self._get(self._object_path(kind, name, draft))
            if live is not None:
                self._remember_id(kind, name, live)
                if not self._same(kind, live, want):
                    await self._update(kind, name, want, kind.api_fields(), draft)
                return
        raise ApplyFailed(f"could not create {kind.name} {name}")

    def _remember_id(self, kind: Kind, name: str, data: Any) -> None:
        if kind.has_id and isinstance(data, dict) and data.get("id") is not None:
            self.new_ids[(kind.name, name)] = str(data["id"])

    def _same(self, kind: Kind, live: dict[str, Any], want: KindModel) -> bool:
        try:
            have = from_wire(kind, live)
        except ValueError:
            return False
        fields = [f for f in compared_fields(kind) if f not in kind.detached]
        return all(canonical(getattr(have, f)) == canonical(getattr(want, f)) for f in fields)

    async def _get(self, path: str) -> dict[str, Any] | None:
        try:
            data = await self.client.get(path)
        except ApiError as exc:
            if exc.not_found:
                return None
            raise
        return data if isinstance(data, dict) else None

    async def _update(self, kind: Kind, name: str, want: KindModel, fields: list[str],
                      draft: int) -> None:
        values = {f: getattr(want, f) for f in fields
                  if f not in kind.detached and f not in kind.spec_only}
        await self.client.call("PUT", self._object_path(kind, name, draft),
                               form=to_form(kind, values))

    async def _rename(self, kind: Kind, old: str, new: str, want: KindModel,
                      fields: list[str], draft: int) -> None:
        values = {f: getattr(want, f) for f in fields
                  if f not in kind.detached and f not in kind.spec_only}
        form = to_form(kind, values)
        form[kind.key_field] = form_value(new)
        try:
            await self.client.call("PUT", self._object_path(kind, old, draft), form=form)
        except ApiError as exc:
            # A repeated PUT finds the old name gone when the first one did rename it.
            if not (exc.not_found and exc.repeated
                    and await self._get(self._object_path(kind, new, draft)) is not None):
                raise

    async def _delete(self, kind: Kind, name: str, draft: int) -> None:
        try:
            await self.client.call("DELETE", self._object_path(kind, name, draft))
        except ApiError as exc:
            if not exc.not_found:
                raise

    async def _members(self, kind: Kind, change: Change, field_name: str, draft: int) -> None:
        store = store_for(kind, field_name)
        want = as_map(store, getattr(self._spec_object(kind, change.name), field_name))
        old_name = change.old_name or change.name
        live_obj = _objects_by_name(kind, self.remote.service if self.remote else None).get(
            old_name) if change.action != "create" else None
        have = as_map(store, getattr(live_obj, field_name) if live_obj is not None else None)
        for member in sorted(set(have) - set(want)):
            await remove_member(self.client, self._sid, draft, kind, change.name, member)
        for member in sorted(set(want) - set(have)):
            await add_member(self.client, self._sid, draft, kind, change.name, member)

    # -- versionless changes --------------------------------------------------------------

    def _created(self, kind: str, name: str) -> bool:
        return any(c.action == "create" and c.kind == kind and c.name == name
                   for c in self.plan.changes) or self.plan.action == "create"

    def _versionless_pending(self) -> int:
        return sum(not self._created(c.kind, c.name) for c in self.plan.versionless)

    async def _versionless(self, *, created_only: bool, skip_created: bool = False) -> None:
        for change in self.plan.versionless:
            created = change.kind != SERVICE_KIND and self._created(change.kind, change.name)
            if (created_only and not created) or (skip_created and created):
                continue
            if change.kind == SERVICE_KIND:
                await self._service_fields(change)
                continue
            kind = KINDS[change.kind]
            for item in change.fields:
                if item.field in kind.detached:
                    await self._store(kind, change, item.field, created)
                elif kind.dynamic is not None and item.field == kind.dynamic.field:
                    await self._dynamic(kind, change)

    async def _service_fields(self, change: Change) -> None:
        form = {f.field: form_value(getattr(self.spec, f.field)) for f in change.fields}
        await self.client.call("PUT", f"/service/{seg(self._sid)}", form=form)

    def _id_of(self, kind: Kind, change: Change) -> str:
        object_id = self.new_ids.get((kind.name, change.name))
        if object_id is None and self.remote is not None:
            renamed = next((c.old_name for c in self.plan.changes if c.action == "rename"
                            and c.kind == kind.name and c.name == change.name), None)
            object_id = self.remote.object_id(kind, renamed or change.name)
        if object_id is None:
            raise ApplyFailed(f"{kind.name} {change.name}: id unknown, cannot write its data")
        return object_id

    async def _store(self, kind: Kind, change: Change, field_name: str, created: bool) -> None:
        store = store_for(kind, field_name)
        spec_obj = self._spec_object(kind, change.name)
        want = getattr(spec_obj, field_name)
        live: Any = None
        ids: dict[str, str] = {}
        if not created and self.remote is not None:
            renamed = next((c.old_name for c in self.plan.changes if c.action == "rename"
                            and c.kind == kind.name and c.name == change.name), None)
            live_obj = _objects_by_name(kind, self.remote.service).get(renamed or change.name)
            live = getattr(live_obj, field_name) if live_obj is not None else None
            ids = self.remote.entry_ids.get(renamed or change.name, {})
            hidden = kind.hides(spec_obj)  # never read back: upsert what the spec holds
            if (kind.name, renamed or change.name) in self.remote.unreadable and not hidden:
                live, ids = await read_store(self.client, self._sid, kind,
                                             self._id_of(kind, change), store)
        if not batch_ops(store, live, want, ids):
            return
        await write_store(self.client, self._sid, kind, self._id_of(kind, change), store,
                          live, want, ids, readable=not kind.hides(spec_obj))

    async def _dynamic(self, kind: Kind, change: Change) -> None:
        want = self._spec_object(kind, change.name)
        assert kind.dynamic is not None
        field = kind.dynamic.field
        await self.client.call("PUT", dynamic_path(self._sid, kind, self._id_of(kind, change)),
                               form={field: form_value(getattr(want, field))})

    @property
    def _sid(self) -> str:
        if self.service_id is None:
            raise ApplyFailed("service id unknown")
        return self.service_id


def _number(version: dict[str, Any]) -> int | None:
    try:
        return int(version["number"])
    except (KeyError, TypeError, ValueError):
        return None


def _active_and_locked(versions: list[dict[str, Any]]) -> tuple[int | None, set[int]]:
    active, locked = None, set()
    for version in versions:
        number = _number(version)
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
