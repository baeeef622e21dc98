"""How detached fields (`Kind.detached`) are stored and compared.

A detached field lives outside the versioned object: dictionary items and ACL entries are
versionless data behind their own endpoints; director members are versioned but written one
by one. The storage protocol is chosen by the field's name, so kinds stay the only place
that says which fields are detached.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from pydantic import BaseModel

from ..kinds import Kind, KindModel


@dataclass(frozen=True)
class Store:
    field: str
    versioned: bool
    """Director members change with the version; items and entries do not."""
    shape: Literal["map", "records", "set"]
    key_fields: tuple[str, ...] = ()
    """For records: the fields that identify one record (an ACL entry's ip and subnet)."""


STORES: dict[str, Store] = {
    "items": Store("items", versioned=False, shape="map"),
    "entries": Store("entries", versioned=False, shape="records", key_fields=("ip", "subnet")),
    "backends": Store("backends", versioned=True, shape="set"),
}

DYNAMIC_FLAG = "dynamic"
DYNAMIC_CONTENT = "content"
"""A kind with a `dynamic` flag keeps `content` outside the version when the flag is set
(dynamic VCL snippets)."""


def store_for(kind: Kind, field: str) -> Store:
    try:
        return STORES[field]
    except KeyError:
        raise KeyError(f"{kind.name}.{field}: detached field with no known store") from None


def is_dynamic(kind: Kind, obj: KindModel | None) -> bool:
    return obj is not None and DYNAMIC_FLAG in kind.model.model_fields and bool(
        getattr(obj, DYNAMIC_FLAG))


def record_key(store: Store, record: Any) -> str:
    data = record.model_dump() if isinstance(record, BaseModel) else dict(record)
    parts = [data.get(name) for name in store.key_fields]
    ip, rest = parts[0], parts[1:]
    text = str(ip)
    for part in rest:
        if part is not None:
            text += f"/{part}"
    return text


def record_rest(store: Store, record: Any) -> dict[str, Any]:
    data = record.model_dump() if isinstance(record, BaseModel) else dict(record)
    return {k: v for k, v in data.items() if k not in store.key_fields}


def as_map(store: Store, value: Any) -> dict[str, Any]:
    """A collection as key -> comparable value, whatever its shape."""
    if value is None:
        return {}
    if store.shape == "map":
        return dict(value)
    if store.shape == "set":
        return {str(member): True for member in value}
    return {record_key(store, record): record_rest(store, record) for record in value}
