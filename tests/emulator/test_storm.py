"""10,000 random requests, then the state must still be consistent.

Most requests are well-formed enough to reach the handlers (real paths, real field names,
random values), the rest is noise. Afterwards: no 500 was ever returned, every service has
at most one active version and it is locked, every version that was locked before the storm
holds exactly the objects it held, and every service's details still render.
"""

from __future__ import annotations

import json
import random
from typing import Any
from urllib.parse import urlencode

import httpx

from fastlysync.emulator import Emulator, create_app
from fastlysync.emulator.api import Response
from fastlysync.emulator.app import build_request
from fastlysync.emulator.errors import ApiError
from fastlysync.kinds import KINDS

from .samples import minimal_body

TOKEN = "storm-token"
STORM = 10_000
NASTY = ["..", "a/b", "%00", "%FF", "x" * 300, "", " ", "名前", "<script>", "1", "-1",
         "99999999999", "true", "null", "{}", "%2F", "%2E%2E"]
VALUES: list[Any] = ["", "0", "1", "true", "False", "-5", "abc", "10.0.0.1", "9" * 30, None,
                     3, 2.5, True, [], {}, ["x"], "req.url ~ \"a\"", "sub vcl_recv { }", "\x00"]


def _seed(client: httpx.Client, rng: random.Random) -> list[str]:
    services = []
    for i in range(4):
        sid = client.post("/service", data={"name": f"storm{i}"}).json()["id"]
        for kind in KINDS.values():
            if not kind.singleton:
                client.post(f"/service/{sid}/version/1/{kind.api_path}", data=minimal_body(kind))
        client.put(f"/service/{sid}/version/1/activate")
        client.put(f"/service/{sid}/version/1/clone")
        if rng.random() < 0.5:
            client.put(f"/service/{sid}/version/2/lock")
        client.put(f"/service/{sid}/version/1/clone")
        services.append(sid)
    return services


def _random_request(rng: random.Random, services: list[str]) -> tuple[str, str, dict[str, Any]]:
    sid = rng.choice([*services, *services, rng.choice(NASTY)])
    version = rng.choice(["1", "2", "3", "3", "4", "5", rng.choice(NASTY)])
    kind = rng.choice(list(KINDS.values()))
    name = rng.choice([minimal_body(kind)["name"] if not kind.singleton else "x",
                       minimal_body(kind)["name"] if not kind.singleton else "x",
                       rng.choice(NASTY)])
    base = f"/service/{sid}/version/{version}"
    routes = [
        ("/service", "GP"), ("/service/search?name=storm1", "G"), (f"/service/{sid}", "GGU"),
        (f"/service/{sid}/details", "G"), (f"/service/{sid}/details?version={version}", "G"),
        (f"/service/{sid}/version", "GP"), (base, "GU"),
        (f"{base}/{rng.choice(['clone', 'activate', 'deactivate', 'lock'])}", "U"),
        (f"{base}/validate", "G"), (f"{base}/{kind.api_path}", "GPU"),
        (f"{base}/{kind.api_path}/{name}", "GUD"), (f"{base}/vcl/{name}/main", "U"),
        (f"{base}/director/{name}/backend/{name}", "GPD"),
        (f"/service/{sid}/dictionary/{name}/items", "GA"),
        (f"/service/{sid}/dictionary/{name}/item/k", "GUAD"),
        (f"/service/{sid}/acl/{name}/entries", "GA"), (f"/service/{sid}/acl/{name}/entry", "P"),
        (f"/service/{sid}/snippet/{name}", "GU"), (f"/{rng.choice(NASTY)}", "G"),
    ]
    path, natural = rng.choice(routes)
    verbs = {"G": "GET", "P": "POST", "U": "PUT", "A": "PATCH", "D": "DELETE"}
    if rng.random() < 0.85:
        method = verbs[rng.choice(natural)]
    else:
        method = rng.choice(["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"])
    request: dict[str, Any] = {}
    shape = rng.random()
    fields = [*kind.model.model_fields, "name", "item_key", "item_value", "ip", "op",
              "general.default_ttl", "content", "comment"]
    body = {rng.choice(fields): rng.choice(VALUES) for _ in range(rng.randint(0, 5))}
    if shape < 0.45:
        request["data"] = {k: v if isinstance(v, str) else json.dumps(v) for k, v in body.items()}
    elif shape < 0.8:
        if rng.random() < 0.2:
            body = {rng.choice(["items", "entries"]): [
                {"op": rng.choice(["create", "update", "upsert", "delete", "x"]),
                 "item_key": rng.choice(["k", "", None]), "item_value": rng.choice(VALUES),
                 "ip": rng.choice(["10.0.0.1", "nope", None]), "id": rng.choice(NASTY)}
                for _ in range(rng.randint(0, 3))]}
        request["json"] = body
    elif shape < 0.9:
        request["content"] = bytes(rng.randrange(256) for _ in range(rng.randint(0, 64)))
        request["headers"] = {"content-type": rng.choice(["application/json",
                                                          "application/x-www-form-urlencoded",
                                                          "text/plain"])}
    return method, path, request


