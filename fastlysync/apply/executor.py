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

import math
from dataclasses import dataclass
from typing import Any

from ..fastly.client import FastlyClient, Reservation, seg
from ..fastly.detached import add_member, batch_ops, read_store, remove_member, write_store
from ..fastly.errors import ApiError, FastlyError, TransportError, Uncertain
from ..fastly.marker import stamp
from ..fastly.remote import RemoteService, dynamic_path, find_service_id, version_path
from ..kinds import KINDS, Kind, KindModel
from ..kinds.stores import as_map, store_for
from ..kinds.wire import form_value, from_wire, to_form
from ..plan.diff import SERVICE_KIND, canonical, compared_fields
from ..plan.model import Change, ServicePlan
from ..spec.model import ServiceBase
from .order import ordered

CREATE_ATTEMPTS = 5


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
            self.outcome.message = self._failure(" ".join(str(exc).split()))
            self.outcome.draft = self.draft
        except (ValueError, KeyError, TypeError) as exc:  # an answer we could not use
            detail = " ".join(str(exc).split())
            self.outcome.message = self._failure(f"unexpected API answer: "
                                                 f"{type(exc).__name__}: {detail}")
            self.outcome.draft = self.draft
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
            await self._create_service()
        elif self.draft is None:
            assert self.remote is not None
            await self._clone(self.remote.version)
        self._check_budget()
        draft = self.draft
        assert draft is not None
        for change in ordered(plan.changes):
            await self._change(change, draft)
        await self._versionless(created_only=True)
        await self._comment(draft)
        await self._validate(draft)
        if not self.options.activate:
            self.outcome.draft = draft
            self.outcome.version = draft
            skipped = self._versionless_pending()
            self.outcome.message = (f"validated draft version {draft}; not activated "
                                    "(--no-activate)")
            if skipped:
                self.outcome.message += f"; {skipped} versionless change(s) not applied"
            return
        locked = await self._check_active_unchanged()
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
                                f"active" + (f" (was {was})" if was else ""))

    def _check_budget(self) -> None:
        """After the first write the window is known: stop before editing the draft if the
        rest would not fit (the active version stays as it is)."""
        budget, reservation = self.client.budget, self.reservation
        if reservation is None or not budget.known() or budget.remaining is None:
            return
        if budget.remaining < reservation.left:
            raise ApplyFailed(f"rate limit: {reservation.left} more API writes needed but only "
                              f"{budget.remaining} remain (resets {budget.reset_text()})")

    def _failure(self, reason: str) -> str:
        if self.draft is None:
            return reason
        if self.outcome.previous is not None:
            return (f"{reason}; draft version {self.draft} left inactive, active version "
                    f"{self.outcome.previous} unchanged")
        return f"{reason}; draft version {self.draft} left inactive"

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
        reply = await self.client.call(
            "PUT", f"{version_path(self._sid, base)}/clone")
        try:
            self.draft = int(reply.data["number"])
        except (TypeError, KeyError, ValueError):
            raise ApplyFailed("clone response has no version number") from None

    async def _comment(self, draft: int) -> None:
        if self.options.comment is None:
            return
        wanted = stamp(self.options.comment, draft)
        current = self.remote.version_comment if self.remote is not None else None
        if wanted == current and self.plan.action != "create":
            return
        await self.client.call("PUT", version_path(self._sid, draft), form={"comment": wanted})

    async def _validate(self, draft: int) -> None:
        data = await self.client.get(f"{version_path(self._sid, draft)}/validate")
        if isinstance(data, dict) and str(data.get("status", "ok")).lower() != "ok":
            raise ApplyFailed(f"version {draft} failed validation: {_first_error(data)}")

    async def _versions(self) -> tuple[int | None, set[int]]:
        """(active version, locked versions), from one GET /service/{id}."""
        data = await self.client.get(f"/service/{seg(self._sid)}")
        active, locked = None, set()
        for version in (data or {}).get("versions") or []:
            if not isinstance(version, dict) or version.get("number") is None:
                continue
            if version.get("active"):
                active = int(version["number"])
            if version.get("locked") or version.get("active"):
                locked.add(int(version["number"]))
        return active, locked

    async def _check_active_unchanged(self) -> set[int]:
        """Stop before activating if the service moved since it was read; returns the
        versions locked (ever activated) so far, to spot a concurrent activation later."""
        now, locked = await self._versions()
        expected = self.outcome.previous
        if now != expected:
            raise ApplyFailed(f"service changed while applying: active version is now {now} "
                              f"(planned against {expected}); another apply may be running; "
                              "nothing activated, run plan again")
        return locked

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


def _first_error(data: dict[str, Any]) -> str:
    errors = data.get("errors")
    if isinstance(errors, list) and errors:
        first = errors[0]
        if isinstance(first, dict):
            return str(first.get("message") or first.get("msg") or first)
        return str(first)
    return str(data.get("msg") or "unknown error")
