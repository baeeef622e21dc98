"""Staging: `PUT /service/{id}/version/{n}/activate/staging` and `…/deactivate/staging`.

Fastly's environment endpoints (fastly-py `activate_service_version_environment`) put a version
on the staging network without touching production. The version answer and the service show
it in `environments: [{"name": "staging", "service_id", "active_version"}]`; one version per
service is staged at a time. Like a production activation, staging compiles the VCL first.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..errors import bad_request
from ..messages import Request, Response, Route
from ..render import render_version
from .paths import bind

if TYPE_CHECKING:
    from ..api import FastlyApi

ENVIRONMENTS = ("staging",)


def route(api: FastlyApi, req: Request) -> Route | None:
    return (bind(api, req, "service/{sid}/version/{v}/activate/{environment}",
                 {"PUT": ("PUT activate/environment", activate)})
            or bind(api, req, "service/{sid}/version/{v}/deactivate/{environment}",
                    {"PUT": ("PUT deactivate/environment", deactivate)}))


def _environment(name: str) -> None:
    if name not in ENVIRONMENTS:
        raise bad_request(f"Invalid value for 'environment_name': {name!r} (known: "
                          f"{', '.join(ENVIRONMENTS)})")


def activate(api: FastlyApi, req: Request, customer: str, sid: str, v: str,
             environment: str) -> Response:
    _environment(environment)
    api._service(customer, sid)
    version = dict(api._version(sid, v))
    if not any(other.get("active") for other in api._versions(sid)):
        raise bad_request("Cannot stage a service that has no active production version; "
                          "activate a version in production first")
    problems = api._compile(sid, version["number"])
    if problems:
        raise bad_request(problems[0].detail())
    now = api.now()
    for other in api._versions(sid):
        if other.get("staging") and other["number"] != version["number"]:
            api._put_version(sid, {**other, "staging": False, "updated_at": now})
    version.update(staging=True, locked=True, updated_at=now)
    api._put_version(sid, version)
    return Response(200, render_version(sid, version))


def deactivate(api: FastlyApi, req: Request, customer: str, sid: str, v: str,
               environment: str) -> Response:
    _environment(environment)
    api._service(customer, sid)
    version = dict(api._version(sid, v))
    if version.get("staging"):
        version.update(staging=False, updated_at=api.now())
        api._put_version(sid, version)
    return Response(200, render_version(sid, version))
