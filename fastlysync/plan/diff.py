"""diff(spec, remote) -> ServicePlan: the pure heart of plan, drift and apply.

Both sides are `Service` objects normalised the same way, so "equal" means equal. The diff
walks the kind registry in apply order and, per kind, pairs objects by name, turns a
vanished object plus an appeared one with otherwise identical fields into a rename, and
splits each object's differences into versioned ones and versionless ones (dictionary items,
ACL entries, dynamic snippet content).
"""

from __future__ import annotations

import difflib
import functools
import hashlib
import hmac
import os
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel

from ..kinds import KINDS, Kind, KindModel
from ..kinds.product_enablement import SETTINGS
from ..kinds.stores import as_map, is_dynamic, store_for
from ..masking import mask as mask_text
from ..spec.model import ServiceBase
from .model import SENSITIVE, Change, ElementChange, FieldChange, ServicePlan

SERVICE_KIND = "service"
"""Pseudo-kind for the service's own name and comment (versionless)."""


def canonical(value: Any) -> Any:
    """A value in a form where equality means the API holds the same thing.

    Lists are compared as sets (the API sorts healthcheck headers and director members and
    keeps ACL entries unordered).
    """
    if isinstance(value, BaseModel):
        return canonical(value.model_dump())
    if isinstance(value, dict):
        return {key: canonical(value[key]) for key in sorted(value)}
    if isinstance(value, list | tuple):
        items = [canonical(item) for item in value]
        return sorted(items, key=repr)
    return value


def compared_fields(kind: Kind) -> list[str]:
    """Fields that define an object's state: everything but the key and spec-only fields."""
    return list(_compared(kind.model, kind.key_field, kind.spec_only))


@functools.cache
def _compared(model: type[KindModel], key: str, spec_only: frozenset[str]) -> tuple[str, ...]:
    return tuple(name for name in model.model_fields if name != key and name not in spec_only)


@functools.cache
def _unset_blank(model: type[KindModel]) -> frozenset[str]:
    """Fields whose API default is none: there `""` and null both mean unset."""
    return frozenset(name for name, info in model.model_fields.items()
                     if not info.is_required() and info.default is None)


def same_value(kind: Kind, field: str, a: Any, b: Any) -> bool:
    """Whether two values of one field hold the same state. `""` equals null where the API's
    default is none: values set after validation (a dynamic snippet's content, read from its
    own endpoint) can still be `""`, and comparing them as different loops forever."""
    if a == b or canonical(a) == canonical(b):
        return True
    if field in _unset_blank(kind.model):
        return (a if a != "" else None) == (b if b != "" else None)
    return False


def left_alone(kind: Kind, want: KindModel, service_fields: frozenset[str] = frozenset()
               ) -> frozenset[str]:
    """Fields an update leaves alone: the object's and the service's `ignore_changes`, and
    contents another system manages (`manage_items: false` and the like)."""
    return kind.ignored(want) | kind.contents_elsewhere(want) | service_fields


def same_state(kind: Kind, old: KindModel, new: KindModel,
               skip: frozenset[str] = frozenset()) -> bool:
    """Fast check that two objects hold the same state (the common, no-change case)."""
    have, want = old.__dict__, new.__dict__
    for field in _compared(kind.model, kind.key_field, kind.spec_only):
        if field not in skip and not same_value(kind, field, have.get(field), want.get(field)):
            return False
    return True


PLAN_KEY_VAR = "FASTLYSYNC_PLAN_KEY"
"""A secret shared by the plan and apply jobs: with it, hidden values carry a keyed hash."""


def plan_key() -> bytes | None:
    """The key hidden values are hashed with (None: not set, so they carry no hash)."""
    key = os.environ.get(PLAN_KEY_VAR, "")
    return key.encode() if key else None


