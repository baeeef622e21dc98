"""Domain checks (`…/domain/{name}/check`, `…/domain/check_all`) and `include=staging_ips`.

The real API resolves each domain's CNAME and says whether it points at Fastly:
`[domain, cname target or null, pointed at Fastly]`. The emulator never resolves names (it
must not send traffic anywhere), so it answers as Fastly does for a domain whose DNS is not
set up yet: `[domain, null, false]`.
"""

from __future__ import annotations

import hashlib
from typing import TYPE_CHECKING, Any

from ...kinds import KINDS, Kind
from ..messages import Request, Response, Route
from .paths import bind

if TYPE_CHECKING:
    from ..api import FastlyApi

STAGING_NET = (167, 82)
"""Fastly's staging addresses are in 167.82.0.0/16 (the recordings show 167.82.81.194)."""


def route(api: FastlyApi, req: Request) -> Route | None:
    return (bind(api, req, "service/{sid}/version/{v}/domain/check_all",
                 {"GET": ("GET domain/check_all", check_all)})
            or bind(api, req, "service/{sid}/version/{v}/domain/{name}/check",
                    {"GET": ("GET domain/check", check_one)}))


def staging_ip(name: str) -> str:
    """A stable staging address per domain name."""
    digest = hashlib.sha256(name.encode()).digest()
    return f"{STAGING_NET[0]}.{STAGING_NET[1]}.{digest[0]}.{max(1, digest[1])}"


def with_staging_ips(req: Request, kind: Kind, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Domain rows with `staging_ip` when the request asks `include=staging_ips`."""
    if kind.name != "domain" or req.arg("include") != "staging_ips":
        return rows
    return [{**row, "staging_ip": staging_ip(row["name"])} for row in rows]


def _checked(row: dict[str, Any]) -> list[Any]:
    return [row, None, False]


def check_all(api: FastlyApi, req: Request, customer: str, sid: str, v: str) -> Response:
    api._service(customer, sid)
    number = api._version(sid, v)["number"]
    kind = KINDS["domain"]
    return Response(200, [_checked(api._render(kind, sid, number, record))
                          for _name, record in api._objects(sid, number, kind)])


def check_one(api: FastlyApi, req: Request, customer: str, sid: str, v: str,
              name: str) -> Response:
    api._service(customer, sid)
    number = api._version(sid, v)["number"]
    kind = KINDS["domain"]
    return Response(200, _checked(api._render(kind, sid, number,
                                              api._object(sid, number, kind, name))))
