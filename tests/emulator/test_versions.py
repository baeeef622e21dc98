"""Versions: clone, activate, deactivate, lock, validate, locking rules and details."""

from __future__ import annotations

import re

import httpx

GOOD_VCL = "sub vcl_recv {\n#FASTLY recv\n  set req.http.X-A = \"1\";\n}\n"
BAD_VCL = "sub vcl_recv {\n  set req.http.X-A = ;\n}\n"


def _v(sid: str, n: int) -> str:
    return f"/service/{sid}/version/{n}"


def test_clone_is_max_plus_one_unlocked_with_comment_and_objects(client: httpx.Client,
                                                                 sid: str) -> None:
    client.put(_v(sid, 1), data={"comment": "first"})
    client.post(f"{_v(sid, 1)}/backend", data={"name": "b", "address": "10.0.0.1"})
    dictionary = client.post(f"{_v(sid, 1)}/dictionary", data={"name": "d1"}).json()
    client.post(f"{_v(sid, 1)}/acl", data={"name": "a1"})
    client.post(f"/service/{sid}/version").json()  # an empty version 2
    client.put(f"{_v(sid, 1)}/activate")
    clone = client.put(f"{_v(sid, 1)}/clone").json()
    assert clone["number"] == 3
    assert (clone["active"], clone["locked"], clone["comment"]) == (False, False, "first")
    assert client.get(f"{_v(sid, 3)}/backend/b").status_code == 200
    assert client.get(f"{_v(sid, 3)}/dictionary/d1").json()["id"] == dictionary["id"]
    assert client.get(f"{_v(sid, 2)}/backend").json() == []


def test_create_version_is_minimal(client: httpx.Client, sid: str) -> None:
    assert client.post(f"/service/{sid}/version").json() == {"number": 2, "service_id": sid}


def test_activation_locks_and_deactivates_previous(client: httpx.Client, sid: str) -> None:
    client.put(f"{_v(sid, 1)}/clone")
    first = client.put(f"{_v(sid, 1)}/activate").json()
    assert (first["active"], first["locked"], first["msg"]) == (True, True, None)
    client.put(f"{_v(sid, 2)}/activate")
    versions = {v["number"]: v for v in client.get(f"/service/{sid}/version").json()}
    assert versions[1]["active"] is False and versions[1]["locked"] is True
    assert versions[2]["active"] is True
    again = client.put(f"{_v(sid, 1)}/activate").json()  # rolling back to a locked version
    assert again["active"] is True
    off = client.put(f"{_v(sid, 1)}/deactivate").json()
    assert off["active"] is False and off["locked"] is True


def test_writes_to_locked_or_active_versions_are_422(client: httpx.Client, sid: str) -> None:
    client.post(f"{_v(sid, 1)}/backend", data={"name": "b", "address": "10.0.0.1"})
    client.put(f"{_v(sid, 1)}/activate")
    client.put(f"{_v(sid, 1)}/clone")
    client.put(f"{_v(sid, 2)}/lock")
    for n in (1, 2):
        for method, path, data in (
                ("POST", "/backend", {"name": "c", "address": "10.0.0.2"}),
                ("PUT", "/backend/b", {"port": "81"}),
                ("DELETE", "/backend/b", None),
                ("PUT", "/settings", {"general.default_ttl": "5"})):
            response = client.request(method, _v(sid, n) + path, data=data)
            assert response.status_code == 422, (n, method, path)
            assert response.json() == {"msg": "Version locked",
                                       "detail": f"Version '{n}' for service '{sid}' is locked"}


def test_missing_version_is_404_and_bad_number_400(client: httpx.Client, sid: str) -> None:
    assert client.get(_v(sid, 9)).status_code == 404
    assert client.get(f"/service/{sid}/version/x").status_code == 400


def test_activation_refuses_vcl_that_does_not_compile(client: httpx.Client, sid: str) -> None:
    client.post(f"{_v(sid, 1)}/vcl", data={"name": "main", "content": BAD_VCL, "main": "true"})
    response = client.put(f"{_v(sid, 1)}/activate")
    assert response.status_code == 400
    body = response.json()
    assert body["msg"] == "Bad request"
    assert re.fullmatch(r"Syntax error: .+\nat: \(input Line 2 Pos \d+\)", body["detail"],
                        re.S), body["detail"]
    assert client.get(_v(sid, 1)).json()["active"] is False
    validation = client.get(f"{_v(sid, 1)}/validate").json()
    assert validation["status"] == "error" and validation["errors"]
    assert set(validation) >= {"status", "msg", "errors", "warnings"}


