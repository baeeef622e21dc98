"""Hostile input gets the right 4xx in the real error shape: never a 500, never a crash."""

from __future__ import annotations

import httpx
import pytest


def _assert_error(response: httpx.Response, status: int) -> None:
    assert response.status_code == status, response.text
    body = response.json()
    assert isinstance(body.get("msg"), str)


@pytest.mark.parametrize("content", [b"name=%FF%FE", b"\xff\xfe\xfd=1", b"name=ok&port=\xc3"])
def test_non_utf8_form_bodies(client: httpx.Client, sid: str, content: bytes) -> None:
    response = client.post(f"/service/{sid}/version/1/backend", content=content, headers={
        "content-type": "application/x-www-form-urlencoded"})
    _assert_error(response, 400)


@pytest.mark.parametrize("content", [b"{", b"[1,2]", b"null", b'"text"', b"\x00\x01"])
def test_malformed_json_bodies(client: httpx.Client, sid: str, content: bytes) -> None:
    response = client.post(f"/service/{sid}/version/1/backend", content=content,
                           headers={"content-type": "application/json"})
    _assert_error(response, 400)


def test_wrong_json_types(client: httpx.Client, sid: str) -> None:
    response = client.post(f"/service/{sid}/version/1/backend",
                           json={"name": {"a": 1}, "address": "10.0.0.1"})
    _assert_error(response, 400)
    response = client.post(f"/service/{sid}/version/1/backend",
                           json={"name": "b", "address": ["10.0.0.1"]})
    _assert_error(response, 400)


@pytest.mark.parametrize("name", ["a\x00b", "tab\tname", "x" * 300, ""])
def test_bad_names_in_bodies(client: httpx.Client, sid: str, name: str) -> None:
    response = client.post(f"/service/{sid}/version/1/backend",
                           json={"name": name, "address": "10.0.0.1"})
    _assert_error(response, 400)


@pytest.mark.parametrize("segment", ["a%00b", "%FF", "%C3%28"])
def test_bad_names_in_paths(client: httpx.Client, sid: str, segment: str) -> None:
    _assert_error(client.get(f"/service/{sid}/version/1/backend/{segment}"), 400)


def test_dot_dot_is_just_a_name(client: httpx.Client, sid: str) -> None:
    created = client.post(f"/service/{sid}/version/1/condition", data={
        "name": "..", "type": "REQUEST", "statement": 'req.url ~ "^/"'})
    assert created.status_code == 200
    assert client.get(f"/service/{sid}/version/1/condition/%2E%2E").json()["name"] == ".."
    _assert_error(client.get(f"/service/{sid}/version/1/backend/%2E%2E"), 404)


@pytest.mark.parametrize(("method", "path", "status"), [
    ("GET", "/nope", 404), ("GET", "/service/x/y/z", 404), ("PATCH", "/service", 405),
    ("BREW", "/service", 405), ("DELETE", "/service/search", 405), ("GET", "/", 404),
    ("GET", "/service/{sid}/version/1/nokind", 404), ("POST", "/service/{sid}/details", 405),
    ("PUT", "/service/{sid}/version/1/backend", 405), ("GET", "/service/{sid}/version/-1", 400),
    ("GET", "/service/{sid}/version/99999999999999999999", 400),
])
def test_unknown_paths_and_methods(client: httpx.Client, sid: str, method: str, path: str,
                                   status: int) -> None:
    _assert_error(client.request(method, path.format(sid=sid)), status)


def test_request_line_oddities(client: httpx.Client, sid: str) -> None:
    assert client.get("/service/").status_code == 200  # trailing slash
    _assert_error(client.get("/service", params={"page": "%FF"}), 400)
    _assert_error(client.get("/service//version"), 400)


def test_huge_batch_values(client: httpx.Client, sid: str) -> None:
    dictionary = client.post(f"/service/{sid}/version/1/dictionary", data={"name": "d"}).json()
    url = f"/service/{sid}/dictionary/{dictionary['id']}/items"
    _assert_error(client.patch(url, json={"items": "nope"}), 400)
    _assert_error(client.patch(url, json={"items": [1, 2]}), 400)
    _assert_error(client.patch(url, json={"items": [{"op": "create", "item_key": {},
                                                     "item_value": "v"}]}), 400)
