"""Reading a live service and normalising it into the same `Service` model specs load into.

Cost of a read: one `GET /service/{id}/details` (every versioned kind but logging), plus one
GET per logging kind in use, per dictionary (items), per ACL (entries) and per dynamic
snippet (content). "Logging kinds in use" are those the spec asks for plus those the version
comment marker lists (see marker.py); a version without a marker is read for every logging
kind, since nothing else says which it holds.
"""

from __future__ import annotations

import asyncio
import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from pydantic import TypeAdapter

from ..kinds import KINDS, Kind, KindModel
from ..kinds.stores import is_dynamic, store_for
from ..kinds.wire import from_wire
from ..spec.model import Service, ServiceBase
from . import extras
from .client import FastlyClient, seg
from .detached import read_store
from .errors import ApiError, FastlyError
from .gather import gather_all
from .marker import parse_marker

SEARCH_LIMIT = 3
"""Resolve up to this many names with /service/search (one GET each); more with the
paginated service list (one GET per 100 services)."""
LIST_PAGE = 100
MAX_PAGES = 1000
"""100,000 services: an answer that claims more pages (or a list that never ends) is not
believed; read as given, a `rel="last"` of page 10**9 built a billion requests."""
_LAST = re.compile(r'<[^>]*[?&]page=(\d+)[^>]*>\s*;\s*rel="last"')


EMPTY = Service(name="(unread)")


class ServiceNotFound(FastlyError):
    pass


@dataclass(frozen=True)
class ServiceRef:
    """How a spec names its live service: by id when it has one, else by name."""

    name: str
    id: str | None = None


@dataclass
class RemoteService:
    service: ServiceBase
    """The live configuration, normalised (defaults filled, wire types parsed)."""
    id: str
    name: str
    version: int
    """The version read: the active one, else the newest (never activated)."""
    active: bool
    version_comment: str | None = None
    ids: dict[tuple[str, str], str] = field(default_factory=dict)
    """(kind, name) -> API id, for kinds that have ids (dictionaries, ACLs, snippets)."""
    entry_ids: dict[str, dict[str, str]] = field(default_factory=dict)
    """ACL name -> entry key -> entry id."""
    logging_read: frozenset[str] = frozenset()
    """Logging kinds that were read; the others are assumed empty."""
    unreadable: frozenset[tuple[str, str]] = frozenset()
    """(kind, name) whose detached data could not be read (write-only dictionaries)."""
    versions: list[dict[str, Any]] = field(default_factory=list)
    """Every version's summary from /details (number, active, locked, comment): drift reads
    it to tell a rollback from a fastlysync activation, at no extra request."""

    def object_id(self, kind: Kind, name: str) -> str | None:
        return self.ids.get((kind.name, name))


def details_path(service_id: str) -> str:
    return f"/service/{seg(service_id)}/details"


def dynamic_path(service_id: str, kind: Kind, object_id: str) -> str:
    """Versionless content of a dynamic object: /service/{id}/snippet/{snippet_id}."""
    return f"/service/{seg(service_id)}/{kind.api_path}/{seg(object_id)}"


def version_path(service_id: str, version: int) -> str:
    return f"/service/{seg(service_id)}/version/{version}"


async def find_service_id(client: FastlyClient, name: str) -> str | None:
    """One GET; None only when Fastly itself says there is no such service (it answers 400
    "Service 'x' not found", not 404). Any other answer (a redirect, a proxy's error page,
    a body without an id) is an error: read as "absent" it would make plan create a service
    that exists."""
    path = "/service/search"
    try:
        data = await client.get(path, params={"name": name})
    except ApiError as exc:
        if exc.absent:
            return None
        raise
    if not isinstance(data, dict) or not data.get("id"):
        raise FastlyError(f"GET {path}?name={name}: the answer is not a service (no id)")
    found = data.get("name", name)
    if found != name:  # a cache or proxy answering for another query: never plan against it
        raise FastlyError(f"GET {path}?name={name}: the answer is service {found!r} "
                          f"({data['id']}), not {name!r}")
    return str(data["id"])


