"""Kinds whose endpoints are not versioned objects by name (`Kind.access`).

http3 is a per-version switch (GET answers 404 when off; POST turns it on, DELETE off);
image optimizer defaults a per-version singleton changed with a JSON PATCH; product
enablement per-service switches under `/enabled-products/v1/{product}/services/{id}` (GET
answers 400 "no product on service" when off), with settings under `.../configuration`.
"""

from __future__ import annotations

from typing import Any

from ..kinds import Kind, KindModel
from ..kinds.product_enablement import ENABLE_BODY, LIVE, PRODUCTS, SETTINGS
from ..kinds.wire import form_value, from_wire
from .client import FastlyClient, seg
from .errors import ApiError, Uncertain
from .gather import gather_all

OFF_STATUSES = (400, 404)
"""How the API answers a read of something that is off (http3 404, products 400)."""


def version_path(service_id: str, version: int, kind: Kind) -> str:
    return f"/service/{seg(service_id)}/version/{version}/{kind.api_path}"


def product_path(service_id: str, product: str) -> str:
    return f"/enabled-products/v1/{seg(product)}/services/{seg(service_id)}"


async def _get(client: FastlyClient, path: str) -> Any:
    """The answer, or None when the API says the thing is off."""
    try:
        return await client.get(path)
    except ApiError as exc:
        if exc.status in OFF_STATUSES:
            return None
        raise


async def _turn_off(client: FastlyClient, path: str) -> None:
    """DELETE a switch; one the API answers as already off is done (a repeat, or never on)."""
    try:
        await client.call("DELETE", path)
    except ApiError as exc:
        if exc.status not in OFF_STATUSES:
            raise


async def read(client: FastlyClient, kind: Kind, service_id: str, version: int,
               wanted: KindModel | None) -> KindModel | list[KindModel]:
    """The live state; for products only those `wanted` names (None: every product)."""
    if kind.access == "by_id":
        rows = await client.get(version_path(service_id, version, kind))
        return [from_wire(kind, row) for row in rows or [] if isinstance(row, dict)]
    if kind.access == "presence":
        found = await _get(client, version_path(service_id, version, kind))
        return kind.model(enabled=found is not None)
    if kind.access == "json_patch":
        found = await _get(client, version_path(service_id, version, kind))
        return from_wire(kind, found if isinstance(found, dict) else {})
    return await _read_products(client, kind, service_id, wanted)


def products_wanted(wanted: KindModel | None) -> list[str]:
    if wanted is None:
        return list(PRODUCTS)
    named = {p for p in PRODUCTS if getattr(wanted, p) is not None}
    named |= {product for field, (product, _) in SETTINGS.items()
              if getattr(wanted, field) is not None}
    return sorted(named)


async def _read_products(client: FastlyClient, kind: Kind, service_id: str,
                         wanted: KindModel | None) -> KindModel:
    products = products_wanted(wanted)
    states = await gather_all(*(_get(client, product_path(service_id, p))
                                    for p in products))
    values: dict[str, Any] = {p: state is not None for p, state in zip(products, states,
                                                                        strict=True)}
    configured = sorted({product for field, (product, _) in SETTINGS.items()
                         if values.get(product) and (wanted is None
                                                     or getattr(wanted, field) is not None)})
    configs = await gather_all(*(_get(client, product_path(service_id, p)
                                          + "/configuration") for p in configured))
    for product, data in zip(configured, configs, strict=True):
        settings = data.get("configuration") if isinstance(data, dict) else None
        for field, (owner, key) in SETTINGS.items():
            if owner == product and isinstance(settings, dict) and settings.get(key) is not None:
                raw = settings[key]
                values[field] = int(raw) if field == "ngwaf_traffic_ramp" else str(raw)
    return kind.model.model_validate(values, context=LIVE)


