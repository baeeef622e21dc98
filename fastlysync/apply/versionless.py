"""Versionless steps of an apply: dictionary items, ACL entries, dynamic snippet content
and service fields, written by object id (no new version needed)."""

from __future__ import annotations

from typing import Any

from ..fastly import extras
from ..fastly.client import seg
from ..fastly.detached import batch_ops, read_store, write_store
from ..fastly.remote import dynamic_path
from ..kinds import KINDS, Kind
from ..kinds.stores import store_for
from ..kinds.wire import form_value
from ..plan.diff import SERVICE_KIND
from ..plan.model import Change
from .state import ApplyFailed, ApplyState, objects_by_name


class VersionlessSteps(ApplyState):
    """Write data kept outside versions (items, entries, dynamic content, service fields)."""

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
            if kind.versionless:  # product enablement (fastly/extras.py)
                await extras.write(self.client, kind, self._sid, None, self._spec_object(
                    kind, change.name), [f.field for f in change.fields])
                continue
            for item in change.fields:
                if item.field in kind.detached:
                    await self._store(kind, change, item.field, created)
                elif kind.dynamic is not None and item.field == kind.dynamic.field:
                    await self._dynamic(kind, change)

    async def _service_fields(self, change: Change) -> None:
        form = {f.field: form_value(getattr(self.spec, f.field)) for f in change.fields}
        await self.client.call("PUT", f"/service/{seg(self._sid)}", form=form)

    def _live_name(self, kind: Kind, name: str) -> str:
        """The object's name in the live service: its old name when this apply renames it."""
        renamed = next((c.old_name for c in self.plan.changes if c.action == "rename"
                        and c.kind == kind.name and c.name == name), None)
        return renamed or name

    def _id_of(self, kind: Kind, change: Change) -> str:
        object_id = self.new_ids.get((kind.name, change.name))
        if object_id is None and self.remote is not None:
            object_id = self.remote.object_id(kind, self._live_name(kind, change.name))
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
            live_name = self._live_name(kind, change.name)
            live_obj = objects_by_name(kind, self.remote.service).get(live_name)
            live = getattr(live_obj, field_name) if live_obj is not None else None
            ids = self.remote.entry_ids.get(live_name, {})
            hidden = kind.hides(spec_obj)  # never read back: upsert what the spec holds
            if (kind.name, live_name) in self.remote.unreadable and not hidden:
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
