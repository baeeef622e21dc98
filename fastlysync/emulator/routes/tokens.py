"""Who is calling: `GET /tokens/self` (the token, as Fastly describes it) and `GET /verify`
(customer, user, services and token together; `fastly whoami` reads it).

Clients call these to check a token and its scope before work. No answer contains the token.
"""

from __future__ import annotations

import hashlib
from typing import TYPE_CHECKING

from ..messages import Request, Response, Route
from .paths import bind

if TYPE_CHECKING:
    from ..api import FastlyApi

CREATED = "2020-01-01T00:00:00Z"
"""Tokens exist before the emulator starts; Fastly reports a creation time, so a fixed one."""


def route(api: FastlyApi, req: Request) -> Route | None:
    return (bind(api, req, "tokens/self", {"GET": ("GET tokens/self", token_self)})
            or bind(api, req, "verify", {"GET": ("GET verify", verify)}))


def _opaque(token: str, purpose: str) -> str:
    return hashlib.sha256(f"{purpose}:{token}".encode()).hexdigest()[:22]


def token_self(api: FastlyApi, req: Request, customer: str) -> Response:
    token = req.headers.get("fastly-key") or ""
    answer = {
        "id": _opaque(token, "token"), "user_id": _opaque(token, "user"),
        "customer_id": customer, "name": "emulator token", "scope": "global",
        "services": [], "created_at": CREATED, "updated_at": CREATED, "deleted_at": None,
        "last_used_at": api.now(), "expires_at": None, "ip": req.client or "",
        "user_agent": req.headers.get("user-agent", ""),
    }
    if api.wire_mode == "sdk":  # fastly-py declares expires_at a (non-null) string
        del answer["expires_at"]
    return Response(200, answer)


def verify(api: FastlyApi, req: Request, customer: str) -> Response:
    token = req.headers.get("fastly-key") or ""
    services = {s["id"]: s["name"] for s in api._customer_services(customer)}
    return Response(200, {
        "customer": {"id": customer, "name": "Emulator customer"},
        "user": {"id": _opaque(token, "user"), "name": "Emulator user",
                 "login": "user@emulator.invalid"},
        "services": services,
        "token": {"id": _opaque(token, "token"), "name": "emulator token",
                  "created_at": CREATED, "expires_at": None, "scope": "global"},
    })
