"""Fastly's staging environment: `PUT …/version/{n}/activate/staging` and `…/deactivate/staging`.

A service runs at most one version on staging, beside its production version. Staging a
version compiles and locks it (like a production activation) and shows in the version's
`staging` flag and in the `environments` lists of versions and services
(`{"name": "staging", "service_id": …, "active_version": n}`). As on Fastly, a service must
have a production version before it can be staged, and versionless data (dictionary items,
ACL entries, dynamic snippets) is shared by both environments.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .errors import bad_request

if TYPE_CHECKING:
    from .api import FastlyApi, Request, Response, Route

STAGING = "staging"
PRODUCTION = "production"


def environments(service_id: str, versions: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Which version each environment runs (production first), as the API lists them."""
    out = []
    for name, flag in ((PRODUCTION, "active"), (STAGING, STAGING)):
        running = [v["number"] for v in versions if v.get(flag)]
        if running:
            out.append({"name": name, "service_id": service_id, "active_version": running[0]})
    return out


def route(api: FastlyApi, method: str, verb: str, environment: str,
          params: dict[str, Any]) -> Route:
    """`activate/{environment}` or `deactivate/{environment}` under a version."""
    from .api import Route

    def handler(req: Request, customer: str, sid: str, v: str) -> Response:
        if environment != STAGING:
            raise bad_request(f"Invalid environment '{environment}'")
        if verb == "activate":
            return _stage(api, customer, sid, v)
        return _unstage(api, customer, sid, v)

    label = f"PUT {verb}/{environment}"
    if method != "PUT":
        return api._pick(method, {}, params)
    return Route(label, handler, params)


def _stage(api: FastlyApi, customer: str, sid: str, v: str) -> Response:
    from .api import Response
    from .render import render_version

    api._service(customer, sid)
    version = dict(api._version(sid, v))
    versions = api._versions(sid)
    if not any(other.get("active") for other in versions):
        raise bad_request("Cannot stage a service that has no active production version; "
                          "activate a version in production first")
    problems = api._compile(sid, version["number"])
    if problems:
        raise bad_request(problems[0].detail())
    now = api.now()
    for other in versions:
        if other.get(STAGING) and other["number"] != version["number"]:
            api._put_version(sid, {**other, STAGING: False, "updated_at": now})
    version.update(staging=True, locked=True, updated_at=now)
    api._put_version(sid, version)
    return Response(200, {**render_version(sid, version), "msg": None})


def _unstage(api: FastlyApi, customer: str, sid: str, v: str) -> Response:
    from .api import Response
    from .render import render_version

    api._service(customer, sid)
    version = dict(api._version(sid, v))
    if version.get(STAGING):
        version.update(staging=False, updated_at=api.now())
        api._put_version(sid, version)
    return Response(200, render_version(sid, version))