@dataclass(frozen=True)
class Masker:
    """Decides what may be shown and hashes what may not.

    A saved plan is an artifact many can read. A plain hash of a secret would let any reader
    test guesses at a weak password offline, so hidden values are hashed only with a key the
    plan does not hold (`FASTLYSYNC_PLAN_KEY`); without one, apply still compares which
    hidden fields change, not their values."""

    service: str
    secrets: frozenset[str] = frozenset()
    key: bytes | None = None

    def hides(self, kind: Kind, field: str, *values: Any) -> bool:
        if kind.is_sensitive(field):
            return True
        return any(self.contains_secret(value) for value in values)

    def contains_secret(self, value: Any) -> bool:
        if not self.secrets or value is None:
            return False
        if isinstance(value, BaseModel):
            value = value.model_dump()
        if isinstance(value, dict):
            return any(self.contains_secret(v) for v in value.values())
        if isinstance(value, list | tuple):
            return any(self.contains_secret(v) for v in value)
        text = str(value)
        return any(secret and secret in text for secret in self.secrets)

    def digest(self, where: str, value: Any) -> str | None:
        """A keyed hash so apply can tell whether a hidden value changed since plan."""
        if value is None or self.key is None:
            return None
        payload = f"fastlysync\0{self.service}\0{where}\0{canonical(value)!r}".encode()
        return "hmac-sha256:" + hmac.new(self.key, payload, hashlib.sha256).hexdigest()

    def hidden(self, where: str, value: Any) -> str | None:
        """How a hidden element value shows: `(sensitive)`, with its keyed hash when keyed."""
        if value is None:
            return None
        digest = self.digest(where, value)
        return f"{SENSITIVE} {digest}" if digest else SENSITIVE


