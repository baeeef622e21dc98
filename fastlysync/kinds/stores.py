"""How detached fields (`Kind.storage`) are stored and compared.

A detached field lives outside the versioned object: dictionary items and ACL entries are
versionless data behind their own endpoints; director members are versioned but written one
by one. Each kind declares how its detached fields are stored; this module knows the shape of
each storage.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from pydantic import BaseModel

from .base import Kind, KindModel, Storage


@dataclass(frozen=True)
class Store:
    endpoint: str
    """Path segment of the collection's list and batch endpoints (also the batch body's key)."""
    versioned: bool
    """Director members change with the version; items and entries do not."""
    shape: Literal["map", "records", "set"]
    key_fields: tuple[str, ...] = ()
    """For records: the fields that identify one record (an ACL entry's ip and subnet)."""


STORES: dict[Storage, Store] = {
    "dictionary_items": Store("items", versioned=False, shape="map"),
    "acl_entries": Store("entries", versioned=False, shape="records", key_fields=("ip", "subnet")),
    "director_members": Store("backend", versioned=True, shape="set"),
}


def store_for(kind: Kind, field: str) -> Store:
    storage = kind.detached_as(field).storage
    try:
        return STORES[storage]
    except KeyError:
        raise KeyError(f"{kind.name}.{field}: {storage} is not a collection store") from None


def is_dynamic(kind: Kind, obj: KindModel | None) -> bool:
    """Whether `obj` keeps its conditional field (a dynamic snippet's content) outside the
    version."""
    dynamic = kind.dynamic
    return obj is not None and dynamic is not None and bool(getattr(obj, str(dynamic.when)))


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
