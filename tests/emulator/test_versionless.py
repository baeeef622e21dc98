"""Data outside versions: dictionary items, ACL entries, dictionary info, dynamic snippets."""

from __future__ import annotations

from typing import Any

import httpx
import pytest


@pytest.fixture
def dictionary(client: httpx.Client, sid: str) -> str:
    body = client.post(f"/service/{sid}/version/1/dictionary", data={"name": "dict1"}).json()
    return str(body["id"])


@pytest.fixture
def acl(client: httpx.Client, sid: str) -> str:
    return str(client.post(f"/service/{sid}/version/1/acl", data={"name": "acl1"}).json()["id"])


def _items(client: httpx.Client, sid: str, dictionary: str) -> dict[str, str]:
    rows = client.get(f"/service/{sid}/dictionary/{dictionary}/items",
                      params={"per_page": 1000}).json()
    return {row["item_key"]: row["item_value"] for row in rows}


def test_single_item_operations(client: httpx.Client, sid: str, dictionary: str) -> None:
    base = f"/service/{sid}/dictionary/{dictionary}"
    created = client.post(f"{base}/item", data={"item_key": "k1", "item_value": "v1"}).json()
    assert created["dictionary_id"] == dictionary and created["item_value"] == "v1"
    assert client.post(f"{base}/item", data={"item_key": "k1", "item_value": "x"}).status_code \
        == 409
    assert client.put(f"{base}/item/k2", data={"item_value": "v2"}).json()["item_key"] == "k2"
    assert client.patch(f"{base}/item/k2", data={"item_value": "v2b"}).json()["item_value"] \
        == "v2b"
    assert client.patch(f"{base}/item/nope", data={"item_value": "x"}).status_code == 404
    assert client.get(f"{base}/item/k1").json()["item_value"] == "v1"
    assert client.delete(f"{base}/item/k1").json() == {"status": "ok"}
    assert client.get(f"{base}/item/k1").status_code == 404
    assert _items(client, sid, dictionary) == {"k2": "v2b"}


def test_items_survive_locking_and_are_shared_by_clones(client: httpx.Client, sid: str,
                                                        dictionary: str) -> None:
    client.put(f"/service/{sid}/version/1/activate")
    base = f"/service/{sid}/dictionary/{dictionary}"
    assert client.put(f"{base}/item/k", data={"item_value": "v"}).status_code == 200
    clone = client.put(f"/service/{sid}/version/1/clone").json()["number"]
    cloned = client.get(f"/service/{sid}/version/{clone}/dictionary/dict1").json()
    assert cloned["id"] == dictionary
    info = client.get(f"/service/{sid}/version/{clone}/dictionary/{dictionary}/info").json()
    assert info["item_count"] == 1 and len(info["digest"]) == 64 and info["last_updated"]


def test_batch_items(client: httpx.Client, sid: str, dictionary: str) -> None:
    url = f"/service/{sid}/dictionary/{dictionary}/items"
    ops: list[dict[str, Any]] = [{"op": "create", "item_key": f"k{i}", "item_value": str(i)}
                                 for i in range(1000)]
    assert client.patch(url, json={"items": ops}).json() == {"status": "ok"}
    assert len(_items(client, sid, dictionary)) == 1000
    changes = [{"op": "upsert", "item_key": "k1", "item_value": "one"},
               {"op": "update", "item_key": "k2", "item_value": "two"},
               {"op": "delete", "item_key": "k3", "item_value": None},
               {"op": "upsert", "item_key": "new", "item_value": "n"}]
    assert client.patch(url, json={"items": changes}).status_code == 200
    items = _items(client, sid, dictionary)
    assert (items["k1"], items["k2"], items["new"]) == ("one", "two", "n") and "k3" not in items


def test_batch_is_atomic_and_bounded(client: httpx.Client, sid: str, dictionary: str) -> None:
    url = f"/service/{sid}/dictionary/{dictionary}/items"
    bad = [{"op": "create", "item_key": "a", "item_value": "1"},
           {"op": "update", "item_key": "missing", "item_value": "2"}]
    assert client.patch(url, json={"items": bad}).status_code == 404
    assert _items(client, sid, dictionary) == {}
    too_many = [{"op": "upsert", "item_key": f"k{i}", "item_value": "v"} for i in range(1001)]
    response = client.patch(url, json={"items": too_many})
    assert response.status_code == 400 and "1000" in response.json()["detail"]
    assert client.patch(url, json={"items": [{"op": "explode"}]}).status_code == 400
    assert client.patch(url, content=b"{not json", headers={
        "content-type": "application/json"}).status_code == 400


def test_item_limits(client: httpx.Client, sid: str, dictionary: str) -> None:
    base = f"/service/{sid}/dictionary/{dictionary}"
    assert client.put(f"{base}/item/{'k' * 257}", data={"item_value": "v"}).status_code == 400
    assert client.put(f"{base}/item/k", data={"item_value": "v" * 8001}).status_code == 400
    assert client.get(f"/service/{sid}/dictionary/nope/items").status_code == 404