async def write_change(client: FastlyClient, kind: Kind, service_id: str, version: int,
                       action: str, name: str, old_name: str | None, want: KindModel | None,
                       fields: list[str]) -> None:
    """One planned versioned change of a non-standard kind."""
    if kind.access != "by_id":
        assert want is not None
        await write(client, kind, service_id, version, want, fields)
        return
    base = version_path(service_id, version, kind)
    if action == "create":
        assert want is not None
        try:
            await client.call("POST", base,
                              form=by_id_form(kind, want, list(type(want).model_fields)))
            return
        except Uncertain:
            pass
        except ApiError as exc:
            if not exc.duplicate:
                raise
        # The create may have happened (a lost answer, or a retry of one that did): the
        # object is there by name, so write every field to it instead of creating it again.
        action, fields = "update", list(type(want).model_fields)
    # Ids change with every clone: find this object's id in the draft.
    rows = await client.get(base)
    wanted_name = old_name or name
    object_id = next((str(row["id"]) for row in rows or []
                      if isinstance(row, dict) and row.get("name") == wanted_name), None)
    if object_id is None:
        if action == "delete":
            return
        raise ApiError("GET", base, 404, f"{kind.name} {wanted_name} not in the draft")
    path = f"/{kind.api_path}/{seg(object_id)}"
    if action == "delete":
        try:
            await client.call("DELETE", path)
        except ApiError as exc:
            if exc.status != 404:
                raise
        return
    assert want is not None
    send = [f for f in fields if f != "name"] + (["name"] if action == "rename" else [])
    await client.call("PUT", path, form=by_id_form(kind, want, send, clear=True))


def by_id_form(kind: Kind, want: KindModel, fields: list[str], *, clear: bool = False) -> Any:
    """Form fields as the API reads them: lists as `key[]` repeated, objects as
    `key[sub]` (what go-fastly sends). `clear`: an unset field is sent empty (an update)."""
    form: dict[str, Any] = {}
    for name in fields:
        if name in kind.spec_only:
            continue
        value = getattr(want, name)
        if value is None:
            if clear:
                form[name] = ""
            continue
        if isinstance(value, list):
            form[f"{name}[]"] = [str(v) for v in value]
        elif isinstance(value, KindModel):
            for sub, item in value.model_dump().items():
                form[f"{name}[{sub}]"] = str(item)
        else:
            form[name] = form_value(value)
    return form


async def write(client: FastlyClient, kind: Kind, service_id: str, version: int | None,
                want: KindModel, fields: list[str]) -> None:
    """Make `fields` of the live state what `want` says (one write per field, except that a
    setting sent with its product's enable request is not written again)."""
    if kind.access == "presence":
        path = version_path(service_id, int(version or 0), kind)
        if getattr(want, "enabled", False):
            await client.call("POST", path, form={"feature_revision": "1"})
        else:
            await _turn_off(client, path)
        return
    if kind.access == "json_patch":
        body = {f: getattr(want, f) for f in fields}
        await client.call("PATCH", version_path(service_id, int(version or 0), kind),
                          body=body)
        return
    await _write_products(client, service_id, want, fields)


async def _write_products(client: FastlyClient, service_id: str, want: KindModel,
                          fields: list[str]) -> None:
    sent: set[str] = set()
    for product in [f for f in fields if f in PRODUCTS]:
        path = product_path(service_id, product)
        if getattr(want, product):
            body = {SETTINGS[f][1]: getattr(want, f) for f in ENABLE_BODY.get(product, ())
                    if getattr(want, f) is not None}
            sent |= {f for f in ENABLE_BODY.get(product, ()) if getattr(want, f) is not None}
            await client.call("PUT", path, body=body, repeatable=True)
        else:
            await _turn_off(client, path)
    for field in [f for f in fields if f in SETTINGS and f not in sent]:
        product, key = SETTINGS[field]
        value = getattr(want, field)
        body = {key: str(value) if field == "ngwaf_traffic_ramp" else value}
        await client.call("PATCH", product_path(service_id, product) + "/configuration",
                          body=body)