def _send(app: Emulator, method: str, path: str, request: dict[str, Any]) -> int:
    """One request straight into the emulator's pipeline (no HTTP client in the way, so even
    paths an HTTP client would refuse to send get through)."""
    headers = [("fastly-key", TOKEN), *request.get("headers", {}).items()]
    body = request.get("content", b"")
    if "data" in request:
        body = urlencode(request["data"]).encode()
        headers.append(("content-type", "application/x-www-form-urlencoded"))
    elif "json" in request:
        body = json.dumps(request["json"]).encode()
        headers.append(("content-type", "application/json"))
    raw_path, _, query = path.encode().partition(b"?")
    try:
        req = build_request(method, raw_path, query, headers, body, "127.0.0.1",
                            "http://emu.test")
    except ApiError as exc:
        assert exc.status == 400
        return exc.status
    response = app.finish(req, None)
    assert isinstance(response, Response)
    assert response.status < 500, (method, path, request, response.body())
    assert isinstance(json.loads(response.body()), dict | list)
    return response.status


def _locked_objects(app: Emulator) -> dict[tuple[str, str], list[Any]]:
    """Objects of every locked version, keyed by (service, version)."""
    locked = {(key[0], key[1]) for table, key, value in app.store.tables()
              if table == "version" and value.get("locked")}
    out: dict[tuple[str, str], list[Any]] = {pair: [] for pair in locked}
    for table, key, value in app.store.tables():
        if table == "obj" and (key[0], key[1]) in out:
            out[(key[0], key[1])].append([list(key), value])
    return {pair: sorted(rows, key=json.dumps) for pair, rows in out.items()}


def test_random_request_storm_leaves_state_consistent() -> None:
    rng = random.Random(20240501)
    app = create_app(tokens=[TOKEN], rate_limit=10**9, seed=5)
    client = httpx.Client(transport=app.transport(), base_url="http://emu.test",
                          headers={"Fastly-Key": TOKEN})
    services = _seed(client, rng)
    before = _locked_objects(app)
    assert before

    statuses: dict[int, int] = {}
    for _ in range(STORM):
        method, path, request = _random_request(rng, services)
        status = _send(app, method, path, request)
        statuses[status] = statuses.get(status, 0) + 1
    assert sum(statuses.values()) > STORM * 0.95
    assert statuses.get(200, 0) > 500  # the storm really changed things

    after = _locked_objects(app)
    for pair, rows in before.items():
        assert after[pair] == rows, f"locked version {pair} changed"
    active: dict[str, int] = {}
    for table, key, value in app.store.tables():
        if table == "version" and value.get("active"):
            assert value.get("locked"), key
            active[key[0]] = active.get(key[0], 0) + 1
    assert all(count <= 1 for count in active.values()), active
    for sid in services:
        versions = client.get(f"/service/{sid}/version")
        if versions.status_code == 400:  # deleted by the storm
            continue
        for version in versions.json():
            details = client.get(f"/service/{sid}/details",
                                 params={"version": version["number"]})
            assert details.status_code == 200
    assert client.get("/_emulator/health").json()["status"] == "ok"
