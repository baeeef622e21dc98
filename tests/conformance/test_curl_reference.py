"""Raw HTTP as Fastly's API reference shows it (`curl -H "Fastly-Key: …"`), against the
emulator server: form or JSON bodies, HEAD, the one authentication header the reference
documents, and the error bodies clients print."""

from __future__ import annotations

import httpx

from tests.conftest import EmulatorHandle

UNAUTHORIZED = {"msg": "Provided credentials are missing or invalid"}


def test_json_bodies_are_read_with_their_types(emulator: EmulatorHandle) -> None:
    http = emulator.client()
    sid = http.post("/service", json={"name": "curl-json", "type": "vcl"}).json()["id"]
    made = http.post(f"/service/{sid}/version/1/backend", json={
        "name": "origin", "address": "origin.example.com", "port": 443, "use_ssl": True,
        "weight": 50, "override_host": None})
    assert made.status_code == 200, made.text
    read = http.get(f"/service/{sid}/version/1/backend/origin").json()
    assert (read["port"], read["use_ssl"], read["weight"], read["override_host"]) == (
        443, True, 50, None)
    broken = http.post(f"/service/{sid}/version/1/backend", content=b'{"name": ',
                       headers={"Content-Type": "application/json"})
    assert broken.status_code == 400 and broken.json()["msg"] == "Bad request"


def test_head_answers_gets_headers_without_a_body(emulator: EmulatorHandle) -> None:
    http = emulator.client()
    sid = emulator.create_service("curl-head")["id"]
    get = http.get(f"/service/{sid}/details")
    head = http.head(f"/service/{sid}/details")
    assert head.status_code == 200 and head.content == b""
    assert head.headers["content-type"] == get.headers["content-type"] == "application/json"
    assert head.headers["content-length"] == get.headers["content-length"]
    assert http.head(f"/service/{sid}/no-such-thing").status_code == 404


def test_only_the_fastly_key_header_authenticates(emulator: EmulatorHandle) -> None:
    """The reference documents `Fastly-Key` alone; a bearer token is not a Fastly API token
    header, so it is refused like a missing one (clients must not rely on it)."""
    url = f"{emulator.url}/service"
    assert httpx.get(url, headers={"fastly-key": emulator.token}).status_code == 200
    for headers in ({}, {"Authorization": f"Bearer {emulator.token}"},
                    {"Fastly-Key": "not-a-token"}):
        refused = httpx.get(url, headers=headers)
        assert refused.status_code == 401 and refused.json() == UNAUTHORIZED, headers


def test_error_bodies_are_fastly_legacy_documents(emulator: EmulatorHandle) -> None:
    http = emulator.client()
    sid = emulator.create_service("curl-errors")["id"]
    unknown = http.get("/no/such/path")
    assert unknown.status_code == 404 and set(unknown.json()) == {"msg", "detail"}
    wrong = http.put(f"/service/{sid}/version/1/backend")
    assert wrong.status_code == 405 and wrong.json()["msg"] == "Method not allowed"
    other = httpx.get(f"{emulator.url}/service/{sid}/details",
                      headers={"Fastly-Key": emulator.other_token})
    assert other.status_code == 400 and "not found" in other.json()["detail"]


def test_an_active_service_needs_deactivating_before_delete(emulator: EmulatorHandle) -> None:
    """Terraform's `force_destroy`: without the deactivate, Fastly refuses the delete."""
    http = emulator.client()
    sid = emulator.create_service("curl-delete")["id"]
    http.post(f"/service/{sid}/version/1/domain", data={"name": "d.example.com"})
    http.post(f"/service/{sid}/version/1/backend", data={"name": "o", "address": "o.example.com"})
    assert http.put(f"/service/{sid}/version/1/activate").status_code == 200
    refused = http.delete(f"/service/{sid}")
    assert refused.status_code == 400 and "active version" in refused.json()["detail"]
    assert http.put(f"/service/{sid}/version/1/deactivate").status_code == 200
    assert http.delete(f"/service/{sid}").json() == {"status": "ok"}