def _rows(data: Any, method: str, path: str) -> list[Any]:
    """A list answer; anything else is an error, never an empty list."""
    if data is None:
        return []
    if not isinstance(data, list):
        raise FastlyError(f"{method} {path}: the answer is not a list")
    return data


async def list_services(client: FastlyClient) -> list[dict[str, Any]]:
    """Every service: page 1, then the remaining pages (known from `rel="last"`) at once."""
    params = {"per_page": LIST_PAGE, "sort": "created", "direction": "ascend"}
    first = await client.call("GET", "/service", params={**params, "page": 1})
    rows = list(_rows(first.data, "GET", "/service"))
    last = _LAST.search(first.headers.get("link", ""))
    if last and len(rows) >= LIST_PAGE:  # a short first page is the only one
        count = last.group(1)
        if len(count) > len(str(MAX_PAGES)) or int(count) > MAX_PAGES:
            raise FastlyError(_too_many_pages())
        pages = range(2, int(count) + 1)
        replies = await gather_all(*(client.get("/service", params={**params, "page": p})
                                         for p in pages))
        for data in replies:
            rows.extend(_rows(data, "GET", "/service"))
        return rows
    page = 1
    batch = rows
    while len(batch) >= LIST_PAGE:
        if page >= MAX_PAGES:
            raise FastlyError(_too_many_pages())
        page += 1
        batch = _rows(await client.get("/service", params={**params, "page": page}),
                      "GET", "/service")
        rows.extend(batch)
    return rows


def _too_many_pages() -> str:
    return (f"GET /service: the answer claims more than {MAX_PAGES} pages of services "
            f"({MAX_PAGES * LIST_PAGE:,} services); not a believable service list")


def _live(rows: list[Any]) -> list[dict[str, Any]]:
    return [row for row in rows
            if isinstance(row, dict) and row.get("id") and not row.get("deleted_at")]


async def live_services(client: FastlyClient,
                        listing: ServiceList | None = None) -> list[dict[str, Any]]:
    """`list_services` without rows that name no id or a deleted service (from `listing`
    when given, so one command reads the list once)."""
    return _live(await listing.rows() if listing is not None else await list_services(client))


class ServiceList:
    """The account's service list, read at most once per command: resolving many names,
    finding renamed specs and listing unmanaged services all want it (one GET per 100)."""

    def __init__(self, client: FastlyClient) -> None:
        self.client = client
        self._rows: list[Any] | None = None
        self._lock = asyncio.Lock()

    async def rows(self) -> list[Any]:
        async with self._lock:
            if self._rows is None:
                self._rows = await list_services(self.client)
        return self._rows


async def resolve_ids(client: FastlyClient, refs: Iterable[ServiceRef],
                      listing: ServiceList | None = None) -> dict[str, str | None]:
    """Name -> live service id (None when there is no such service); more names than
    SEARCH_LIMIT are looked up in the service list (`listing`'s, when given)."""
    refs = list(refs)
    out: dict[str, str | None] = {ref.name: ref.id for ref in refs if ref.id}
    wanted = sorted({ref.name for ref in refs if not ref.id})
    if not wanted:
        return out
    if len(wanted) <= SEARCH_LIMIT:
        found = await gather_all(*(find_service_id(client, name) for name in wanted))
        out.update(zip(wanted, found, strict=True))
        return out
    by_name: dict[str, str] = {}
    rows = await listing.rows() if listing is not None else await list_services(client)
    for row in rows:
        if isinstance(row, dict) and row.get("name") and not row.get("deleted_at"):
            by_name.setdefault(str(row["name"]), str(row["id"]))
    out.update({name: by_name.get(name) for name in wanted})
    return out


def version_number(version: dict[str, Any]) -> int | None:
    """A version row's number; None when the row carries no usable one."""
    try:
        return int(version["number"])
    except (KeyError, TypeError, ValueError):
        return None


