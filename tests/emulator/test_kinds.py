"""Every kind in the registry behaves the same way: create, get, list, rename, 404, 409,
delete; form and JSON bodies; any boolean spelling; unknown fields ignored."""

from __future__ import annotations

import httpx
import pytest

from fastlysync.kinds import KINDS, Kind

from .samples import bool_fields, int_fields, minimal_body, named_kinds, sample_name

NAMED = named_kinds(KINDS)


def _base(sid: str, kind: Kind, version: int = 1) -> str:
    return f"/service/{sid}/version/{version}/{kind.api_path}"


@pytest.mark.parametrize("kind", NAMED, ids=lambda k: k.name)
def test_lifecycle(client: httpx.Client, sid: str, kind: Kind) -> None:
    base = _base(sid, kind)
    body = minimal_body(kind)
    name = body["name"]
    created = client.post(base, data={**body, "ServiceID": sid, "unknown_field": "x"})
    assert created.status_code == 200, created.text
    data = created.json()
    assert data["name"] == name and data["service_id"] == sid
    assert data["version"] == ("1" if kind.version_wire == "str" else 1)
    assert "unknown_field" not in data
    if kind.has_id:
        assert data["id"]
    data = {**data, **{f: str(data[f]) for f in kind.create_wire}}  # numbers on create only
    assert client.get(f"{base}/{name}").json() == data
    assert client.get(base).json() == [data]

    duplicate = client.post(base, data=body)
    assert duplicate.status_code == 409
    assert duplicate.json() == {"msg": "Duplicate record",
                                "detail": f"Duplicate {kind.name}: '{name}'"}

    new_name = sample_name(kind, 2)
    renamed = client.put(f"{base}/{name}", data={"name": new_name})
    assert renamed.status_code == 200, renamed.text
    if kind.fixed_name:  # the real API ignores a director's new name
        assert renamed.json()["name"] == name
        assert client.get(f"{base}/{new_name}").status_code == 404
        return
    assert renamed.json()["name"] == new_name
    missing = client.get(f"{base}/{name}")
    assert missing.status_code == 404
    assert missing.json()["msg"] == "Record not found"
    assert missing.json()["detail"].startswith(f"Couldn't find {kind.api_label} '")
    assert f"name => {name}" in missing.json()["detail"]

    assert client.delete(f"{base}/{new_name}").json() == {"status": "ok"}
    assert client.get(base).json() == []
    assert client.delete(f"{base}/{new_name}").status_code == 404


@pytest.mark.parametrize("kind", NAMED, ids=lambda k: k.name)
def test_json_body_equals_form_body(client: httpx.Client, sid: str, kind: Kind) -> None:
    form = client.post(_base(sid, kind), data=minimal_body(kind, 1)).json()
    as_json = client.post(_base(sid, kind), json=minimal_body(kind, 2)).json()
    drop = {"name", "created_at", "updated_at", "id", "hostname"}
    assert {k: v for k, v in form.items() if k not in drop} == \
        {k: v for k, v in as_json.items() if k not in drop}


@pytest.mark.parametrize("kind", [k for k in NAMED if bool_fields(k)], ids=lambda k: k.name)
@pytest.mark.parametrize(("spelling", "truth"), [("true", True), ("TRUE", True), ("1", True),
                                                 ("True", True), ("false", False),
                                                 ("False", False), ("0", False)])
def test_boolean_spellings(client: httpx.Client, sid: str, kind: Kind, spelling: str,
                           truth: bool) -> None:
    field = bool_fields(kind)[0]
    created = client.post(_base(sid, kind), data={**minimal_body(kind), field: spelling})
    assert created.status_code == 200, created.text
    value = created.json()[kind.wire_prefix + field]
    assert value in ((True, 1, "1") if truth else (False, 0, "0"))


@pytest.mark.parametrize("kind", [k for k in NAMED if int_fields(k)], ids=lambda k: k.name)
def test_bad_numbers_are_400(client: httpx.Client, sid: str, kind: Kind) -> None:
    field = int_fields(kind)[0]
    response = client.post(_base(sid, kind), data={**minimal_body(kind), field: "lots"})
    assert response.status_code == 400
    assert response.json()["msg"] == "Bad request" and field in response.json()["detail"]


def test_names_with_slashes_round_trip(client: httpx.Client, sid: str) -> None:
    kind = KINDS["condition"]
    body = {**minimal_body(kind), "name": "test/condition"}
    assert client.post(_base(sid, kind), data=body).status_code == 200
    got = client.get(f"{_base(sid, kind)}/test%2Fcondition")
    assert got.status_code == 200 and got.json()["name"] == "test/condition"


def test_restricted_names(client: httpx.Client, sid: str) -> None:
    for kind in (k for k in NAMED if k.name_pattern):
        response = client.post(_base(sid, kind), data={"name": "1-bad name!"})
        assert response.status_code == 400
        assert response.json()["detail"] == kind.name_rule


def test_healthcheck_headers_json_array(client: httpx.Client, sid: str) -> None:
    kind = KINDS["healthcheck"]
    body = {**minimal_body(kind), "headers": '["Foo:Bar","Baz:Qux"]'}
    created = client.post(_base(sid, kind), data=body).json()
    assert created["headers"] == ["Baz: Qux", "Foo: Bar"]  # the real API's normal form
    stored = client.get(f"{_base(sid, kind)}/{created['name']}").json()
    assert stored["headers"] == ["Baz: Qux", "Foo: Bar"]


def test_settings_singleton(client: httpx.Client, sid: str) -> None:
    url = f"/service/{sid}/version/1/settings"
    assert client.get(url).json()["general.default_ttl"] == 3600
    updated = client.put(url, data={"general.default_ttl": "60",
                                    "general.stale_if_error": "True"}).json()
    assert updated["general.default_ttl"] == 60 and updated["general.stale_if_error"] is True
    assert updated["version"] == 1 and updated["service_id"] == sid
    assert client.get(url).json() == updated


def test_director_members(client: httpx.Client, sid: str) -> None:
    base = f"/service/{sid}/version/1"
    client.post(f"{base}/backend", data={"name": "b1", "address": "10.0.0.1"})
    client.post(f"{base}/director", data={"name": "d", "type": "1", "quorum": "75"})
    added = client.post(f"{base}/director/d/backend/b1", data={"Backend": "b1"})
    assert added.status_code == 200
    assert added.json()["backend_name"] == "b1" and added.json()["director_name"] == "d"
    assert client.post(f"{base}/director/d/backend/b1").status_code == 409
    assert client.post(f"{base}/director/d/backend/nope").status_code == 404
    assert client.get(f"{base}/director/d").json()["backends"] == ["b1"]  # real wire: names
    assert client.get(f"{base}/director/d/backend/b1").status_code == 200
    assert client.delete(f"{base}/director/d/backend/b1").json() == {"status": "ok"}
    missing = client.get(f"{base}/director/d/backend/b1")
    assert missing.status_code == 404
    assert missing.json()["detail"].startswith("Couldn't find DirectorBackend")


def test_vcl_over_one_megabyte_is_rejected(client: httpx.Client, sid: str) -> None:
    big = "# padding\n" * 210_000
    response = client.post(f"/service/{sid}/version/1/vcl",
                           data={"name": "big", "content": big, "main": "true"})
    assert response.status_code == 400
    assert response.json()["msg"] == "Bad request" and "1MB" in response.json()["detail"]
