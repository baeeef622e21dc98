"""Routes for kinds whose endpoints are not versioned objects by name (`Kind.access`).

http3 (`/version/{n}/http3`: GET 404 when off, POST on, DELETE off), image optimizer
defaults (`/version/{n}/image_optimizer_default_settings`: GET, JSON PATCH) and product
enablement (`/enabled-products/v1/{product}/services/{id}`: GET 400 "no product on service"
when off, PUT on, DELETE off; `.../configuration` GET and PATCH), as the recorded API answers.
The versioned ones live with the version's objects, so clone copies them.
"""

from __future__ import annotations

import base64
import hashlib
from functools import partial
from typing import TYPE_CHECKING, Any, get_origin
from urllib.parse import parse_qsl

from pydantic import ValidationError

from ..kinds import KINDS, Kind
from ..kinds.product_enablement import PRODUCTS, SETTINGS
from ..kinds.wire import coerce
from .bodies import coerce_fields, parse_body, validate
from .errors import ApiError, Problem, bad_request, not_found
from .messages import Request, Response, Route
from .render import WireMode
from .routes.paths import bind
from .routes.products import ProductProblem, product_links

if TYPE_CHECKING:
    from .api import FastlyApi

KEY = ""
"""Record key of a versioned singleton (as the API module stores singletons)."""
CONFIG_DEFAULTS = {"bot_management": {"contentguard": "off"},
                   "ddos_protection": {"mode": "log"},
                   "ngwaf": {"traffic_ramp": "100"}}
BY_ID_KINDS = tuple(kind for kind in KINDS.values() if kind.access == "by_id")
"""Kinds changed by id at `/<api_path>/{id}` (rate limiters)."""


def route_version_kind(api: FastlyApi, method: str, kind: Kind, rest: list[str],
                       params: dict[str, Any]) -> Route | None:
    """`/service/{id}/version/{n}/<api_path>` for a kind with non-standard access."""
    if rest:
        return None
    params["kind"] = kind
    table: dict[str, Any]
    if kind.access == "by_id":
        table = {"GET": (f"GET {kind.name} list", partial(list_by_id, api)),
                 "POST": (f"POST {kind.name}", partial(create_by_id, api))}
    elif kind.access == "presence":
        table = {"GET": (f"GET {kind.name}", partial(get_presence, api)),
                 "POST": (f"POST {kind.name}", partial(set_presence, api, True)),
                 "DELETE": (f"DELETE {kind.name}", partial(set_presence, api, False))}
    else:
        table = {"GET": (f"GET {kind.name}", partial(get_patched, api)),
                 "PATCH": (f"PATCH {kind.name}", partial(patch, api))}
    return api._pick(method, table, params)


def _record_key(sid: str, number: int, kind: Kind) -> tuple[str, str, str, str]:
    return (sid, str(number), kind.name, KEY)


def get_presence(api: FastlyApi, req: Request, customer: str, sid: str, v: str,
                 kind: Kind) -> Any:
    api._service(customer, sid)
    number = api._version(sid, v)["number"]
    record = api.store.get("obj", _record_key(sid, number, kind))
    if record is None:
        raise ApiError(404, "Not found")  # recorded: no detail, unlike other kinds' 404s
    return Response(200, _presence_body(kind, sid, number, record["created_at"]))


def _presence_body(kind: Kind, sid: str, number: int, at: str) -> dict[str, Any]:
    """A switch that is on, as the real API answers its GET and POST (no `deleted_at`)."""
    return {"feature_revision": 1, "feature_update_available": False,
            "id": object_id(sid, number, kind.name), "service_id": sid, "version": number,
            "created_at": at, "updated_at": at}


def set_presence(api: FastlyApi, on: bool, req: Request, customer: str, sid: str, v: str,
                 kind: Kind) -> Any:
    number = api._writable_version(customer, sid, v)
    key = _record_key(sid, number, kind)
    if not on:
        if api.store.get("obj", key) is None:
            raise not_found(kind.api_label, service=sid, version=number)
        api.store.delete("obj", key)
        return Response(200, {"status": "ok"})
    now = api.now()
    api.store.put("obj", key, {"fields": {"enabled": True}, "created_at": now})
    return Response(200, _presence_body(kind, sid, number, now))