def pick_version(details: dict[str, Any]) -> tuple[dict[str, Any], bool]:
    """The active version when there is one, else the newest."""
    active = details.get("active_version")
    if isinstance(active, dict) and active.get("number") is not None:
        return active, True
    version = details.get("version")
    if isinstance(version, dict) and version.get("number") is not None:
        return version, bool(version.get("active"))
    numbers = [v for v in details.get("versions") or [] if isinstance(v, dict)]
    if not numbers:
        raise FastlyError(f"service {details.get('id')}: no versions in details")
    newest = max(numbers, key=lambda v: int(v.get("number", 0)))
    return newest, bool(newest.get("active"))


def logging_kinds_to_read(comment: str | None, wanted: Iterable[str],
                          all_logging: bool) -> list[Kind]:
    marker = parse_marker(comment)
    names = set(wanted)
    if all_logging or marker is None:
        names |= {kind.name for kind in KINDS.values() if kind.logging}
    else:
        names |= marker.logging
    return [kind for kind in KINDS.values() if kind.logging and kind.name in names]


def _objects(kind: Kind, rows: Any) -> list[KindModel]:
    if not isinstance(rows, list):
        return []
    return [from_wire(kind, _members_as_names(kind, row)) for row in rows
            if isinstance(row, dict)]


def _members_as_names(kind: Kind, row: dict[str, Any]) -> dict[str, Any]:
    """Director members arrive as names (real API) or as objects (the SDK's model)."""
    out = row
    for name in kind.detached:
        value = row.get(name)
        if store_for(kind, name).shape != "set" or not isinstance(value, list):
            continue
        names = []
        for member in value:
            if isinstance(member, dict):
                member = member.get("backend_name") or member.get("name")
            if member is not None:
                names.append(str(member))
        out = {**out, name: names}
    return out


async def read_remote(client: FastlyClient, ref: ServiceRef, *,
                      logging: Iterable[str] = (), all_logging: bool = False,
                      version: int | None = None,
                      elsewhere: frozenset[tuple[str, str]] = frozenset(),
                      extras: dict[str, KindModel | None] | None = None,
                      detached: bool = True) -> RemoteService:
    """Read the live service `ref` points at, normalised into a `Service`.

    `logging`: logging kind names to read in any case (those the spec uses).
    `version`: read that version instead of the active one.
    `elsewhere`: (kind, name) whose detached contents another system manages: not read.
    `extras`: kinds not in /details nor logging (http3, products...) to read, each with the
    spec's object saying what to read (None: all of it); `all_logging` reads them all.
    `detached`: also read versionless data (items, entries, dynamic content); a caller that
    compares two versions of one service skips it, since both versions share it.
    """
    service_id = ref.id or await find_service_id(client, ref.name)
    if service_id is None:
        raise ServiceNotFound(f"no live service named {ref.name!r}")
    try:
        params = {"version": version} if version is not None else None
        details = await client.get(details_path(service_id), params=params)
    except ApiError as exc:
        if exc.absent and ref.id:
            raise ServiceNotFound(f"no live service with id {ref.id!r}") from None
        raise
    if not isinstance(details, dict):
        raise FastlyError(f"service {service_id}: details response is not an object")
    if version is not None:
        picked = details.get("version") or {}
        is_active = bool(picked.get("active"))
    else:
        picked, is_active = pick_version(details)
    number = int(picked["number"])
    comment = picked.get("comment")

    fields: dict[str, Any] = {}
    ids: dict[tuple[str, str], str] = {}
    for kind in KINDS.values():
        if not kind.in_details:
            continue
        if kind.singleton:
            data = picked.get(kind.spec_key)
            fields[kind.spec_key] = from_wire(kind, data if isinstance(data, dict) else {})
            continue
        rows = picked.get(kind.spec_key) or []
        fields[kind.spec_key] = _objects(kind, rows)
        if kind.has_id:
            for row in rows:
                if isinstance(row, dict) and row.get("id") is not None:
                    ids[(kind.name, str(row.get("name")))] = str(row["id"])

    logging_kinds = logging_kinds_to_read(comment, logging, all_logging)
    name = str(details.get("name") or ref.name)
    remote = RemoteService(service=EMPTY, id=service_id, name=name,
                           version=number, active=is_active, version_comment=comment,
                           ids=ids, logging_read=frozenset(k.name for k in logging_kinds),
                           versions=[v for v in details.get("versions") or []
                                     if isinstance(v, dict)])
    jobs = [_read_logging(client, service_id, number, kind, fields) for kind in logging_kinds]
    if detached:
        jobs += _detached_jobs(client, remote, fields, elsewhere)
    for kind in KINDS.values():
        if kind.access != "standard" and (all_logging or kind.name in (extras or {})):
            jobs.append(_read_extra(client, service_id, number, kind,
                                    (extras or {}).get(kind.name), fields))
    await gather_all(*jobs)
    # Every object was validated by from_wire; constructing skips validating them again.
    # Every field is given: pydantic inspects default factories on each construct (slow).
    for kind in KINDS.values():
        fields.setdefault(kind.spec_key, kind.model() if kind.singleton else [])
    remote.service = Service.model_construct(
        name=remote.name, id=service_id, comment=details.get("comment") or None, **fields)
    return remote


