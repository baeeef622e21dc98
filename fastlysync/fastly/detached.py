"""Reading and writing detached fields: dictionary items, ACL entries, director members.

Items and entries are versionless and are written in batches (at most 1000 operations per
PATCH), differences only. A batch whose outcome is unknown is never blindly re-sent: the
collection is read again and the remaining differences are sent instead.
"""

from __future__ import annotations

import re
from typing import Any

from ..kinds import Kind
from ..kinds.stores import Store, as_map, record_key
from ..kinds.wire import parse_bool
from .client import FastlyClient, seg
from .errors import ApiError, FastlyError, Uncertain

PAGE_SIZE = 100
BATCH_LIMIT = 1000
BATCH_ATTEMPTS = 5
_NEXT = re.compile(r'<[^>]*[?&]page=(\d+)[^>]*>\s*;\s*rel="next"')
MAX_PAGES = 1000
"""100,000 rows, ten times what Fastly allows in a dictionary or ACL: pages past this are a
server that never stops, not data."""


def collection_path(service_id: str, kind: Kind, object_id: str, store: Store) -> str:
    return f"/service/{seg(service_id)}/{kind.api_path}/{seg(object_id)}/{store.endpoint}"


async def read_pages(client: FastlyClient, path: str) -> list[dict[str, Any]]:
    """Every row of a paginated list: follow `Link: rel="next"`, else keep going while pages
    come back full."""
    rows: list[dict[str, Any]] = []
    page = 1
    while True:
        reply = await client.call("GET", path, params={"page": page, "per_page": PAGE_SIZE})
        if reply.data is not None and not isinstance(reply.data, list):
            raise FastlyError(f"GET {path}: the answer is not a list")
        batch = reply.data or []
        rows.extend(row for row in batch if isinstance(row, dict))
        link = _NEXT.search(reply.headers.get("link", ""))
        if link:
            # a link back (or in place) would loop until the deadline, re-reading rows
            following = link.group(1)
            if len(following) > len(str(MAX_PAGES)) or int(following) <= page:
                raise FastlyError(f"GET {path}: the answer's next page ({following[:12]}) "
                                  f"does not follow page {page}")
            page = int(following)
        elif len(batch) >= PAGE_SIZE:
            page += 1
        else:
            return rows
        if page > MAX_PAGES:
            raise FastlyError(f"GET {path}: more than {MAX_PAGES} pages; not a believable "
                              "list")


def entry_from_wire(row: dict[str, Any]) -> dict[str, Any]:
    subnet = row.get("subnet")
    return {"ip": row.get("ip"),
            "subnet": int(subnet) if subnet not in (None, "") else None,
            "negated": parse_bool(row.get("negated") or 0),
            "comment": row.get("comment") or None}


async def read_store(client: FastlyClient, service_id: str, kind: Kind, object_id: str,
                     store: Store) -> tuple[Any, dict[str, str]]:
    """The live value of a versionless field, and record key -> entry id (for ACLs)."""
    rows = await read_pages(client, collection_path(service_id, kind, object_id, store))
    if store.shape == "map":
        return {str(row["item_key"]): str(row.get("item_value") or "") for row in rows
                if "item_key" in row}, {}
    records = [entry_from_wire(row) for row in rows]
    ids = {record_key(store, record): str(row.get("id")) for record, row in zip(records, rows,
                                                                                 strict=True)}
    return records, ids


def batch_ops(store: Store, live: Any, want: Any, ids: dict[str, str]) -> list[dict[str, Any]]:
    """The operations that turn `live` into `want`, differences only."""
    before, after = as_map(store, live), as_map(store, want)
    ops: list[dict[str, Any]] = []
    for key in sorted(set(before) | set(after)):
        was, now = before.get(key), after.get(key)
        if was == now:
            continue
        if store.shape == "map":
            if now is None:
                ops.append({"op": "delete", "item_key": key})
            else:
                ops.append({"op": "upsert", "item_key": key, "item_value": now})
            continue
        record = _record(store, want, key)
        if now is None:
            ops.append({"op": "delete", "id": ids[key]})
        elif was is None:
            ops.append({"op": "create", **record})
        else:
            ops.append({"op": "update", "id": ids[key], **record})
    return ops


def _record(store: Store, records: Any, key: str) -> dict[str, Any]:
    for record in records or ():
        data = record.model_dump() if hasattr(record, "model_dump") else dict(record)
        if record_key(store, data) == key:
            out = {"ip": data["ip"], "negated": 1 if data.get("negated") else 0}
            if data.get("subnet") is not None:
                out["subnet"] = data["subnet"]
            if data.get("comment") is not None:
                out["comment"] = data["comment"]
            return out
    return {}


async def write_store(client: FastlyClient, service_id: str, kind: Kind, object_id: str,
                      store: Store, live: Any, want: Any, ids: dict[str, str], *,
                      readable: bool = True) -> int:
    """Send the differences in batches; returns the number of batches sent.

    `readable=False` (a write-only dictionary): the collection can never be read back, so an
    unknown outcome re-sends the same operations (upserts are idempotent) instead."""
    path = collection_path(service_id, kind, object_id, store)
    sent = 0
    for _ in range(BATCH_ATTEMPTS):
        ops = batch_ops(store, live, want, ids)
        if not ops:
            return sent
        try:
            for start in range(0, len(ops), BATCH_LIMIT):
                chunk = ops[start:start + BATCH_LIMIT]
                sent += 1
                await client.call("PATCH", path, body={store.endpoint: chunk})
            return sent
        except Uncertain:
            if not readable:
                continue
        except ApiError as exc:
            if not readable or (exc.status < 500 and exc.status not in (404, 409)):
                raise
        # Unknown or partial outcome: look again and send what is still different.
        live, ids = await read_store(client, service_id, kind, object_id, store)
    raise FastlyError(f"{kind.name} {object_id}: {store.endpoint} still differ after "
                      f"{BATCH_ATTEMPTS} batch attempts")


def member_path(service_id: str, version: int, kind: Kind, name: str, member: str) -> str:
    return (f"/service/{seg(service_id)}/version/{version}/{kind.api_path}/{seg(name)}"
            f"/backend/{seg(member)}")


async def add_member(client: FastlyClient, service_id: str, version: int, kind: Kind,
                     name: str, member: str) -> None:
    path = member_path(service_id, version, kind, name, member)
    for _ in range(BATCH_ATTEMPTS):
        try:
            await client.call("POST", path)
            return
        except ApiError as exc:
            if exc.duplicate:
                return
            raise
        except Uncertain:
            if await _exists(client, path):
                return
    raise FastlyError(f"{kind.name} {name}: could not add backend {member}")


async def remove_member(client: FastlyClient, service_id: str, version: int, kind: Kind,
                        name: str, member: str) -> None:
    try:
        await client.call("DELETE", member_path(service_id, version, kind, name, member))
    except ApiError as exc:
        if not exc.not_found:
            raise


async def _exists(client: FastlyClient, path: str) -> bool:
    try:
        await client.call("GET", path)
    except ApiError as exc:
        if exc.not_found:
            return False
        raise
    return True
