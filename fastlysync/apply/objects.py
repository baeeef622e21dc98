"""Versioned object steps of an apply: create, update, rename, delete, director members.

Creates are not repeatable: a create whose answer was lost is looked up by name first.
"""

from __future__ import annotations

from typing import Any

from ..fastly import extras
from ..fastly.client import seg
from ..fastly.detached import add_member, remove_member
from ..fastly.errors import ApiError, BadResponse, Uncertain
from ..fastly.remote import version_path
from ..kinds import KINDS, Kind, KindModel
from ..kinds.stores import as_map, store_for
from ..kinds.wire import form_value, from_wire, to_form
from ..plan.diff import canonical, compared_fields
from ..plan.model import Change
from .state import CREATE_ATTEMPTS, ApplyFailed, ApplyState, objects_by_name


class ObjectSteps(ApplyState):
    """Write the planned changes of versioned objects into the draft."""

    async def _change(self, change: Change, draft: int) -> None:
        kind = KINDS[change.kind]
        want = self._spec_object(kind, change.name) if change.action != "delete" else None
        if kind.access != "standard":  # http3, rate limiters... (fastly/extras.py)
            await extras.write_change(self.client, kind, self._sid, draft, change.action,
                                      change.name, change.old_name, want,
                                      [f.field for f in change.fields])
            return
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

    def _object_path(self, kind: Kind, name: str | None, draft: int) -> str:
        base = f"{version_path(self._sid, draft)}/{kind.api_path}"
        return base if name is None or kind.singleton else f"{base}/{seg(name)}"

    async def _create(self, kind: Kind, name: str, want: KindModel, draft: int) -> None:
        values = {f: getattr(want, f) for f in kind.api_fields()}
        # None is left out (the API's default is none too), except where the API's default is
        # something: then None means "empty" and must be sent, or the API fills its default in.
        defaults = kind.defaults()
        form = to_form(kind, {f: v for f, v in values.items()
                              if v is not None or defaults.get(f) is not None})
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
        if not isinstance(data, dict):
            # A 2xx that is not an object is no answer: reading it as "absent" would create
            # the object a second time.
            raise BadResponse(f"GET {path}: expected a JSON object, got {type(data).__name__}")
        return data

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
        live_obj = objects_by_name(kind, self.remote.service if self.remote else None).get(
            old_name) if change.action != "create" else None
        have = as_map(store, getattr(live_obj, field_name) if live_obj is not None else None)
        for member in sorted(set(have) - set(want)):
            await remove_member(self.client, self._sid, draft, kind, change.name, member)
        for member in sorted(set(want) - set(have)):
            await add_member(self.client, self._sid, draft, kind, change.name, member)
