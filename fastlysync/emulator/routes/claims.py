"""A domain belongs to one account: adding (or renaming to) a name that a service of another
account holds is refused as the real API refuses it, 400 "Domain '…' is already taken by
another customer" (the message quoted in fastly/cli issue #803). Within one account the
emulator allows the same name on several services; that case is not documented.

The check runs before the generic domain create/update, which then does the rest.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ...kinds import KINDS
from ..bodies import parse_body
from ..errors import bad_request
from ..messages import Request, Response, Route
from .paths import bind

if TYPE_CHECKING:
    from ..api import FastlyApi


def route(api: FastlyApi, req: Request) -> Route | None:
    if req.method == "POST":
        return bind(api, req, "service/{sid}/version/{v}/domain",
                    {"POST": ("POST domain", create)})
    if req.method == "PUT":
        return bind(api, req, "service/{sid}/version/{v}/domain/{name}",
                    {"PUT": ("PUT domain", update)})
    return None


def create(api: FastlyApi, req: Request, customer: str, sid: str, v: str) -> Response:
    api._writable_version(customer, sid, v)
    _refuse_if_taken(api, customer, _given_name(req))
    return api.create_object(req, customer, sid, v, KINDS["domain"])


def update(api: FastlyApi, req: Request, customer: str, sid: str, v: str,
           name: str) -> Response:
    api._writable_version(customer, sid, v)
    new_name = _given_name(req)
    if new_name is not None and new_name.lower() != name.lower():
        _refuse_if_taken(api, customer, new_name)
    return api.update_object(req, customer, sid, v, KINDS["domain"], name)


def _given_name(req: Request) -> Any:
    return parse_body(req.body, req.headers.get("content-type", "")).get("name")


def _refuse_if_taken(api: FastlyApi, customer: str, name: Any) -> None:
    if isinstance(name, str) and name and held_elsewhere(api, customer, name):
        raise bad_request(f"Domain '{name}' is already taken by another customer")


def held_elsewhere(api: FastlyApi, customer: str, name: str) -> bool:
    """Whether a live service of an account other than `customer` has `name` in any of its
    versions (only other accounts are read, so a one-account emulator pays nothing)."""
    wanted = name.lower()
    kind = KINDS["domain"]
    others = {account["customer_id"] for _token, account in api.store.scan("account", ())}
    others.discard(customer)
    return any(domain.lower() == wanted
               for other in sorted(others)
               for service in api._customer_services(other)
               for version in api._versions(service["id"])
               for domain, _record in api._objects(service["id"], version["number"], kind))