IO_DOC = ("https://www.fastly.com/documentation/reference/api/services/"
          "image-optimizer-default-settings/")
QUALITY = {"webp_quality": "WebP quality", "jpeg_quality": "JPEG quality"}


def _patched_body(fields: dict[str, Any]) -> dict[str, Any]:
    """The settings alone: the real API's answer carries no `service_id` or `version`."""
    return dict(fields)


def _patch_problem(data: dict[str, Any], exc: ApiError) -> Problem:
    """The real API's 400 for a bad PATCH: a problem document naming the limit it broke."""
    for name, label in QUALITY.items():
        value = data.get(name)
        if isinstance(value, int) and not 1 <= value <= 100:
            limit = "less than or equal to 100" if value > 100 else "greater than or equal to 1"
            return Problem(400, "Bad request", f"{label} must be {limit}.", IO_DOC)
    return Problem(400, "Bad request", exc.detail or exc.msg, IO_DOC)


def get_patched(api: FastlyApi, req: Request, customer: str, sid: str, v: str,
                kind: Kind) -> Any:
    api._service(customer, sid)
    number = api._version(sid, v)["number"]
    record = api.store.get("obj", _record_key(sid, number, kind)) or {
        "fields": validate(kind, {})}
    return Response(200, _patched_body(record["fields"]))


def patch(api: FastlyApi, req: Request, customer: str, sid: str, v: str, kind: Kind) -> Any:
    number = api._writable_version(customer, sid, v)
    key = _record_key(sid, number, kind)
    old = api.store.get("obj", key) or {"fields": validate(kind, {})}
    data = parse_body(req.body, req.headers.get("content-type", ""))
    try:
        fields = validate(kind, {**old["fields"], **coerce_fields(kind, data)})
    except ApiError as exc:
        raise _patch_problem(data, exc) from None
    api.store.put("obj", key, {"fields": fields})
    return Response(200, _patched_body(fields))


# ----- product enablement (versionless) --------------------------------------------------


def route_products(api: FastlyApi, req: Request) -> Route | None:
    """`/enabled-products/v1/{product}/services/{id}[/configuration]`."""
    return (bind(api, req, "enabled-products/v1/{product}/services/{sid}", {
                "GET": ("GET product", get_product),
                "PUT": ("PUT product", enable),
                "DELETE": ("DELETE product", disable)})
            or bind(api, req, "enabled-products/v1/{product}/services/{sid}/configuration", {
                "GET": ("GET product configuration", get_config),
                "PATCH": ("PATCH product configuration", patch_config)}))


def _product_body(api: FastlyApi, product: str, sid: str, suffix: str = "") -> dict[str, Any]:
    return {"product": {"id": product, "object": "product"},
            "service": {"id": sid, "object": "service"},
            "_links": product_links(api, f"/enabled-products/v1/{product}/services/{sid}{suffix}")}


def _enabled(api: FastlyApi, customer: str, product: str, sid: str) -> dict[str, Any]:
    api._service(customer, sid)
    if product not in PRODUCTS:
        raise ProductProblem(400, "invalid product")
    state = api.store.get("product", (sid, product))
    if state is None:
        raise ProductProblem(400, "no product on service")
    return dict(state)


def get_product(api: FastlyApi, req: Request, customer: str, product: str, sid: str) -> Any:
    _enabled(api, customer, product, sid)
    return Response(200, _product_body(api, product, sid))


def enable(api: FastlyApi, req: Request, customer: str, product: str, sid: str) -> Any:
    api._service(customer, sid)
    if product not in PRODUCTS:
        raise ProductProblem(400, "invalid product")
    data = parse_body(req.body, req.headers.get("content-type", "")) if req.body else {}
    config = {**CONFIG_DEFAULTS.get(product, {}),
              **{k: str(v) for k, v in data.items() if v is not None}}
    if product == "ngwaf" and not config.get("workspace_id"):
        raise bad_request("workspace_id is required")
    api.store.put("product", (sid, product), {"configuration": config})
    return Response(200, _product_body(api, product, sid))


