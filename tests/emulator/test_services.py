"""Services: create, get, list with pagination, search, update, delete, account isolation."""

from __future__ import annotations

import re

import httpx

from fastlysync.emulator import Emulator

from .conftest import OTHER


def test_create_returns_service_with_version_one(client: httpx.Client) -> None:
    body = client.post("/service", data={"name": "web", "comment": "c", "junk": "x"}).json()
    assert body["name"] == "web" and body["comment"] == "c" and body["type"] == "vcl"
    assert [v["number"] for v in body["versions"]] == [1]
    assert body["versions"][0]["active"] is False and body["versions"][0]["locked"] is False
    assert body["publish_key"] == "" and re.fullmatch(r"[A-Za-z0-9]{22}", body["id"])


def test_create_accepts_json_body(client: httpx.Client) -> None:
    body = client.post("/service", json={"name": "json-svc"}).json()
    assert body["name"] == "json-svc"


def test_create_requires_name(client: httpx.Client) -> None:
    response = client.post("/service", data={"comment": "no name"})
    assert response.status_code == 400
    assert response.json()["msg"] == "Bad request"


def test_get_update_delete(client: httpx.Client, sid: str) -> None:
    assert client.get(f"/service/{sid}").json()["name"] == "svc"
    updated = client.put(f"/service/{sid}", data={"name": "renamed", "comment": "new"}).json()
    assert (updated["name"], updated["comment"]) == ("renamed", "new")
    assert client.delete(f"/service/{sid}").json() == {"status": "ok"}
    again = client.delete(f"/service/{sid}")
    assert again.status_code == 400
    assert again.json() == {"msg": "Bad request", "detail": f"Service '{sid}' is deleted"}
    assert client.get("/service").json() == []


def test_unknown_service_is_400_everywhere(client: httpx.Client) -> None:
    for path in ("/service/nope", "/service/nope/details", "/service/nope/version",
                 "/service/nope/version/1/backend"):
        response = client.get(path)
        assert response.status_code == 400, path
        assert response.json()["msg"] == "Bad request"
    assert client.get("/service/search", params={"name": "nope"}).status_code == 400


def test_search_by_name(client: httpx.Client, sid: str) -> None:
    assert client.get("/service/search", params={"name": "svc"}).json()["id"] == sid


def test_accounts_see_only_their_services(client: httpx.Client, sid: str) -> None:
    other = {"Fastly-Key": OTHER}
    assert client.get("/service", headers=other).json() == []
    assert client.get(f"/service/{sid}", headers=other).status_code == 400
    assert client.put(f"/service/{sid}/version/1/clone", headers=other).status_code == 400
    assert client.get("/service/search", params={"name": "svc"}, headers=other).status_code \
        == 400


def test_missing_or_bad_token_is_401(client: httpx.Client) -> None:
    for headers in ({"Fastly-Key": ""}, {"Fastly-Key": "wrong"}):
        response = client.get("/service", headers=headers)
        assert response.status_code == 401
        assert response.json() == {"msg": "Provided credentials are missing or invalid"}
    bare = httpx.Client(transport=client._transport, base_url="http://emu.test")
    assert bare.get("/service").status_code == 401


def test_list_version_field_is_active_else_latest(client: httpx.Client, sid: str) -> None:
    client.put(f"/service/{sid}/version/1/clone")
    assert client.get("/service").json()[0]["version"] == 2
    client.put(f"/service/{sid}/version/1/activate")
    assert client.get("/service").json()[0]["version"] == 1


def _link_pages(link: str) -> dict[str, int]:
    found = re.findall(r'<[^>]*[?&]page=(\d+)[^>]*>; rel="(\w+)"', link)
    return {rel: int(page) for page, rel in found}


def test_pagination_with_link_header(client: httpx.Client) -> None:
    for i in range(45):
        client.post("/service", data={"name": f"s{i:02d}"})
    first = client.get("/service", params={"per_page": 20})
    assert len(first.json()) == 20
    assert _link_pages(first.headers["link"]) == {"last": 3, "next": 2}
    assert first.headers["link"].startswith("<http://emu.test/service?")
    middle = client.get("/service", params={"per_page": 20, "page": 2})
    assert _link_pages(middle.headers["link"]) == {"last": 3, "next": 3, "prev": 1, "first": 1}
    last = client.get("/service", params={"per_page": 20, "page": 3})
    assert len(last.json()) == 5
    assert _link_pages(last.headers["link"]) == {"prev": 2, "first": 1}
    single = client.get("/service", params={"per_page": 100})
    assert len(single.json()) == 45 and "link" not in single.headers
    names = [s["name"] for s in client.get("/service", params={
        "per_page": 100, "sort": "name", "direction": "descend"}).json()]
    assert names == sorted(names, reverse=True)


def test_pagination_rejects_garbage(client: httpx.Client) -> None:
    assert client.get("/service", params={"page": "x"}).status_code == 400
    assert client.get("/service", params={"per_page": "-1"}).status_code == 400
    assert client.get("/service", params={"sort": "nonsense"}).status_code == 400


def test_oidc_metadata_needs_no_token(app: Emulator) -> None:
    with httpx.Client(transport=app.transport(), base_url="http://emu.test") as bare:
        body = bare.get("/realms/fastly/.well-known/openid-configuration").json()
    assert body["issuer"] == "http://emu.test/realms/fastly"
    assert {"authorization_endpoint", "token_endpoint", "jwks_uri"} <= set(body)