def test_acl_entries(client: httpx.Client, sid: str, acl: str) -> None:
    base = f"/service/{sid}/acl/{acl}"
    form = client.post(f"{base}/entry", data={"ip": "192.0.2.1", "subnet": "32",
                                              "negated": "0", "comment": "c"}).json()
    assert (form["ip"], form["subnet"], form["negated"]) == ("192.0.2.1", 32, 0)
    as_json = client.post(f"{base}/entry", json={"ip": "2001:db8::1", "negated": 1}).json()
    assert as_json["negated"] == 1 and as_json["subnet"] is None
    updated = client.patch(f"{base}/entry/{form['id']}", json={"comment": "new"}).json()
    assert updated["comment"] == "new" and updated["ip"] == "192.0.2.1"
    assert client.get(f"{base}/entry/{form['id']}").json()["comment"] == "new"
    assert client.post(f"{base}/entry", data={"ip": "not-an-ip"}).status_code == 400
    assert client.post(f"{base}/entry", data={"ip": "192.0.2.1", "subnet": "33"}).status_code \
        == 400
    assert client.delete(f"{base}/entry/{as_json['id']}").json() == {"status": "ok"}
    assert [e["id"] for e in client.get(f"{base}/entries").json()] == [form["id"]]


def test_batch_acl_entries(client: httpx.Client, sid: str, acl: str) -> None:
    base = f"/service/{sid}/acl/{acl}"
    ops = [{"op": "create", "ip": f"10.0.{i // 256}.{i % 256}", "subnet": 32, "negated": "0"}
           for i in range(1000)]
    assert client.patch(f"{base}/entries", json={"entries": ops}).json() == {"status": "ok"}
    entries = client.get(f"{base}/entries", params={"per_page": 1000}).json()
    assert len(entries) == 1000
    first, second = entries[0]["id"], entries[1]["id"]
    changes = [{"op": "update", "id": first, "comment": "x", "negated": 1},
               {"op": "delete", "id": second},
               {"op": "create", "ip": "192.0.2.0", "subnet": 24, "comment": "net"}]
    assert client.patch(f"{base}/entries", json={"entries": changes}).status_code == 200
    assert client.get(f"{base}/entry/{first}").json()["negated"] == "1"  # a string on reads
    assert client.get(f"{base}/entry/{second}").status_code == 404
    paged = client.get(f"{base}/entries", params={"per_page": 100, "page": 2})
    assert len(paged.json()) == 100 and 'rel="next"' in paged.headers["link"]
    too_many = {"entries": [{"op": "create", "ip": "10.9.9.9"}] * 1001}
    assert client.patch(f"{base}/entries", json=too_many).status_code == 400


def test_dynamic_snippet_content(client: httpx.Client, sid: str) -> None:
    v1 = f"/service/{sid}/version/1"
    snippet = client.post(f"{v1}/snippet", data={"name": "dyn", "type": "recv", "dynamic": "1",
                                                 "content": 'set req.http.X = "1";'}).json()
    assert snippet["dynamic"] == "1" and snippet["content"] is None
    client.put(f"{v1}/activate")
    url = f"/service/{sid}/snippet/{snippet['id']}"
    assert client.get(url).json()["content"] == 'set req.http.X = "1";'
    updated = client.put(url, data={"content": 'set req.http.X = "2";'}).json()
    assert updated["content"] == 'set req.http.X = "2";' and updated["snippet_id"] == snippet["id"]
    assert client.get(f"{v1}/snippet/dyn").json()["content"] is None
    regular = client.put(f"{v1}/clone").json()["number"]
    plain = client.post(f"/service/{sid}/version/{regular}/snippet",
                        data={"name": "plain", "type": "recv", "content": "#x"}).json()
    assert client.get(f"/service/{sid}/snippet/{plain['id']}").status_code == 404


def test_write_only_dictionary_items_cannot_be_read(client: httpx.Client, sid: str) -> None:
    created = client.post(f"/service/{sid}/version/1/dictionary",
                          data={"name": "secret_keys", "write_only": "true"}).json()
    base = f"/service/{sid}/dictionary/{created['id']}"
    assert client.put(f"{base}/item/k", data={"item_value": "v"}).status_code == 200
    assert client.patch(f"{base}/items", json={"items": [
        {"op": "upsert", "item_key": "k2", "item_value": "v2"}]}).status_code == 200
    for path in (f"{base}/items", f"{base}/item/k"):
        response = client.get(path)
        assert response.status_code == 400, path
        body = response.json()
        assert body == {"msg": "Bad request",
                        "detail": "Not allowed to read contents of write_only dictionary"}
