"""The Fastly configuration API itself: services, versions and every kind in the registry.

Transport-free: `FastlyApi.handle` takes a parsed `Request` and returns a `Response`, so the
ASGI app, the in-process sync transport and tests all share it. Routes and per-kind behaviour
come from `KINDS`; the few kind-specific features are keyed on what a kind declares (an `id`,
how its detached fields are stored (`Kind.storage`), a `main` field, a many-reference).
"""

from __future__ import annotations

import hashlib
import random
import re
import string
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ..kinds import KINDS, Kind
from . import compile as vcl_compile
from . import extras
from . import routes as more_routes
from .bodies import coerce_fields, parse_body, validate
from .errors import (
    ApiError,
    bad_request,
    duplicate,
    not_found,
    unknown_service,
    version_locked,
)
from .messages import Request, Response, Route
from .params import batch, flag, ip, paged, paginate, sort_rows, subnet, text
from .render import (
    WireMode,
    is_dynamic,
    member_fields,
    render_fields,
    render_object,
    render_service,
    render_version,
    timestamp,
)
from .routes.domains import with_staging_ips
from .routes.paths import not_allowed
from .rules import check_create, cleared_answer, echo_json, settle_update

MAX_VCL_BYTES = 1024 * 1024
MAX_NAME = 255
MAX_ITEM_KEY = 256
MAX_ITEM_VALUE = 8000
SINGLETON_KEY = ""
OK = {"status": "ok"}
_ID_ALPHABET = string.ascii_letters + string.digits
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
VERSION_ACTIONS = ("clone", "activate", "deactivate", "lock", "validate")


@dataclass(frozen=True)
class Rows:
    """Rows stored apart from versions under a dictionary or ACL: their table and how the real
    API names one it cannot find."""

    store: str
    label: str
    owner_field: str
    key_field: str


ITEMS = Rows("item", "DictionaryItem", "dictionary", "item_key")
ENTRIES = Rows("entry", "ACLEntry", "acl", "id")


def _by_segments() -> list[tuple[tuple[str, ...], Kind]]:
    """Kinds by their path segments, longest first (`logging/s3` before a plain kind)."""
    pairs = [(tuple(kind.api_path.split("/")), kind) for kind in KINDS.values()]
    return sorted(pairs, key=lambda pair: -len(pair[0]))


KIND_PATHS = _by_segments()
ITEM_KINDS = {kind.api_path: kind for kind in KINDS.values() if kind.stores("dictionary_items")}
ENTRY_KINDS = {kind.api_path: kind for kind in KINDS.values() if kind.stores("acl_entries")}
DYNAMIC_KINDS = {kind.api_path: kind for kind in KINDS.values()
                 if kind.stores("dynamic_content") and kind.has_id}
DETAIL_KINDS = [kind for kind in KINDS.values() if kind.in_details]


