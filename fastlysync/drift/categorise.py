"""Turn a plan (live -> spec) into drift items (git -> live), one per object or field.

Drift is a plan read the other way round: a create is an object git has and live lacks
(missing), a delete one live has and git lacks (unmanaged), an update or rename names the
fields that differ (changed), and versionless changes are content drift. Values are swapped
so each item reads "git -> live".
"""

from __future__ import annotations

from typing import Any

from ..kinds import KINDS, KindModel
from ..masking import mask
from ..plan.diff import SERVICE_KIND, text_diff
from ..plan.model import Change, ElementChange, FieldChange, ServicePlan
from ..spec.model import ServiceBase
from .model import Category, DriftItem, ElementDrift

INVERTED = {"add": "removed", "remove": "added", "change": "changed"}
"""A plan adds what live lacks: that element was removed live (and the other way round)."""


def drift_text(label: str, spec: str | None, live: str | None) -> str:
    return text_diff(label, spec, live, sides=("git", "live"))


def find_object(service: ServiceBase, kind_name: str, name: str) -> Any:
    """The object a change is about (the service itself for the `service` pseudo-kind)."""
    if kind_name == SERVICE_KIND:
        return service
    kind = KINDS[kind_name]
    if kind.singleton:
        return service.objects(kind)[0]
    return next((obj for obj in service.objects(kind)
                 if getattr(obj, kind.key_field) == name), None)


def element_drift(element: ElementChange) -> ElementDrift:
    return ElementDrift(op=INVERTED[element.op], key=element.key,  # type: ignore[arg-type]
                        spec=element.new, live=element.old)


def field_item(category: Category, change: Change, field: FieldChange,
               spec_obj: KindModel | ServiceBase | None,
               live_obj: KindModel | ServiceBase | None,
               secrets: frozenset[str] = frozenset()) -> DriftItem:
    item = DriftItem(category=category, kind=change.kind, name=change.name, field=field.field)
    if field.elements is not None:
        item.elements = [element_drift(e) for e in field.elements]
    elif field.sensitive and field.diff is not None:
        # Text holding a spec secret (VCL with ${env:X}): the plan's masked diff, git -> live.
        item.sensitive = True
        item.diff = drift_text(f"{change.kind}/{change.name}.{field.field}",
                               mask(str(getattr(spec_obj, field.field, None) or ""), secrets),
                               mask(str(getattr(live_obj, field.field, None) or ""), secrets))
    elif field.sensitive:
        item.sensitive = True
        item.spec, item.live = field.new, field.old
    elif field.diff is not None:
        # The plan's diff reads live -> spec; read the values again for git -> live.
        item.diff = drift_text(f"{change.kind}/{change.name}.{field.field}",
                               getattr(spec_obj, field.field, None),
                               getattr(live_obj, field.field, None))
    else:
        item.spec, item.live = field.new, field.old
    return item


def categorise(plan: ServicePlan, spec: ServiceBase, live: ServiceBase, *,
               secrets: frozenset[str]) -> list[DriftItem]:
    """Every difference in `plan` as drift items (version drift is added by the caller).
    `secrets` are masked in the diffs of text that holds them, as plan masks them."""
    items: list[DriftItem] = []
    missing: set[tuple[str, str]] = set()
    for change in plan.changes:
        if change.action == "create":
            missing.add((change.kind, change.name))
            items.append(DriftItem(category="missing", kind=change.kind, name=change.name))
        elif change.action == "delete":
            items.append(DriftItem(category="unmanaged", kind=change.kind, name=change.name))
        else:
            live_name = change.old_name or change.name
            spec_obj = find_object(spec, change.kind, change.name)
            live_obj = find_object(live, change.kind, live_name)
            for field in change.fields:
                items.append(field_item("changed", change, field, spec_obj, live_obj,
                                        secrets))
    for change in plan.versionless:
        if (change.kind, change.name) in missing:
            continue  # the missing object's contents go with it
        category: Category = "changed" if change.kind == SERVICE_KIND else "content"
        spec_obj = find_object(spec, change.kind, change.name)
        live_obj = find_object(live, change.kind, change.name)
        for field in change.fields:
            items.append(field_item(category, change, field, spec_obj, live_obj, secrets))
    return items