async def _read_extra(client: FastlyClient, service_id: str, number: int, kind: Kind,
                      wanted: KindModel | None, fields: dict[str, Any]) -> None:
    fields[kind.spec_key] = await extras.read(client, kind, service_id, number, wanted)


async def _read_logging(client: FastlyClient, service_id: str, number: int, kind: Kind,
                        fields: dict[str, Any]) -> None:
    path = f"{version_path(service_id, number)}/{kind.api_path}"
    fields[kind.spec_key] = _objects(kind, _rows(await client.get(path), "GET", path))


def _detached_jobs(client: FastlyClient, remote: RemoteService, fields: dict[str, Any],
                   elsewhere: frozenset[tuple[str, str]] = frozenset()) -> list[Any]:
    jobs = []
    unreadable: set[tuple[str, str]] = set()
    for kind in KINDS.values():
        if not kind.in_details or kind.singleton:
            continue
        for obj in fields.get(kind.spec_key, []):
            name = getattr(obj, kind.key_field)
            if (kind.name, name) in elsewhere:
                continue  # contents managed by another system: cost no read
            object_id = remote.object_id(kind, name)
            for field_name in sorted(kind.detached):
                store = store_for(kind, field_name)
                if store.versioned:
                    continue  # director members come with /details
                if object_id is None or kind.hides(obj):
                    unreadable.add((kind.name, name))
                    continue
                jobs.append(_read_detached(client, remote, kind, obj, object_id, field_name))
            if is_dynamic(kind, obj) and object_id is not None:
                jobs.append(_read_dynamic(client, remote, kind, obj, object_id))
    remote.unreadable = frozenset(unreadable)
    return jobs


async def _read_detached(client: FastlyClient, remote: RemoteService, kind: Kind,
                         obj: KindModel, object_id: str, field_name: str) -> None:
    store = store_for(kind, field_name)
    value, entry_ids = await read_store(client, remote.id, kind, object_id, store)
    setattr(obj, field_name, _typed(kind, field_name, value))
    if entry_ids:
        remote.entry_ids[getattr(obj, kind.key_field)] = entry_ids


def _typed(kind: Kind, field_name: str, value: Any) -> Any:
    """Validate a detached value with the field's type so records become model objects."""
    return _adapter(kind.model, field_name).validate_python(value)


@functools.cache
def _adapter(model: type[KindModel], field_name: str) -> TypeAdapter[Any]:
    return TypeAdapter(model.model_fields[field_name].annotation)


async def _read_dynamic(client: FastlyClient, remote: RemoteService, kind: Kind,
                        obj: KindModel, object_id: str) -> None:
    path = dynamic_path(remote.id, kind, object_id)
    data = await client.get(path)
    if not isinstance(data, dict):
        raise FastlyError(f"GET {path}: the answer is not an object")
    if kind.dynamic is not None:
        field = kind.dynamic.field
        setattr(obj, field, data.get(field))
