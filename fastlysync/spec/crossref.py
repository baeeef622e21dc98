"""Checks that need the whole service: names, references between kinds, custom VCL shape.

Everything is driven by the kind registry: `Kind.references` says which field names which kind
(and which condition type it needs), so a new kind is checked without touching this file.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from pydantic import ValidationError

from ..kinds import KINDS, Kind, KindModel
from .errors import did_you_mean
from .model import ServiceBase
from .nodes import PathKey

Finding = tuple[PathKey, str, bool]
"""(path into the service, message, point at the key rather than the value)."""


@dataclass
class View:
    """The objects of each kind that validated, with their index in the spec, plus every name
    the spec declares. Built from a valid Service, or item by item from a spec that has other
    errors, so that reference problems are reported in the same run as type problems."""

    objects: dict[str, list[tuple[int, KindModel]]] = field(default_factory=dict)
    declared: dict[str, list[tuple[int, str]]] = field(default_factory=dict)

    def of(self, kind: Kind) -> list[tuple[int, KindModel]]:
        return self.objects.get(kind.name, [])

    def names(self, kind: Kind) -> dict[str, int]:
        out: dict[str, int] = {}
        for i, name in self.declared.get(kind.name, []):
            out.setdefault(name, i)
        return out

    def get(self, kind: Kind, index: int) -> KindModel | None:
        return next((obj for i, obj in self.of(kind) if i == index), None)


def view_of_service(service: ServiceBase) -> View:
    view = View()
    for kind in KINDS.values():
        objects = service.objects(kind)
        view.objects[kind.name] = list(enumerate(objects))
        if not kind.singleton:
            view.declared[kind.name] = [(i, str(getattr(o, "name", "")))
                                        for i, o in enumerate(objects)]
    return view


def view_of_data(data: Any) -> View:
    """Best effort over a plain tree that failed validation as a whole."""
    view = View()
    if not isinstance(data, dict):
        return view
    for kind in KINDS.values():
        raw = data.get(kind.spec_key)
        items = [raw] if kind.singleton else raw
        if not isinstance(items, list):
            continue
        valid: list[tuple[int, KindModel]] = []
        for i, item in enumerate(items):
            if isinstance(item, dict) and isinstance(item.get("name"), str):
                view.declared.setdefault(kind.name, []).append((i, item["name"]))
            try:
                valid.append((i, kind.model.model_validate(item)))
            except ValidationError:
                continue
        view.objects[kind.name] = valid
    return view


def _label(kind: Kind, obj: KindModel) -> str:
    return f"{kind.name} {getattr(obj, 'name', '')!r}"


def check(view: View) -> list[Finding]:
    findings: list[Finding] = []
    findings.extend(_unique_names(view))
    findings.extend(_references(view))
    findings.extend(_contents(view))
    findings.extend(_main_vcl(view))
    findings.extend(_acl_entries(view))
    findings.extend(_exclusive(view))
    return findings


def check_service(service: ServiceBase) -> list[Finding]:
    return check(view_of_service(service))


def _unique_names(view: View) -> Iterator[Finding]:
    for kind in KINDS.values():
        seen: dict[str, int] = {}
        for i, name in view.declared.get(kind.name, []):
            if name in seen:
                yield ((kind.spec_key, i, "name"),
                       f"duplicate {kind.name} name {name!r} (also {kind.name} "
                       f"#{seen[name] + 1} in this service)", False)
            else:
                seen[name] = i


def _references(view: View) -> Iterator[Finding]:
    for kind in KINDS.values():
        for i, obj in view.of(kind) if kind.references else []:
            base: PathKey = (kind.spec_key,) if kind.singleton else (kind.spec_key, i)
            for ref in kind.references:
                raw = getattr(obj, ref.field)
                values = list(raw or []) if ref.many else ([raw] if raw else [])
                target = KINDS[ref.kind]
                names = view.names(target)
                for j, value in enumerate(values):
                    path: PathKey = (*base, ref.field, j) if ref.many else (*base, ref.field)
                    index = names.get(value)
                    if index is None:
                        hint = did_you_mean(value, names)
                        yield (path, f"{_label(kind, obj)}: {ref.field} refers to {target.name} "
                                     f"{value!r}, which this service does not declare{hint}",
                               False)
                        continue
                    found = view.get(target, index)
                    actual = getattr(found, "type", None)
                    if ref.condition_type and found is not None and actual != ref.condition_type:
                        yield (path, f"{_label(kind, obj)}: {ref.field} needs a "
                                     f"{ref.condition_type} condition, but {value!r} is "
                                     f"{actual}", False)


def _file_kinds() -> list[Kind]:
    return [k for k in KINDS.values()
            if "file" in k.spec_only and "content" in k.model.model_fields]


def _contents(view: View) -> Iterator[Finding]:
    """Custom VCL and regular snippets need their VCL (dynamic snippets get it at run time)."""
    for kind in _file_kinds():
        for i, obj in view.of(kind):
            dynamic = kind.dynamic is not None and getattr(obj, str(kind.dynamic.when))
            if dynamic or getattr(obj, "content", None) is not None:
                continue
            yield ((kind.spec_key, i), f"{_label(kind, obj)}: needs file: (a path under vcl/) "
                                       "or content:", False)


def _main_vcl(view: View) -> Iterator[Finding]:
    for kind in KINDS.values():
        if "main" not in kind.model.model_fields or kind.singleton:
            continue
        objects = view.of(kind)
        mains = [(i, obj) for i, obj in objects if getattr(obj, "main", False)]
        for i, obj in mains[1:]:
            yield ((kind.spec_key, i, "main"),
                   f"{_label(kind, obj)}: only one custom VCL can be main "
                   f"({_label(kind, mains[0][1])} already is)", False)
        if view.declared.get(kind.name) and not mains and len(objects) == len(
                view.declared[kind.name]):
            yield ((kind.spec_key,), "custom VCL needs exactly one main file: mark one with "
                                     "main: true", True)


def _acl_entries(view: View) -> Iterator[Finding]:
    for kind in KINDS.values():
        if not kind.stores("acl_entries"):
            continue
        field = next(d.field for d in kind.storage if d.storage == "acl_entries")
        for i, obj in view.of(kind):
            seen: dict[tuple[str, int | None], int] = {}
            for j, entry in enumerate(getattr(obj, field, [])):
                key = (entry.ip, entry.subnet)
                if key in seen:
                    shown = entry.ip + (f"/{entry.subnet}" if entry.subnet is not None else "")
                    yield ((kind.spec_key, i, field, j),
                           f"{_label(kind, obj)}: duplicate entry {shown} (also entry "
                           f"#{seen[key] + 1})", False)
                else:
                    seen[key] = j


def _exclusive(view: View) -> Iterator[Finding]:
    """Fields the API refuses together (`Kind.exclusive`): the apply would fail with a 400."""
    for kind in KINDS.values():
        for rule in kind.exclusive:
            for i, obj in view.of(kind):
                both = [f for f in (rule.field, *rule.others)
                        if getattr(obj, f, None) not in (None, "", 0, False)]
                if rule.field in both and len(both) > 1:
                    yield ((kind.spec_key, i, both[-1]),
                           f"{_label(kind, obj)}: {' and '.join(both)} cannot be set together "
                           f"(the API refuses it: {rule.message})", False)