def text_diff(label: str, old: str | None, new: str | None, *,
              sides: tuple[str, str] = ("live", "spec")) -> str:
    """Unified diff of two texts, headed `{label} ({side})`; a missing final newline is
    marked as diff(1) does."""
    lines = difflib.unified_diff(
        (old or "").splitlines(keepends=True), (new or "").splitlines(keepends=True),
        fromfile=f"{label} ({sides[0]})", tofile=f"{label} ({sides[1]})", n=3)
    out = []
    for line in lines:
        out.append(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n")
    return "".join(out)


def _multiline(*values: Any) -> bool:
    return any(isinstance(v, str) and "\n" in v for v in values)


def field_change(mask: Masker, kind: Kind, label: str, field: str, old: Any,
                 new: Any) -> FieldChange:
    if mask.hides(kind, field, old, new):
        where = f"{label}.{field}"
        shown = None
        if not kind.is_sensitive(field) and _multiline(old, new):
            # VCL holding ${env:NAME} values: the diff, with each value masked where it sits.
            shown = text_diff(label, mask_text(str(old or ""), mask.secrets),
                              mask_text(str(new or ""), mask.secrets)) or None
        return FieldChange(field=field, old=None if old is None else SENSITIVE,
                           new=None if new is None else SENSITIVE, sensitive=True,
                           old_hash=mask.digest(where, old), new_hash=mask.digest(where, new),
                           diff=shown)
    if _multiline(old, new):
        return FieldChange(field=field, diff=text_diff(label, old, new))
    return FieldChange(field=field, old=_plain(old), new=_plain(new))


def _plain(value: Any) -> Any:
    if isinstance(value, BaseModel):
        return value.model_dump(mode="json")
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def element_change(mask: Masker, kind: Kind, label: str, field: str, old: Any,
                   new: Any) -> FieldChange | None:
    store = store_for(kind, field)
    before, after = as_map(store, old), as_map(store, new)
    elements: list[ElementChange] = []
    for key in sorted(set(before) | set(after)):
        was, now = before.get(key), after.get(key)
        if canonical(was) == canonical(now):
            continue
        op = "add" if key not in before else "remove" if key not in after else "change"
        if store.shape == "set":
            was = now = None
        elif mask.contains_secret(was) or mask.contains_secret(now):
            where = f"{label}.{field}[{key}]"
            was, now = mask.hidden(where, was), mask.hidden(where, now)
        elements.append(ElementChange(op=op, key=key, old=was, new=now))
    if not elements:
        return None
    return FieldChange(field=field, elements=elements)


@dataclass
class ObjectDiff:
    versioned: list[FieldChange]
    versionless: list[FieldChange]

    def add_elements(self, kind: Kind, change: FieldChange | None) -> None:
        """File a detached field's element changes by whether its store is versioned."""
        if change is not None:
            store = store_for(kind, change.field)
            (self.versioned if store.versioned else self.versionless).append(change)


def object_diff(mask: Masker, kind: Kind, label: str, old: KindModel | None,
                new: KindModel, skip: frozenset[str] = frozenset()) -> ObjectDiff:
    """Field by field, old -> new, leaving out `skip`. `old=None` compares against an empty
    collection state for detached fields and is only used for creates."""
    out = ObjectDiff([], [])
    dynamic = kind.dynamic.field if is_dynamic(kind, old) and is_dynamic(kind, new) else None
    for field in compared_fields(kind):
        if field in skip:
            continue
        was = getattr(old, field) if old is not None else None
        now = getattr(new, field)
        if field in kind.detached:
            out.add_elements(kind, element_change(mask, kind, label, field, was, now))
            continue
        if same_value(kind, field, was, now):
            continue
        change = field_change(mask, kind, label, field, was, now)
        if field == dynamic:
            out.versionless.append(change)
        else:
            out.versioned.append(change)
    return out


def creation_fields(mask: Masker, kind: Kind, label: str, obj: KindModel) -> ObjectDiff:
    """What a create sends, shown as changes from the API's defaults."""
    out = ObjectDiff([], [])
    defaults = kind.defaults()
    elsewhere = kind.contents_elsewhere(obj)
    for field in compared_fields(kind):
        if field in elsewhere:
            continue
        value = getattr(obj, field)
        if field in kind.detached:
            out.add_elements(kind, element_change(mask, kind, label, field, None, value))
            continue
        if field in defaults and canonical(defaults[field]) == canonical(value):
            continue
        out.versioned.append(field_change(mask, kind, label, field, None, value))
    return out


def pair_renames(kind: Kind, gone: dict[str, KindModel],
                 new: dict[str, KindModel],
                 service_fields: frozenset[str] = frozenset()) -> list[tuple[str, str]]:
    """(old name, new name) pairs: a vanished object whose versioned fields (but those left
    alone) equal an appeared one's. Names are paired in sorted order (deterministic). Kinds
    the API will not rename (directors) get none: they are deleted and created."""
    if kind.fixed_name:
        return []
    pairs: list[tuple[str, str]] = []
    taken: set[str] = set()
    for new_name in sorted(new):
        skip = left_alone(kind, new[new_name], service_fields)
        fields = [f for f in compared_fields(kind) if f not in kind.detached and f not in skip]
        want = [canonical(getattr(new[new_name], f)) for f in fields]
        for old_name in sorted(gone):
            if old_name in taken:
                continue
            if [canonical(getattr(gone[old_name], f)) for f in fields] == want:
                pairs.append((old_name, new_name))
                taken.add(old_name)
                break
    return pairs


def _by_name(kind: Kind, objects: Iterable[KindModel]) -> dict[str, KindModel]:
    return {getattr(obj, kind.key_field): obj for obj in objects}


def unnamed(kind: Kind, want: KindModel) -> frozenset[str]:
    """Product switches and settings the spec leaves out (null: not managed), and settings
    of a product the spec turns off (they apply only while it is on)."""
    if kind.access != "products":
        return frozenset()
    out = {f for f in compared_fields(kind) if getattr(want, f) is None}
    out |= {f for f, (product, _) in SETTINGS.items() if getattr(want, product) is False}
    return frozenset(out)


def service_ignores(spec: ServiceBase, kind: Kind) -> tuple[bool, frozenset[str]]:
    """(the whole kind is left alone, fields left alone on every object of the kind), from
    the service's `ignore_changes` (`product_enablement`, `backends.shield`)."""
    whole = False
    fields: set[str] = set()
    for entry in getattr(spec, "ignore_changes", None) or ():
        key, _, field = entry.partition(".")
        if key != kind.spec_key:
            continue
        if field:
            fields.add(field)
        else:
            whole = True
    return whole, frozenset(fields)


def kind_changes(mask: Masker, kind: Kind, spec: ServiceBase,
                 remote: ServiceBase | None) -> tuple[list[Change], list[Change]]:
    """Versioned and versionless changes for one kind."""
    versioned: list[Change] = []
    versionless: list[Change] = []
    whole, service_fields = service_ignores(spec, kind)
    if whole and remote is not None:
        return versioned, versionless
    if kind.singleton:
        want = spec.objects(kind)[0]
        have = remote.objects(kind)[0] if remote is not None else kind.model()
        skip = left_alone(kind, want, service_fields) if remote is not None else frozenset()
        skip |= unnamed(kind, want)
        if same_state(kind, have, want, skip):
            return versioned, versionless
        found = object_diff(mask, kind, kind.name, have, want, skip)
        if found.versioned:
            (versionless if kind.versionless else versioned).append(
                Change(action="update", kind=kind.name, name=kind.name, fields=found.versioned))
        return versioned, versionless

    want = _by_name(kind, spec.objects(kind))
    have = _by_name(kind, remote.objects(kind)) if remote is not None else {}
    added = {name: obj for name, obj in want.items() if name not in have}
    gone = {name: obj for name, obj in have.items() if name not in want}
    renames = pair_renames(kind, gone, added, service_fields)
    renamed_from = {new: old for old, new in renames}

    def extra(name: str, fields: list[FieldChange]) -> None:
        if fields:
            versionless.append(Change(action="update", kind=kind.name, name=name,
                                      fields=fields))

    for name in sorted(set(want) | set(have)):
        label = f"{kind.name}/{name}"
        if name in renamed_from:
            old_name = renamed_from[name]
            found = object_diff(mask, kind, label, have[old_name], want[name],
                                left_alone(kind, want[name], service_fields))
            rename = FieldChange(field=kind.key_field, old=old_name, new=name)
            versioned.append(Change(action="rename", kind=kind.name, name=name,
                                    old_name=old_name, fields=[rename, *found.versioned]))
            extra(name, found.versionless)
        elif name in added:
            found = creation_fields(mask, kind, label, want[name])
            versioned.append(Change(action="create", kind=kind.name, name=name,
                                    fields=found.versioned))
            extra(name, found.versionless)
        elif name in gone:
            if name not in {old for old, _ in renames}:
                versioned.append(Change(action="delete", kind=kind.name, name=name))
        else:
            skip = left_alone(kind, want[name], service_fields)
            if same_state(kind, have[name], want[name], skip):
                continue
            found = object_diff(mask, kind, label, have[name], want[name], skip)
            if found.versioned:
                versioned.append(Change(action="update", kind=kind.name, name=name,
                                        fields=found.versioned))
            extra(name, found.versionless)
    return versioned, versionless


def service_changes(spec: ServiceBase, remote: ServiceBase | None) -> list[Change]:
    if remote is None:
        return []
    fields = []
    if spec.name != remote.name:
        fields.append(FieldChange(field="name", old=remote.name, new=spec.name))
    if (spec.comment or None) != (remote.comment or None):
        fields.append(FieldChange(field="comment", old=remote.comment, new=spec.comment))
    if not fields:
        return []
    if spec.name != remote.name:  # bound by id: the live service takes the spec's new name
        return [Change(action="rename", kind=SERVICE_KIND, name=spec.name,
                       old_name=remote.name, fields=fields)]
    return [Change(action="update", kind=SERVICE_KIND, name=spec.name, fields=fields)]


def diff(spec: ServiceBase, remote: ServiceBase | None, *,
         secrets: frozenset[str] = frozenset()) -> ServicePlan:
    """What it takes to make `remote` (None: no live service yet) look like `spec`."""
    mask = Masker(service=spec.id or (remote.id if remote else None) or spec.name,
                  secrets=secrets, key=plan_key())
    versioned: list[Change] = []
    versionless: list[Change] = service_changes(spec, remote)
    for kind in KINDS.values():
        kind_versioned, kind_versionless = kind_changes(mask, kind, spec, remote)
        versioned.extend(kind_versioned)
        versionless.extend(kind_versionless)
    if remote is None:
        action = "create"
    elif versioned or versionless:
        action = "update"
    else:
        action = "none"
    return ServicePlan(name=spec.name, id=remote.id if remote is not None else spec.id,
                       action=action, changes=versioned, versionless=versionless)