def disable(api: FastlyApi, req: Request, customer: str, product: str, sid: str) -> Any:
    """Idempotent, as recorded: disabling a product that is off is a 204 too (go-fastly's
    tests start by disabling whatever may be on)."""
    api._service(customer, sid)
    if product not in PRODUCTS:
        raise ProductProblem(400, "invalid product")
    if api.store.get("product", (sid, product)) is not None:
        api.store.delete("product", (sid, product))
    return Response(204, None, raw=b"")


def get_config(api: FastlyApi, req: Request, customer: str, product: str, sid: str) -> Any:
    state = _enabled(api, customer, product, sid)
    return Response(200, {**_product_body(api, product, sid, "/configuration"),
                          "configuration": state.get("configuration", {})})


def patch_config(api: FastlyApi, req: Request, customer: str, product: str, sid: str) -> Any:
    state = _enabled(api, customer, product, sid)
    allowed = {key for _f, (owner, key) in SETTINGS.items() if owner == product}
    data = parse_body(req.body, req.headers.get("content-type", ""))
    unknown = sorted(set(data) - allowed)
    if unknown:
        raise bad_request(f"unknown configuration {unknown[0]!r} for {product}")
    changed = {k: str(v) for k, v in data.items()}
    config = {**state.get("configuration", {}), **changed}
    api.store.put("product", (sid, product), {"configuration": config})
    return Response(200, {**_product_body(api, product, sid, "/configuration"),
                          "configuration": changed})  # recorded: only what the PATCH set


# ----- rate limiters (listed and created per version, changed by id) ---------------------


def route_by_id(api: FastlyApi, req: Request) -> Route | None:
    """`/rate-limiters/{id}`: GET, PUT, DELETE."""
    for kind in BY_ID_KINDS:
        found = bind(api, req, f"{kind.api_path}/{{object_id}}", {
            "GET": (f"GET {kind.name}", partial(get_by_id, kind=kind)),
            "PUT": (f"PUT {kind.name}", partial(update_by_id, kind=kind)),
            "DELETE": (f"DELETE {kind.name}", partial(delete_by_id, kind=kind))})
        if found is not None:
            return found
    return None


def object_id(sid: str, number: int, name: str) -> str:
    """Ids are per version (a clone gets new ones), derived so no index is needed: from the
    name the object was created with (`id_name`), so a rename keeps the id as on Fastly."""
    digest = hashlib.sha256(f"{sid}/{number}/{name}".encode()).digest()
    return base64.b32encode(digest).decode().lower()[:22]


def form_fields(req: Request) -> dict[str, Any]:
    """A form with `key[]` lists and `key[sub]` objects (or a JSON body) as plain fields."""
    content_type = req.headers.get("content-type", "")
    if "json" in content_type.lower():
        return parse_body(req.body, content_type)
    try:
        pairs = parse_qsl(req.body.decode("utf-8"), keep_blank_values=True, errors="strict")
    except (UnicodeDecodeError, ValueError):
        raise bad_request("Malformed form body") from None
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key.endswith("[]"):
            out.setdefault(key[:-2], []).append(value)
        elif "[" in key and key.endswith("]"):
            head, sub = key[:-1].split("[", 1)
            out.setdefault(head, {})[sub] = value
        else:
            out[key] = value
    return out


def _validated(kind: Kind, fields: dict[str, Any]) -> dict[str, Any]:
    try:
        typed = {k: v if isinstance(v, list | dict) else _csv_list(kind, k, v)
                 for k, v in fields.items() if k in kind.model.model_fields}
        return kind.model.model_validate(typed).model_dump(exclude=set(kind.spec_only))
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        raise bad_request(f"Invalid value for '{where}': {first['msg']}") from None