def test_activation_refuses_custom_vcls_without_main(client: httpx.Client, sid: str) -> None:
    client.post(f"{_v(sid, 1)}/vcl", data={"name": "a", "content": GOOD_VCL})
    response = client.put(f"{_v(sid, 1)}/activate")
    assert response.status_code == 400
    assert "main" in response.json()["detail"]
    main = client.put(f"{_v(sid, 1)}/vcl/a/main").json()
    assert main["main"] is True
    assert client.put(f"{_v(sid, 1)}/activate").status_code == 200


def test_activation_checks_snippets_and_conditions(client: httpx.Client, sid: str) -> None:
    client.post(f"{_v(sid, 1)}/snippet", data={"name": "s", "type": "recv",
                                                "content": "set req.http.X = ;"})
    response = client.put(f"{_v(sid, 1)}/activate")
    assert response.status_code == 400 and "(s Line 1 Pos" in response.json()["detail"]
    client.put(f"{_v(sid, 1)}/snippet/s", data={"content": 'set req.http.X = "1";'})
    client.post(f"{_v(sid, 1)}/condition", data={"name": "c", "type": "REQUEST",
                                                  "statement": "req.url ~"})
    assert client.put(f"{_v(sid, 1)}/activate").status_code == 400
    client.put(f"{_v(sid, 1)}/condition/c", data={"statement": 'req.url ~ "^/a"'})
    assert client.get(f"{_v(sid, 1)}/validate").json() == {
        "status": "ok", "msg": None, "errors": [], "warnings": [], "messages": []}
    assert client.put(f"{_v(sid, 1)}/activate").status_code == 200


def test_setting_main_unsets_the_other(client: httpx.Client, sid: str) -> None:
    client.post(f"{_v(sid, 1)}/vcl", data={"name": "a", "content": GOOD_VCL, "main": "1"})
    client.post(f"{_v(sid, 1)}/vcl", data={"name": "b", "content": GOOD_VCL, "main": "True"})
    mains = {v["name"]: v["main"] for v in client.get(f"{_v(sid, 1)}/vcl").json()}
    assert mains == {"a": False, "b": True}


def test_details_shape_versions_and_filters(client: httpx.Client, sid: str) -> None:
    client.post(f"{_v(sid, 1)}/backend", data={"name": "b", "address": "10.0.0.1"})
    dictionary = client.post(f"{_v(sid, 1)}/dictionary", data={"name": "d"}).json()
    client.put(f"/service/{sid}/dictionary/{dictionary['id']}/item/k", data={"item_value": "v"})
    client.post(f"{_v(sid, 1)}/logging/syslog", data={"name": "l", "address": "10.0.0.9"})
    client.post(f"{_v(sid, 1)}/snippet", data={"name": "dyn", "type": "recv", "dynamic": "1",
                                                "content": 'set req.http.X = "1";'})
    details = client.get(f"/service/{sid}/details").json()
    assert details["active_version"] is None and details["version"]["number"] == 1
    version = details["version"]
    assert [b["name"] for b in version["backends"]] == ["b"]
    assert version["settings"] == {"general.default_ttl": 3600, "general.default_host": "",
                                   "general.stale_if_error": False,
                                   "general.stale_if_error_ttl": 43200,
                                   "general.default_pci": 0}
    assert version["snippets"][0]["content"] is None
    assert "items" not in version["dictionaries"][0]
    assert not any(key.startswith("logging") for key in version)
    assert version["wordpress"] == []
    client.put(f"{_v(sid, 1)}/activate")
    client.put(f"{_v(sid, 1)}/clone")
    client.post(f"{_v(sid, 2)}/backend", data={"name": "c", "address": "10.0.0.2"})
    details = client.get(f"/service/{sid}/details").json()
    assert details["version"]["number"] == 1 and details["active_version"]["number"] == 1
    assert [v["number"] for v in details["versions"]] == [1, 2]
    second = client.get(f"/service/{sid}/details", params={"version": "2"}).json()
    assert [b["name"] for b in second["version"]["backends"]] == ["b", "c"]
    active = client.get(f"/service/{sid}/details",
                        params={"filter[versions.active]": "true"}).json()
    assert [v["number"] for v in active["versions"]] == [1]
    assert client.get(f"/service/{sid}/details", params={"version": "7"}).status_code == 404


def test_details_cache_sees_every_write(client: httpx.Client, sid: str) -> None:
    assert client.get(f"/service/{sid}/details").json()["version"]["backends"] == []
    client.post(f"{_v(sid, 1)}/backend", data={"name": "b", "address": "10.0.0.1"})
    assert len(client.get(f"/service/{sid}/details").json()["version"]["backends"]) == 1
    client.put(f"/service/{sid}", data={"name": "renamed"})
    assert client.get(f"/service/{sid}/details").json()["name"] == "renamed"
