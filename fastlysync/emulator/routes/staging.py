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
    api._version(sid, v)  # 404 for an unknown version first
    if not any(other.get("active") for other in api._versions(sid)):
        raise bad_request("Cannot stage a service that has no active production version; "
                          "activate a version in production first")
    version = api.run_in(sid, v, "staging")
    return Response(200, {**render_version(sid, version), "msg": None})


def deactivate(api: FastlyApi, req: Request, customer: str, sid: str, v: str,
               environment: str) -> Response:
    _environment(environment)
    api._service(customer, sid)
    return Response(200, render_version(sid, api.stop_in(sid, v, "staging")))