def _csv_list(kind: Kind, field: str, value: Any) -> Any:
    """A list field given as one form value is comma-separated (`http_methods=GET,POST`, how
    fastly-py sends lists; go-fastly sends `http_methods[]=GET&…`); other fields coerced."""
    if get_origin(kind.model.model_fields[field].annotation) is list and isinstance(value, str):
        return [part.strip() for part in value.split(",") if part.strip()]
    return coerce(kind, field, value)


def _render_by_id(kind: Kind, sid: str, number: int, name: str,
                  record: dict[str, Any], mode: WireMode) -> dict[str, Any]:
    fields = {k: v for k, v in record["fields"].items()
              if not (v is None and kind.unset_wire.get(k) == "omit")}
    if isinstance(fields.get("response"), dict):  # a number on the wire, a string in the SDK
        status = int(fields["response"]["status"])
        fields["response"] = {**fields["response"],
                              "status": status if mode == "real" else str(status)}
    out = {**fields, "id": object_id(sid, number, record.get("id_name", name)),
           "service_id": sid, "version": number, "created_at": record["created_at"],
           "updated_at": record.get("updated_at", record["created_at"])}
    if mode == "real":  # recorded: the real API adds this flag and sends no `deleted_at`
        out["feature_update_available"] = False
    else:
        out["deleted_at"] = None
    return out


def list_by_id(api: FastlyApi, req: Request, customer: str, sid: str, v: str,
               kind: Kind) -> Any:
    api._service(customer, sid)
    number = api._version(sid, v)["number"]
    return Response(200, [_render_by_id(kind, sid, number, name, record, api.wire_mode)
                          for name, record in api._objects(sid, number, kind)])


def create_by_id(api: FastlyApi, req: Request, customer: str, sid: str, v: str,
                 kind: Kind) -> Any:
    number = api._writable_version(customer, sid, v)
    fields = _validated(kind, form_fields(req))
    name = fields["name"]
    if api.store.get("obj", (sid, str(number), kind.name, name)) is not None:
        raise ApiError(409, "Duplicate record", f"Duplicate {kind.api_label}: '{name}'")
    record = {"fields": fields, "created_at": api.now(), "id_name": name}
    api.store.put("obj", (sid, str(number), kind.name, name), record)
    return Response(200, _render_by_id(kind, sid, number, name, record, api.wire_mode))


def _find(api: FastlyApi, customer: str, kind: Kind, wanted: str
          ) -> tuple[str, int, str, dict[str, Any]]:
    for service in api._customer_services(customer):
        sid = service["id"]
        for version in api._versions(sid):
            number = version["number"]
            for name, record in api._objects(sid, number, kind):
                if object_id(sid, number, record.get("id_name", name)) == wanted:
                    return sid, number, name, record
    raise not_found(kind.api_label, id=wanted)


def get_by_id(api: FastlyApi, req: Request, customer: str, kind: Kind, object_id: str) -> Any:
    sid, number, name, record = _find(api, customer, kind, object_id)
    return Response(200, _render_by_id(kind, sid, number, name, record, api.wire_mode))


def update_by_id(api: FastlyApi, req: Request, customer: str, kind: Kind,
                 object_id: str) -> Any:
    sid, number, name, record = _find(api, customer, kind, object_id)
    api._editable(sid, api._version(sid, str(number)))
    fields = _validated(kind, {**record["fields"], **form_fields(req)})
    updated = {"id_name": name, **record, "fields": fields, "updated_at": api.now()}
    if fields["name"] != name:
        api.store.delete("obj", (sid, str(number), kind.name, name))
    api.store.put("obj", (sid, str(number), kind.name, fields["name"]), updated)
    return Response(200, _render_by_id(kind, sid, number, fields["name"], updated, api.wire_mode))


def delete_by_id(api: FastlyApi, req: Request, customer: str, kind: Kind,
                 object_id: str) -> Any:
    sid, number, name, _record = _find(api, customer, kind, object_id)
    api._editable(sid, api._version(sid, str(number)))
    api.store.delete("obj", (sid, str(number), kind.name, name))
    return Response(200, {"status": "ok"})
