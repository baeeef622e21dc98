"""Purges: accepted, counted (the emulator caches nothing), answered as Fastly answers.

- `POST /purge/{host}/{path}`: one URL, `{"status": "ok", "id": …}`;
- `POST /service/{id}/purge/{surrogate_key}`: one key, same answer;
- `POST /service/{id}/purge` with `{"surrogate_keys": […]}` (or a `Surrogate-Key` header):
  `{key: purge id, …}`;
- `POST /service/{id}/purge_all`: `{"status": "ok"}`.

URL and key purges are not rate limited; purge-all is (Fastly's documented rule). Each kind of
purge has its own counter label (`POST purge/url` …) in the admin counters.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..bodies import parse_body
from ..errors import bad_request
from ..messages import Request, Response, Route
from ..params import text
from .paths import bind

if TYPE_CHECKING:
    from ..api import FastlyApi

MAX_KEYS = 256
"""Fastly's limit of surrogate keys per batch purge."""


def route(api: FastlyApi, req: Request) -> Route | None:
    if req.segments[:1] == ["purge"] and len(req.segments) >= 2:
        return bind(api, req, "/".join(["purge"] + ["{_}"] * (len(req.segments) - 1)),
                    {"POST": ("POST purge/url", purge_url)}, limited=False)
    return (bind(api, req, "service/{sid}/purge/{key}",
                 {"POST": ("POST purge/key", purge_key)}, limited=False)
            or bind(api, req, "service/{sid}/purge",
                    {"POST": ("POST purge/keys", purge_keys)}, limited=False)
            or bind(api, req, "service/{sid}/purge_all",
                    {"POST": ("POST purge_all", purge_all)}))


def purge_url(api: FastlyApi, req: Request, customer: str, **_: str) -> Response:
    return Response(200, {"status": "ok", "id": api.new_id()})


def purge_key(api: FastlyApi, req: Request, customer: str, sid: str, key: str) -> Response:
    api._service(customer, sid)
    return Response(200, {"status": "ok", "id": api.new_id()})


def purge_keys(api: FastlyApi, req: Request, customer: str, sid: str) -> Response:
    api._service(customer, sid)
    keys: list[str] = (req.headers.get("surrogate-key") or "").split()
    if not keys:
        given = parse_body(req.body, req.headers.get("content-type") or "application/json")
        listed = given.get("surrogate_keys")
        if not isinstance(listed, list) or not listed:
            raise bad_request("Invalid value for 'surrogate_keys': expected a list of keys")
        keys = [text(key, "surrogate_keys") or "" for key in listed]
    if len(keys) > MAX_KEYS:
        raise bad_request(f"At most {MAX_KEYS} surrogate keys per purge ({len(keys)} given)")
    return Response(200, {key: api.new_id() for key in keys})


def purge_all(api: FastlyApi, req: Request, customer: str, sid: str) -> Response:
    api._service(customer, sid)
    return Response(200, {"status": "ok"})
