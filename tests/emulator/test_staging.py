"""Staging activation: `PUT …/activate/staging`, `…/deactivate/staging`, `environments`."""

from __future__ import annotations

import httpx

BAD_VCL = "sub vcl_recv {\n  set req.http.X-A = ;\n}\n"


def _v(sid: str, n: int) -> str:
    return f"/service/{sid}/version/{n}"


def _live(client: httpx.Client, sid: str) -> None:
    """Version 1 active in production, version 2 a draft cloned from it."""
    assert client.put(f"{_v(sid, 1)}/activate").status_code == 200
    assert client.put(f"{_v(sid, 1)}/clone").json()["number"] == 2


def test_staging_needs_a_production_version(client: httpx.Client, sid: str) -> None:
    refused = client.put(f"{_v(sid, 1)}/activate/staging")
    assert refused.status_code == 400
    assert "no active production version" in refused.json()["detail"]
    assert client.get(_v(sid, 1)).json()["staging"] is False


def test_stage_locks_and_shows_in_environments(client: httpx.Client, sid: str) -> None:
    _live(client, sid)
    staged = client.put(f"{_v(sid, 2)}/activate/staging")
    assert staged.status_code == 200
    body = staged.json()
    assert (body["staging"], body["locked"], body["active"]) == (True, True, False)
    assert body["environments"] == [{"name": "staging", "service_id": sid,
                                     "active_version": 2}]
    service = client.get(f"/service/{sid}").json()
    assert service["environments"] == [
        {"name": "production", "service_id": sid, "active_version": 1},
        {"name": "staging", "service_id": sid, "active_version": 2}]
    details = client.get(f"/service/{sid}/details").json()
    assert details["active_version"]["number"] == 1  # production is untouched
    assert details["environments"] == service["environments"]
    # A locked (staged) version cannot be edited.
    edit = client.post(f"{_v(sid, 2)}/backend", data={"name": "b", "address": "10.0.0.1"})
    assert edit.status_code == 422  # as the API answers edits of a locked version


def test_one_version_on_staging_at_a_time(client: httpx.Client, sid: str) -> None:
    _live(client, sid)
    client.put(f"{_v(sid, 1)}/clone")
    client.put(f"{_v(sid, 2)}/activate/staging")
    client.put(f"{_v(sid, 3)}/activate/staging")
    flags = {v["number"]: v["staging"] for v in client.get(f"/service/{sid}/version").json()}
    assert flags == {1: False, 2: False, 3: True}


def test_unstage(client: httpx.Client, sid: str) -> None:
    _live(client, sid)
    client.put(f"{_v(sid, 2)}/activate/staging")
    done = client.put(f"{_v(sid, 2)}/deactivate/staging")
    assert done.status_code == 200 and done.json()["staging"] is False
    assert done.json()["locked"] is True  # staging locked it for good
    assert [e["name"] for e in client.get(f"/service/{sid}").json()["environments"]] == [
        "production"]


def test_staging_compiles_like_production(client: httpx.Client, sid: str) -> None:
    _live(client, sid)
    client.post(f"{_v(sid, 2)}/vcl", data={"name": "main", "content": BAD_VCL, "main": "true"})
    refused = client.put(f"{_v(sid, 2)}/activate/staging")
    assert refused.status_code == 400
    assert client.get(_v(sid, 2)).json()["staging"] is False


def test_bad_environment_and_method(client: httpx.Client, sid: str) -> None:
    _live(client, sid)
    unknown = client.put(f"{_v(sid, 2)}/activate/canary")
    assert unknown.status_code == 400 and "'canary'" in unknown.json()["detail"]
    assert client.get(f"{_v(sid, 2)}/activate/staging").status_code == 405
    assert client.put(f"{_v(sid, 9)}/activate/staging").status_code == 404