class FastlyApi:
    """Account state behind the API, and the handlers that read and change it."""

    def __init__(self, store: Any, *, clock: Callable[[], float] = time.time,
                 seed: int | None = None, wire_mode: WireMode = "real") -> None:
        self.store = store
        self.clock = clock
        self.wire_mode: WireMode = wire_mode
        self._ids = random.Random(seed) if seed is not None else random.SystemRandom()
        self._details: dict[str, dict[tuple[Any, ...], bytes]] = {}

    # ----- accounts ------------------------------------------------------------------------

    def add_account(self, token: str) -> str:
        """Register a token; its account id is derived from it so state survives restarts."""
        found = self.store.get("account", (token,))
        if found:
            return str(found["customer_id"])
        customer = _derived_id(token)
        with self.store.transaction():
            self.store.put("account", (token,), {"customer_id": customer})
        return customer

    def customer_for(self, token: str | None) -> str | None:
        if not token:
            return None
        found = self.store.get("account", (token,))
        return None if found is None else str(found["customer_id"])

    def reset(self) -> None:
        self.store.clear(keep=("account", "meta"))
        self._details.clear()

    def invalidate(self, service_id: str | None) -> None:
        if service_id is None:
            self._details.clear()
        else:
            self._details.pop(service_id, None)

    # ----- helpers -------------------------------------------------------------------------

    def new_id(self) -> str:
        return "".join(self._ids.choice(_ID_ALPHABET) for _ in range(22))

    def now(self) -> str:
        return timestamp(self.clock())

    def _service(self, customer: str, sid: str) -> dict[str, Any]:
        service = self.store.get("service", (customer, sid))
        if service is None:
            raise unknown_service(sid)
        if service.get("deleted"):
            raise bad_request(f"Service '{sid}' is deleted")
        return service

    def _versions(self, sid: str) -> list[dict[str, Any]]:
        versions = [value for _key, value in self.store.scan("version", (sid,))]
        return sorted(versions, key=lambda v: v["number"])

    def _version(self, sid: str, raw: str) -> dict[str, Any]:
        if not raw.isdigit() or len(raw) > 9:
            raise bad_request(f"Invalid version number '{raw}'")
        version = self.store.get("version", (sid, str(int(raw))))
        if version is None:
            raise not_found("Version", number=int(raw), service=sid)
        return version

    def _editable(self, sid: str, version: dict[str, Any]) -> None:
        if version.get("locked") or version.get("active"):
            raise version_locked(sid, version["number"])

    def _objects(self, sid: str, number: int, kind: Kind) -> list[tuple[str, dict[str, Any]]]:
        return self.store.scan("obj", (sid, str(number), kind.name))

    def _object(self, sid: str, number: int, kind: Kind, name: str) -> dict[str, Any]:
        record = self.store.get("obj", (sid, str(number), kind.name, name))
        if record is None:
            raise not_found(kind.api_label, name=name, service=sid, version=number)
        return record

    def _put_version(self, sid: str, version: dict[str, Any]) -> None:
        self.store.put("version", (sid, str(version["number"])), version)

    def _render(self, kind: Kind, sid: str, number: int, record: dict[str, Any]) -> dict[str, Any]:
        return render_object(kind, sid, number, record, self.wire_mode)

    # ----- routing -------------------------------------------------------------------------

    def route(self, req: Request) -> Route | None:
        """Match a request to a handler; None when nothing lives at that path."""
        seg, method = req.segments, req.method
        extra = (more_routes.route(self, req) or extras.route_products(self, req)
                 or extras.route_by_id(self, req))
        if extra is not None:
            return extra
        if not seg or seg[0] != "service":
            return None
        rest = seg[1:]
        if not rest:
            return self._pick(method, {"GET": ("GET service list", self.list_services),
                                       "POST": ("POST service", self.create_service)}, {})
        if rest == ["search"]:
            return self._pick(method, {"GET": ("GET service/search", self.search_service)}, {})
        sid, tail = rest[0], rest[1:]
        params: dict[str, Any] = {"sid": sid}
        found: Route | None = None
        if not tail:
            found = self._pick(method, {"GET": ("GET service", self.get_service),
                                        "PUT": ("PUT service", self.update_service),
                                        "DELETE": ("DELETE service", self.delete_service)}, params)
        elif tail == ["details"]:
            found = self._pick(method, {"GET": ("GET details", self.details)}, params)
        elif tail == ["domain"]:
            found = self._pick(method, {"GET": ("GET domain list", self.service_domains)}, params)
        elif tail[0] == "version":
            found = self._route_version(method, tail[1:], params)
        else:
            found = self._route_versionless(method, tail, params)
        if found is not None:
            found.service_id = sid
        return found

    @staticmethod
    def _pick(method: str, table: dict[str, tuple[str, Callable[..., Response]]],
              params: dict[str, Any]) -> Route:
        if method == "HEAD" and "GET" in table:
            method = "GET"
        if method not in table:
            return Route(f"{method} unsupported", not_allowed, {})
        label, handler = table[method]
        return Route(label, handler, params)

    def _route_version(self, method: str, tail: list[str], params: dict[str, Any]) -> Route | None:
        if not tail:
            return self._pick(method, {"GET": ("GET version list", self.list_versions),
                                       "POST": ("POST version", self.create_version)}, params)
        params["v"] = tail[0]
        rest = tail[1:]
        if not rest:
            return self._pick(method, {"GET": ("GET version", self.get_version),
                                       "PUT": ("PUT version", self.update_version)}, params)
        if len(rest) == 1 and rest[0] in VERSION_ACTIONS:
            verb = "GET" if rest[0] == "validate" else "PUT"
            handler = getattr(self, f"version_{rest[0]}")
            return self._pick(method, {verb: (f"{verb} {rest[0]}", handler)}, params)
        for segments, kind in KIND_PATHS:
            if tuple(rest[:len(segments)]) == segments:
                return self._route_kind(method, kind, rest[len(segments):], params)
        return None

    def _route_kind(self, method: str, kind: Kind, rest: list[str],
                    params: dict[str, Any]) -> Route | None:
        if kind.access != "standard":
            return extras.route_version_kind(self, method, kind, rest, params)
        params["kind"] = kind
        name = kind.name
        if kind.singleton:
            if rest:
                return None
            return self._pick(method, {"GET": (f"GET {name}", self.get_singleton),
                                       "PUT": (f"PUT {name}", self.update_singleton)}, params)
        if not rest:
            return self._pick(method, {"GET": (f"GET {name} list", self.list_objects),
                                       "POST": (f"POST {name}", self.create_object)}, params)
        params["name"] = rest[0]
        if len(rest) == 1:
            return self._pick(method, {"GET": (f"GET {name}", self.get_object),
                                       "PUT": (f"PUT {name}", self.update_object),
                                       "DELETE": (f"DELETE {name}", self.delete_object)}, params)
        if rest[1:] == ["main"] and "main" in kind.model.model_fields:
            return self._pick(method, {"PUT": (f"PUT {name}/main", self.set_main)}, params)
        if rest[1:] == ["info"] and kind.stores("dictionary_items"):
            return self._pick(method, {"GET": (f"GET {name}/info", self.dictionary_info)}, params)
        for member_field, member_kind_name in member_fields(kind):
            member_kind = KINDS[member_kind_name]
            if len(rest) == 3 and rest[1] == member_kind.api_path:
                params.update(member=rest[2], member_field=member_field, member_kind=member_kind)
                label = f"{name}/{member_kind.name}"
                return self._pick(method, {"GET": (f"GET {label}", self.get_member),
                                           "POST": (f"POST {label}", self.add_member),
                                           "DELETE": (f"DELETE {label}", self.remove_member)},
                                  params)
        return None

    def _route_versionless(self, method: str, tail: list[str],
                           params: dict[str, Any]) -> Route | None:
        path = tail[0]
        if path in ITEM_KINDS and len(tail) >= 3:
            params.update(kind=ITEM_KINDS[path], owner=tail[1])
            if tail[2:] == ["items"]:
                return self._pick(method, {"GET": ("GET items", self.list_items),
                                           "PATCH": ("PATCH items", self.batch_items)}, params)
            if tail[2:] == ["item"]:
                return self._pick(method, {"POST": ("POST item", self.create_item)}, params)
            if tail[2] == "item" and len(tail) == 4:
                params["key"] = tail[3]
                return self._pick(method, {"GET": ("GET item", self.get_item),
                                           "PUT": ("PUT item", self.upsert_item),
                                           "PATCH": ("PATCH item", self.update_item),
                                           "DELETE": ("DELETE item", self.delete_item)}, params)
        if path in ENTRY_KINDS and len(tail) >= 3:
            params.update(kind=ENTRY_KINDS[path], owner=tail[1])
            if tail[2:] == ["entries"]:
                return self._pick(method, {"GET": ("GET entries", self.list_entries),
                                           "PATCH": ("PATCH entries", self.batch_entries)},
                                  params)
            if tail[2:] == ["entry"]:
                return self._pick(method, {"POST": ("POST entry", self.create_entry)}, params)
            if tail[2] == "entry" and len(tail) == 4:
                params["entry"] = tail[3]
                return self._pick(method, {"GET": ("GET entry", self.get_entry),
                                           "PATCH": ("PATCH entry", self.update_entry),
                                           "DELETE": ("DELETE entry", self.delete_entry)}, params)
        if path in DYNAMIC_KINDS and len(tail) == 2:
            params.update(kind=DYNAMIC_KINDS[path], owner=tail[1])
            return self._pick(method, {"GET": (f"GET {path}/dynamic", self.get_dynamic),
                                       "PUT": (f"PUT {path}/dynamic", self.update_dynamic)},
                              params)
        return None

    # ----- services ------------------------------------------------------------------------

    def _customer_services(self, customer: str) -> list[dict[str, Any]]:
        return [s for _k, s in self.store.scan("service", (customer,)) if not s.get("deleted")]

    def list_services(self, req: Request, customer: str) -> Response:
        services = self._customer_services(customer)
        sort = req.arg("sort") or "created"
        sort_key = {"created": "created_seq", "name": "name", "updated": "updated_at",
                    "created_at": "created_seq", "updated_at": "updated_at"}.get(sort)
        if sort_key is None:
            raise bad_request(f"Invalid sort field '{sort}'")
        services.sort(key=lambda s: (s.get(sort_key), s["created_seq"]))
        if (req.arg("direction") or "ascend") == "descend":
            services.reverse()
        page, link = paginate(req, services, "/service", default_per_page=20)
        data = [render_service(s, self._versions(s["id"]), listing=True) for s in page]
        return Response(200, data, {"Link": link} if link else {})

    def search_service(self, req: Request, customer: str) -> Response:
        name = req.arg("name")
        for service in self._customer_services(customer):
            if service["name"] == name:
                return Response(200, render_service(service, self._versions(service["id"]),
                                                    bare=True))
        raise bad_request(f"Service '{name}' not found")

    def create_service(self, req: Request, customer: str) -> Response:
        data = _data(req)
        name = text(data.get("name"), "name")
        if not name:
            raise bad_request("Invalid value for 'name': is required")
        service_type = text(data.get("type"), "type") or "vcl"
        if service_type not in ("vcl", "wasm"):
            raise bad_request(f"Invalid value for 'type': {service_type}")
        now, sid = self.now(), self.new_id()
        seq = self.store.get("meta", ("service_seq",)) or 0
        self.store.put("meta", ("service_seq",), seq + 1)
        service = {"id": sid, "customer_id": customer, "name": name, "type": service_type,
                   "comment": text(data.get("comment"), "comment") or "",
                   "created_at": now, "updated_at": now, "created_seq": seq}
        self.store.put("service", (customer, sid), service)
        version = _new_version(1, now)
        self._put_version(sid, version)
        return Response(200, render_service(service, [version]))

    def get_service(self, req: Request, customer: str, sid: str) -> Response:
        service = self._service(customer, sid)
        return Response(200, render_service(service, self._versions(sid)))

    def update_service(self, req: Request, customer: str, sid: str) -> Response:
        service = dict(self._service(customer, sid))
        data = _data(req)
        for key in ("name", "comment"):
            if key in data:
                value = text(data[key], key)
                if key == "name" and not value:
                    raise bad_request("Invalid value for 'name': is required")
                service[key] = value or ""
        service["updated_at"] = self.now()
        self.store.put("service", (customer, sid), service)
        return Response(200, render_service(service, self._versions(sid)))

    def delete_service(self, req: Request, customer: str, sid: str) -> Response:
        service = dict(self._service(customer, sid))
        if any(v.get("active") for v in self._versions(sid)):
            raise bad_request("Cannot delete a service with an active version; deactivate it")
        service["deleted"] = True
        self.store.put("service", (customer, sid), service)
        return Response(200, OK)

    def service_domains(self, req: Request, customer: str, sid: str) -> Response:
        self._service(customer, sid)
        versions = self._versions(sid)
        active = [v for v in versions if v.get("active")]
        number = (active or versions)[-1]["number"]
        kind = KINDS["domain"]
        return Response(200, [self._render(kind, sid, number, rec)
                              for _n, rec in self._objects(sid, number, kind)])

    def details(self, req: Request, customer: str, sid: str) -> Response:
        service = self._service(customer, sid)
        wanted = req.arg("version")
        active_only = (req.arg("filter[versions.active]") or "").lower() in ("true", "1")
        cache_key = (customer, wanted, active_only)
        cached = self._details.get(sid, {}).get(cache_key)
        if cached is not None:
            return Response(200, raw=cached)
        versions = self._versions(sid)
        active = next((v for v in versions if v.get("active")), None)
        version = self._version(sid, wanted) if wanted is not None else active or versions[-1]
        listed = [v for v in versions if v.get("active")] if active_only else versions
        data = render_service(service, listed, bare=True)
        data["version"] = self._version_detail(sid, version)
        data["active_version"] = self._version_detail(sid, active) if active else None
        response = Response(200, data)
        self._details.setdefault(sid, {})[cache_key] = response.body()
        return response

    def _version_detail(self, sid: str, version: dict[str, Any]) -> dict[str, Any]:
        number = version["number"]
        out = render_version(sid, version)
        for kind in DETAIL_KINDS:
            if kind.singleton:
                record = self.store.get("obj", (sid, str(number), kind.name, SINGLETON_KEY))
                fields = record["fields"] if record else validate(kind, {})
                out[kind.spec_key] = render_fields(kind, fields, self.wire_mode)
            else:
                out[kind.spec_key] = [self._render(kind, sid, number, rec)
                                      for _n, rec in self._objects(sid, number, kind)]
        out["wordpress"] = []
        return out

    # ----- versions ------------------------------------------------------------------------

    def list_versions(self, req: Request, customer: str, sid: str) -> Response:
        self._service(customer, sid)
        return Response(200, [render_version(sid, v) for v in self._versions(sid)])

    def create_version(self, req: Request, customer: str, sid: str) -> Response:
        self._service(customer, sid)
        number = self._versions(sid)[-1]["number"] + 1
        version = _new_version(number, self.now())
        comment = text(_data(req).get("comment"), "comment")
        if comment is not None:
            version["comment"] = comment
        self._put_version(sid, version)
        answer: dict[str, Any] = {"number": number, "service_id": sid}
        return Response(200, answer if comment is None else {"comment": comment, **answer})

    def get_version(self, req: Request, customer: str, sid: str, v: str) -> Response:
        self._service(customer, sid)
        return Response(200, render_version(sid, self._version(sid, v)))

    def update_version(self, req: Request, customer: str, sid: str, v: str) -> Response:
        self._service(customer, sid)
        version = dict(self._version(sid, v))
        data = _data(req)
        if "comment" in data:
            version["comment"] = text(data["comment"], "comment") or ""
            version["updated_at"] = self.now()
            self._put_version(sid, version)
        return Response(200, render_version(sid, version))

    def version_clone(self, req: Request, customer: str, sid: str, v: str) -> Response:
        self._service(customer, sid)
        source = self._version(sid, v)
        number = self._versions(sid)[-1]["number"] + 1
        now = self.now()
        clone = _new_version(number, now)
        clone["comment"] = source.get("comment", "")
        self._put_version(sid, clone)
        for kind in KINDS.values():
            for name, record in self._objects(sid, source["number"], kind):
                self.store.put("obj", (sid, str(number), kind.name, name), record)
        return Response(200, render_version(sid, clone))

    def version_activate(self, req: Request, customer: str, sid: str, v: str) -> Response:
        self._service(customer, sid)
        version = self.run_in(sid, v, "active")
        return Response(200, {**render_version(sid, version), "msg": None})

    def run_in(self, sid: str, v: str, flag: str) -> dict[str, Any]:
        """Compile version `v` and make it the one version with `flag` (`active`: production,
        or `staging`); like Fastly, that locks it for good."""
        version = dict(self._version(sid, v))
        problems = self._compile(sid, version["number"])
        if problems:
            raise bad_request(problems[0].detail())
        now = self.now()
        for other in self._versions(sid):
            if other.get(flag) and other["number"] != version["number"]:
                self._put_version(sid, {**other, flag: False, "updated_at": now})
        version.update({flag: True, "locked": True, "updated_at": now})
        self._put_version(sid, version)
        return version

    def version_deactivate(self, req: Request, customer: str, sid: str, v: str) -> Response:
        self._service(customer, sid)
        return Response(200, render_version(sid, self.stop_in(sid, v, "active")))

    def stop_in(self, sid: str, v: str, flag: str) -> dict[str, Any]:
        """Take version `v` out of the environment `flag` names (`run_in`'s undo); it stays
        locked."""
        version = dict(self._version(sid, v))
        if version.get(flag):
            version.update({flag: False, "updated_at": self.now()})
            self._put_version(sid, version)
        return version

    def version_lock(self, req: Request, customer: str, sid: str, v: str) -> Response:
        self._service(customer, sid)
        version = dict(self._version(sid, v))
        if not version.get("locked"):
            version.update(locked=True, updated_at=self.now())
            self._put_version(sid, version)
        return Response(200, render_version(sid, version))

    def version_validate(self, req: Request, customer: str, sid: str, v: str) -> Response:
        self._service(customer, sid)
        version = self._version(sid, v)
        problems = self._compile(sid, version["number"])
        errors = [p.detail() for p in problems]
        return Response(200, {"status": "error" if errors else "ok",
                              "msg": errors[0] if errors else None,
                              "errors": errors, "warnings": [], "messages": []})

    def _compile(self, sid: str, number: int) -> list[vcl_compile.Problem]:
        vcls: list[dict[str, Any]] = []
        snippets: list[dict[str, Any]] = []
        conditions: list[dict[str, Any]] = []
        for kind in KINDS.values():
            fields = kind.model.model_fields
            for name, record in self._objects(sid, number, kind):
                values = record["fields"]
                if "main" in fields and "content" in fields:
                    vcls.append({"name": name, "content": values.get("content"),
                                 "main": values.get("main")})
                elif "type" in fields and "content" in fields and "priority" in fields:
                    content = values.get("content")
                    if is_dynamic(kind, values):
                        dynamic = self.store.get("dynamic", (sid, record["id"])) or {}
                        content = dynamic.get("content")
                    snippets.append({"name": name, "type": values.get("type"),
                                     "content": content})
                elif "statement" in fields:
                    conditions.append({"name": name, "statement": values.get("statement")})
        return vcl_compile.check(vcls, snippets, conditions)

    # ----- versioned objects ---------------------------------------------------------------

    def list_objects(self, req: Request, customer: str, sid: str, v: str, kind: Kind) -> Response:
        self._service(customer, sid)
        number = self._version(sid, v)["number"]
        rows = [self._render(kind, sid, number, rec)
                for _n, rec in self._objects(sid, number, kind)]
        return Response(200, with_staging_ips(req, kind, rows))

    def get_object(self, req: Request, customer: str, sid: str, v: str, kind: Kind,
                   name: str) -> Response:
        self._service(customer, sid)
        number = self._version(sid, v)["number"]
        return Response(200, self._render(kind, sid, number, self._object(sid, number, kind, name)))

    def _writable_version(self, customer: str, sid: str, v: str) -> int:
        self._service(customer, sid)
        version = self._version(sid, v)
        self._editable(sid, version)
        return int(version["number"])

    def _check_name(self, kind: Kind, name: Any) -> str:
        if not isinstance(name, str) or not name:
            raise bad_request("Invalid value for 'name': is required")
        if len(name) > MAX_NAME or _CONTROL.search(name):
            raise bad_request(f"Invalid value for 'name': {name[:40]!r} is not a valid name")
        if kind.name_pattern and not re.fullmatch(kind.name_pattern, name):
            raise bad_request(kind.name_rule or f"Invalid value for 'name': {name!r}")
        return name

    def _check_content(self, kind: Kind, fields: dict[str, Any]) -> None:
        content = fields.get("content")
        if "main" in kind.model.model_fields and isinstance(content, str) \
                and len(content.encode("utf-8", "surrogatepass")) > MAX_VCL_BYTES:
            raise bad_request(f"VCL '{fields.get('name')}' is too large: custom VCL files "
                              f"may be at most 1MB ({MAX_VCL_BYTES} bytes)")

    def create_object(self, req: Request, customer: str, sid: str, v: str,
                      kind: Kind) -> Response:
        number = self._writable_version(customer, sid, v)
        data = _data(req)
        fields = coerce_fields(kind, data)
        if not fields.get("name") and kind.default_name:
            fields["name"] = self._free_name(sid, number, kind, kind.default_name)
        name = self._check_name(kind, fields.get("name"))
        for member_field, _member_kind in member_fields(kind):
            fields[member_field] = []
        fields = validate(kind, fields)
        check_create(kind, fields)
        key = (sid, str(number), kind.name, name)
        if self.store.get("obj", key) is not None:
            raise duplicate(kind.name, name)
        self._check_content(kind, fields)
        now = self.now()
        record: dict[str, Any] = {"fields": fields, "created_at": now, "updated_at": now}
        if kind.has_id:
            record["id"] = self.new_id()
            self.store.put("ids", (sid, kind.name, record["id"]), {"created_at": now})
        if is_dynamic(kind, fields):
            self.store.put("dynamic", (sid, record["id"]),
                           {"content": fields.get("content"), "created_at": now,
                            "updated_at": now})
            record["fields"] = {**fields, "content": None}
        if fields.get("main"):
            self._clear_main(kind, sid, number, name)
        self.store.put("obj", key, record)
        return Response(200, render_object(kind, sid, number, record, self.wire_mode,
                                           created=True))

    def _free_name(self, sid: str, number: int, kind: Kind, prefix: str) -> str:
        taken = {name for name, _record in self._objects(sid, number, kind)}
        return next(f"{prefix}_{n}" for n in range(1, len(taken) + 2)
                    if f"{prefix}_{n}" not in taken)

    def update_object(self, req: Request, customer: str, sid: str, v: str, kind: Kind,
                      name: str) -> Response:
        number = self._writable_version(customer, sid, v)
        record = self._object(sid, number, kind, name)
        data = _data(req)
        changes = coerce_fields(kind, data)
        for member_field, _member_kind in member_fields(kind):
            changes.pop(member_field, None)
        if kind.fixed_name:
            changes.pop("name", None)
        new_name = name
        if "name" in changes:
            new_name = self._check_name(kind, changes["name"])
            if new_name != name and self.store.get(
                    "obj", (sid, str(number), kind.name, new_name)) is not None:
                raise duplicate(kind.name, new_name)
        old_fields = dict(record["fields"])
        was_dynamic = is_dynamic(kind, old_fields)
        if was_dynamic:
            dynamic = self.store.get("dynamic", (sid, record["id"])) or {}
            old_fields["content"] = dynamic.get("content")
        settled = settle_update(kind, old_fields, changes)
        fields = validate(kind, {**old_fields, **settled})
        self._check_content(kind, fields)
        now = self.now()
        updated = {**record, "fields": fields, "updated_at": now}
        if is_dynamic(kind, fields):
            dynamic = self.store.get("dynamic", (sid, record["id"])) or {"created_at": now}
            self.store.put("dynamic", (sid, record["id"]),
                           {**dynamic, "content": fields.get("content"), "updated_at": now})
            updated["fields"] = {**fields, "content": None}
        if fields.get("main") and not old_fields.get("main"):
            self._clear_main(kind, sid, number, name)
        if new_name != name:
            self.store.delete("obj", (sid, str(number), kind.name, name))
        self.store.put("obj", (sid, str(number), kind.name, new_name), updated)
        answer = self._render(kind, sid, number, updated)
        if self.wire_mode == "real":  # the real answer's quirks; the SDK wants its own types
            cleared_answer(kind, old_fields, changes, answer)
            if "json" in req.headers.get("content-type", "").lower():
                echo_json(kind, data, answer)
        return Response(200, answer)

    def delete_object(self, req: Request, customer: str, sid: str, v: str, kind: Kind,
                      name: str) -> Response:
        number = self._writable_version(customer, sid, v)
        self._object(sid, number, kind, name)
        self.store.delete("obj", (sid, str(number), kind.name, name))
        return Response(200, OK)

    def _clear_main(self, kind: Kind, sid: str, number: int, keep: str) -> None:
        for other, record in self._objects(sid, number, kind):
            if other != keep and record["fields"].get("main"):
                fields = {**record["fields"], "main": False}
                self.store.put("obj", (sid, str(number), kind.name, other),
                               {**record, "fields": fields})

    def set_main(self, req: Request, customer: str, sid: str, v: str, kind: Kind,
                 name: str) -> Response:
        number = self._writable_version(customer, sid, v)
        record = self._object(sid, number, kind, name)
        self._clear_main(kind, sid, number, name)
        updated = {**record, "fields": {**record["fields"], "main": True},
                   "updated_at": self.now()}
        self.store.put("obj", (sid, str(number), kind.name, name), updated)
        return Response(200, self._render(kind, sid, number, updated))

    def get_singleton(self, req: Request, customer: str, sid: str, v: str,
                      kind: Kind) -> Response:
        self._service(customer, sid)
        number = self._version(sid, v)["number"]
        record = self.store.get("obj", (sid, str(number), kind.name, SINGLETON_KEY)) \
            or {"fields": validate(kind, {})}
        return Response(200, self._render(kind, sid, number, record))

    def update_singleton(self, req: Request, customer: str, sid: str, v: str,
                         kind: Kind) -> Response:
        number = self._writable_version(customer, sid, v)
        key = (sid, str(number), kind.name, SINGLETON_KEY)
        old = self.store.get("obj", key) or {"fields": validate(kind, {})}
        data = _data(req)
        fields = validate(kind, {**old["fields"], **coerce_fields(kind, data)})
        record = {"fields": fields}
        self.store.put("obj", key, record)
        return Response(200, self._render(kind, sid, number, record))

    # ----- members (director backends) -----------------------------------------------------

    def _member_response(self, sid: str, number: int, kind: Kind, name: str, member: str,
                         record: dict[str, Any]) -> dict[str, Any]:
        out = {f"{kind.name}_name": name, "backend_name": member,
               "service_id": sid, "version": number, "created_at": record["created_at"],
               "updated_at": record["updated_at"], "deleted_at": None}
        if self.wire_mode == "sdk":  # fastly-py's DirectorBackend names it `director`
            out[kind.name] = name
        return out

    def _member_missing(self, sid: str, number: int, kind: Kind, member_kind: Kind, name: str,
                        member: str) -> ApiError:
        where = {kind.name: name, member_kind.name: member, "service": sid, "version": number}
        return not_found(kind.api_label + member_kind.api_label, **where)

    def get_member(self, req: Request, customer: str, sid: str, v: str, kind: Kind, name: str,
                   member: str, member_field: str, member_kind: Kind) -> Response:
        self._service(customer, sid)
        number = self._version(sid, v)["number"]
        record = self._object(sid, number, kind, name)
        if member not in record["fields"].get(member_field, []):
            raise self._member_missing(sid, number, kind, member_kind, name, member)
        return Response(200, self._member_response(sid, number, kind, name, member, record))

    def add_member(self, req: Request, customer: str, sid: str, v: str, kind: Kind, name: str,
                   member: str, member_field: str, member_kind: Kind) -> Response:
        number = self._writable_version(customer, sid, v)
        record = self._object(sid, number, kind, name)
        self._object(sid, number, member_kind, member)
        members = list(record["fields"].get(member_field, []))
        if member in members:
            raise duplicate(f"{kind.name}_{member_kind.name}", f"{name}/{member}")
        members.append(member)
        updated = {**record, "fields": {**record["fields"], member_field: members},
                   "updated_at": self.now()}
        self.store.put("obj", (sid, str(number), kind.name, name), updated)
        return Response(200, self._member_response(sid, number, kind, name, member, updated))

    def remove_member(self, req: Request, customer: str, sid: str, v: str, kind: Kind,
                      name: str, member: str, member_field: str, member_kind: Kind) -> Response:
        number = self._writable_version(customer, sid, v)
        record = self._object(sid, number, kind, name)
        members = list(record["fields"].get(member_field, []))
        if member not in members:
            raise self._member_missing(sid, number, kind, member_kind, name, member)
        members.remove(member)
        updated = {**record, "fields": {**record["fields"], member_field: members},
                   "updated_at": self.now()}
        self.store.put("obj", (sid, str(number), kind.name, name), updated)
        return Response(200, OK)

    # ----- dictionary items and ACL entries --------------------------------------------------

    def _row_missing(self, rows: Rows, sid: str, owner: str, key: str) -> ApiError:
        return not_found(rows.label, **{rows.owner_field: owner, rows.key_field: key},
                         service=sid)

    def _row(self, rows: Rows, sid: str, owner: str, key: str) -> dict[str, Any]:
        found = self.store.get(rows.store, (sid, owner, key))
        if found is None:
            raise self._row_missing(rows, sid, owner, key)
        return dict(found)

    def _drop_row(self, rows: Rows, sid: str, owner: str, key: str) -> None:
        self._row(rows, sid, owner, key)
        self.store.delete(rows.store, (sid, owner, key))

    def _delete_row(self, rows: Rows, customer: str, sid: str, kind: Kind, owner: str,
                    key: str) -> Response:
        self._owner(customer, sid, kind, owner)
        self._drop_row(rows, sid, owner, key)
        return Response(200, OK)

    def _owner(self, customer: str, sid: str, kind: Kind, owner: str) -> None:
        self._service(customer, sid)
        if self.store.get("ids", (sid, kind.name, owner)) is None:
            raise not_found(kind.api_label, id=owner, service=sid)

    def _readable(self, sid: str, kind: Kind, owner: str) -> None:
        """Items of a write-only dictionary cannot be read back: 400 with the real detail (falco
        PR #144). The flag is the active version's, else the newest one's holding it."""
        versions = sorted(self._versions(sid), key=lambda v: (bool(v.get("active")), v["number"]))
        for version in reversed(versions):
            for _name, record in self._objects(sid, version["number"], kind):
                if record.get("id") == owner:
                    if any(d.hidden_by and record["fields"].get(d.hidden_by)
                           for d in kind.storage):
                        raise bad_request("Not allowed to read contents of write_only "
                                          "dictionary")
                    return

    def _item_body(self, sid: str, owner: str, key: str, item: dict[str, Any]) -> dict[str, Any]:
        return {"dictionary_id": owner, "service_id": sid, "item_key": key,
                "item_value": item["value"], "created_at": item["created_at"],
                "updated_at": item["updated_at"], "deleted_at": None}

    def _write_item(self, sid: str, owner: str, key: Any, value: Any, *, create: bool,
                    update: bool) -> dict[str, Any]:
        key = text(key, "item_key")
        if not key or len(key) > MAX_ITEM_KEY:
            raise bad_request(f"Invalid value for 'item_key': must be 1 to {MAX_ITEM_KEY} "
                              "characters")
        value = text(value, "item_value")
        if value is None:
            raise bad_request("Invalid value for 'item_value': is required")
        if len(value) > MAX_ITEM_VALUE:
            raise bad_request(f"Invalid value for 'item_value': longer than {MAX_ITEM_VALUE} "
                              "characters")
        old = self.store.get("item", (sid, owner, key))
        if old is not None and not update:
            raise duplicate("dictionary_item", key)
        if old is None and not create:
            raise self._row_missing(ITEMS, sid, owner, key)
        now = self.now()
        item = {"value": value, "created_at": old["created_at"] if old else now,
                "updated_at": now}
        self.store.put("item", (sid, owner, key), item)
        return self._item_body(sid, owner, key, item)

    def list_items(self, req: Request, customer: str, sid: str, kind: Kind,
                   owner: str) -> Response:
        self._owner(customer, sid, kind, owner)
        self._readable(sid, kind, owner)
        items = [self._item_body(sid, owner, key, item)
                 for key, item in self.store.scan("item", (sid, owner))]
        items = sort_rows(req, items, {"item_key": "item_key", "created": "created_at",
                                     "updated": "updated_at"}, default="item_key")
        return paged(req, items, f"/service/{sid}/{kind.api_path}/{owner}/items")

    def create_item(self, req: Request, customer: str, sid: str, kind: Kind,
                    owner: str) -> Response:
        self._owner(customer, sid, kind, owner)
        data = _data(req)
        body = self._write_item(sid, owner, data.get("item_key"), data.get("item_value"),
                                create=True, update=False)
        return Response(200, body)

    def get_item(self, req: Request, customer: str, sid: str, kind: Kind, owner: str,
                 key: str) -> Response:
        self._owner(customer, sid, kind, owner)
        self._readable(sid, kind, owner)
        return Response(200, self._item_body(sid, owner, key, self._row(ITEMS, sid, owner, key)))

    def upsert_item(self, req: Request, customer: str, sid: str, kind: Kind, owner: str,
                    key: str) -> Response:
        self._owner(customer, sid, kind, owner)
        data = _data(req)
        body = self._write_item(sid, owner, key, data.get("item_value"), create=True, update=True)
        return Response(200, {k: v for k, v in body.items() if not k.endswith("_at")})

    def update_item(self, req: Request, customer: str, sid: str, kind: Kind, owner: str,
                    key: str) -> Response:
        self._owner(customer, sid, kind, owner)
        data = _data(req)
        return Response(200, self._write_item(sid, owner, key, data.get("item_value"),
                                              create=False, update=True))

    def delete_item(self, req: Request, customer: str, sid: str, kind: Kind, owner: str,
                    key: str) -> Response:
        return self._delete_row(ITEMS, customer, sid, kind, owner, key)

    def batch_items(self, req: Request, customer: str, sid: str, kind: Kind,
                    owner: str) -> Response:
        self._owner(customer, sid, kind, owner)
        ops = batch(parse_body(req.body, "application/json"), "items")
        for op in ops:
            action, key = op.get("op"), op.get("item_key")
            if action == "delete":
                key = text(key, "item_key")
                if key is None:
                    raise self._row_missing(ITEMS, sid, owner, str(key))
                self._drop_row(ITEMS, sid, owner, key)
            elif action in ("create", "update", "upsert"):
                self._write_item(sid, owner, key, op.get("item_value"),
                                 create=action != "update", update=action != "create")
            else:
                raise bad_request(f"Invalid value for 'op': {action!r}")
        return Response(200, OK)

    def dictionary_info(self, req: Request, customer: str, sid: str, v: str, kind: Kind,
                        name: str) -> Response:
        self._service(customer, sid)
        number = self._version(sid, v)["number"]
        if not any(rec.get("id") == name for _n, rec in self._objects(sid, number, kind)):
            raise not_found(kind.api_label, id=name, service=sid, version=number)
        items = self.store.scan("item", (sid, name))
        digest = hashlib.sha256()
        for key, item in sorted(items):
            digest.update(f"{key}\0{item['value']}\0".encode())
        last = max((item["updated_at"] for _k, item in items), default=None)
        return Response(200, {"item_count": len(items),
                              "last_updated": last.replace("T", " ").rstrip("Z") if last else None,
                              "digest": digest.hexdigest()})

    # ----- ACL entries ---------------------------------------------------------------------

    def _entry_body(self, sid: str, owner: str, entry_id: str, entry: dict[str, Any], *,
                    read: bool = False) -> dict[str, Any]:
        negated: Any = int(bool(entry["negated"]))
        if read and self.wire_mode == "real":
            negated = str(negated)
        return {"id": entry_id, "acl_id": owner, "service_id": sid, "ip": entry["ip"],
                "subnet": entry["subnet"], "negated": negated, "comment": entry["comment"],
                "created_at": entry["created_at"], "updated_at": entry["updated_at"]}

    def _write_entry(self, sid: str, owner: str, entry_id: str | None,
                     data: dict[str, Any]) -> dict[str, Any]:
        old = self.store.get("entry", (sid, owner, entry_id)) if entry_id else None
        if entry_id and old is None:
            raise self._row_missing(ENTRIES, sid, owner, entry_id)
        now = self.now()
        entry = dict(old) if old else {"ip": None, "subnet": None, "negated": False,
                                       "comment": None, "created_at": now}
        if "ip" in data:
            entry["ip"] = ip(data["ip"])
        if entry["ip"] is None:
            raise bad_request("Invalid value for 'ip': is required")
        if "subnet" in data:
            entry["subnet"] = subnet(data["subnet"], entry["ip"])
        if "negated" in data:
            entry["negated"] = flag(data["negated"], "negated")
        if "comment" in data:
            entry["comment"] = text(data["comment"], "comment")
        entry["updated_at"] = now
        entry_id = entry_id or self.new_id()
        self.store.put("entry", (sid, owner, entry_id), entry)
        return self._entry_body(sid, owner, entry_id, entry)

    def list_entries(self, req: Request, customer: str, sid: str, kind: Kind,
                     owner: str) -> Response:
        self._owner(customer, sid, kind, owner)
        entries = [self._entry_body(sid, owner, entry_id, entry, read=True)
                   for entry_id, entry in self.store.scan("entry", (sid, owner))]
        entries = sort_rows(req, entries, {"ip": "ip", "created": "created_at",
                                         "updated": "updated_at"}, default="created")
        return paged(req, entries, f"/service/{sid}/{kind.api_path}/{owner}/entries")

    def create_entry(self, req: Request, customer: str, sid: str, kind: Kind,
                     owner: str) -> Response:
        self._owner(customer, sid, kind, owner)
        data = _data(req)
        return Response(200, self._write_entry(sid, owner, None, data))

    def get_entry(self, req: Request, customer: str, sid: str, kind: Kind, owner: str,
                  entry: str) -> Response:
        self._owner(customer, sid, kind, owner)
        return Response(200, self._entry_body(sid, owner, entry,
                                              self._row(ENTRIES, sid, owner, entry), read=True))

    def update_entry(self, req: Request, customer: str, sid: str, kind: Kind, owner: str,
                     entry: str) -> Response:
        self._owner(customer, sid, kind, owner)
        data = _data(req)
        return Response(200, self._write_entry(sid, owner, entry, data))

    def delete_entry(self, req: Request, customer: str, sid: str, kind: Kind, owner: str,
                     entry: str) -> Response:
        return self._delete_row(ENTRIES, customer, sid, kind, owner, entry)

    def batch_entries(self, req: Request, customer: str, sid: str, kind: Kind,
                      owner: str) -> Response:
        self._owner(customer, sid, kind, owner)
        ops = batch(parse_body(req.body, "application/json"), "entries")
        for op in ops:
            action = op.get("op")
            fields = {k: op[k] for k in ("ip", "subnet", "negated", "comment") if k in op}
            if action == "create":
                self._write_entry(sid, owner, None, fields)
            elif action in ("update", "delete"):
                entry_id = text(op.get("id"), "id")
                if not entry_id:
                    raise bad_request(f"Invalid value for 'id': required to {action} an entry")
                if action == "update":
                    self._write_entry(sid, owner, entry_id, fields)
                else:
                    self._drop_row(ENTRIES, sid, owner, entry_id)
            else:
                raise bad_request(f"Invalid value for 'op': {action!r}")
        return Response(200, OK)

    # ----- dynamic snippets ----------------------------------------------------------------

    def _dynamic(self, customer: str, sid: str, kind: Kind, owner: str) -> dict[str, Any]:
        self._service(customer, sid)
        found = self.store.get("dynamic", (sid, owner))
        if found is None:
            raise not_found(kind.api_label, id=owner, service=sid)
        return found

    def _dynamic_body(self, sid: str, owner: str, found: dict[str, Any]) -> dict[str, Any]:
        return {"service_id": sid, "snippet_id": owner, "content": found.get("content"),
                "created_at": found["created_at"], "updated_at": found["updated_at"]}

    def get_dynamic(self, req: Request, customer: str, sid: str, kind: Kind,
                    owner: str) -> Response:
        return Response(200, self._dynamic_body(sid, owner,
                                                self._dynamic(customer, sid, kind, owner)))

    def update_dynamic(self, req: Request, customer: str, sid: str, kind: Kind,
                       owner: str) -> Response:
        found = self._dynamic(customer, sid, kind, owner)
        data = _data(req)
        updated = dict(found)
        if "content" in data:
            updated["content"] = text(data["content"], "content") or ""
        updated["updated_at"] = self.now()
        self.store.put("dynamic", (sid, owner), updated)
        return Response(200, self._dynamic_body(sid, owner, updated))


# ----- small helpers ---------------------------------------------------------------------------


def _data(req: Request) -> dict[str, Any]:
    """The request's fields, as its content type says they are encoded."""
    return parse_body(req.body, req.headers.get("content-type", ""))


def _derived_id(token: str) -> str:
    digest = hashlib.sha256(b"fastlysync-emulator-account:" + token.encode()).digest()
    return "".join(_ID_ALPHABET[b % len(_ID_ALPHABET)] for b in digest[:22])


def _new_version(number: int, now: str) -> dict[str, Any]:
    return {"number": number, "comment": "", "active": False, "locked": False,
            "deployed": False, "staging": False, "testing": False,
            "created_at": now, "updated_at": now}
