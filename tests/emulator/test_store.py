"""The state store: memory and SQLite behave alike; a failed request leaves no trace."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest

from fastlysync.emulator import create_app
from fastlysync.emulator.store import MemoryStore, SqliteStore

from .conftest import TOKEN


@pytest.fixture(params=["memory", "sqlite"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> MemoryStore:
    return MemoryStore() if request.param == "memory" else SqliteStore(tmp_path / "s.db")


def test_put_get_scan_delete(store: MemoryStore) -> None:
    with store.transaction():
        store.put("t", ("a", "x"), {"v": 1})
        store.put("t", ("a", "y"), {"v": 2})
        store.put("t", ("b", "x"), {"v": 3})
    assert store.get("t", ("a", "x")) == {"v": 1}
    assert [k for k, _v in store.scan("t", ("a",))] == ["x", "y"]
    with store.transaction():
        store.delete("t", ("a", "x"))
    assert store.get("t", ("a", "x")) is None
    assert store.scan("t", ("zzz",)) == []


def test_failed_transaction_is_rolled_back(store: MemoryStore) -> None:
    with store.transaction():
        store.put("t", ("k",), {"v": "before"})
    with pytest.raises(RuntimeError), store.transaction():
        store.put("t", ("k",), {"v": "during"})
        store.put("t", ("new",), {"v": 1})
        store.delete("t", ("k",))
        raise RuntimeError("crash mid-request")
    assert store.get("t", ("k",)) == {"v": "before"}
    assert store.get("t", ("new",)) is None


def test_sqlite_survives_reopen_and_keeps_order(tmp_path: Path) -> None:
    path = tmp_path / "state.db"
    first = SqliteStore(path)
    with first.transaction():
        for name in ("c", "a", "b"):
            first.put("t", ("p", name), {"name": name})
    with first.transaction():
        first.put("t", ("p", "c"), {"name": "c2"})
    with pytest.raises(ValueError), first.transaction():
        first.put("t", ("p", "z"), {"name": "z"})
        raise ValueError("not committed")
    first.close()
    second = SqliteStore(path)
    assert [(k, v["name"]) for k, v in second.scan("t", ("p",))] == \
        [("c", "c2"), ("a", "a"), ("b", "b")]
    second.close()


def test_emulator_state_survives_restart(tmp_path: Path) -> None:
    path = str(tmp_path / "emu.db")
    app = create_app(tokens=[TOKEN], state=path)
    client = httpx.Client(transport=app.transport(), base_url="http://emu.test",
                          headers={"Fastly-Key": TOKEN})
    sid = client.post("/service", data={"name": "kept"}).json()["id"]
    dictionary = client.post(f"/service/{sid}/version/1/dictionary", data={"name": "d"}).json()
    client.put(f"/service/{sid}/dictionary/{dictionary['id']}/item/k", data={"item_value": "v"})
    client.put(f"/service/{sid}/version/1/activate")
    before = client.get(f"/service/{sid}/details").json()
    app.close()

    again = create_app(tokens=[TOKEN], state=path)
    client = httpx.Client(transport=again.transport(), base_url="http://emu.test",
                          headers={"Fastly-Key": TOKEN})
    assert client.get(f"/service/{sid}/details").json() == before
    items = client.get(f"/service/{sid}/dictionary/{dictionary['id']}/items").json()
    assert [(i["item_key"], i["item_value"]) for i in items] == [("k", "v")]
    assert client.put(f"/service/{sid}/version/1/clone").json()["number"] == 2
    again.close()


def test_generated_token_is_kept_in_the_state(tmp_path: Path) -> None:
    path = str(tmp_path / "emu.db")
    first = create_app(state=path)
    assert first.generated_token
    token = first.token
    first.close()
    second = create_app(state=path)
    assert second.token == token and not second.generated_token
    second.close()


def test_a_failing_request_changes_nothing(tmp_path: Path) -> None:
    app = create_app(tokens=[TOKEN], state=str(tmp_path / "emu.db"))
    client = httpx.Client(transport=app.transport(), base_url="http://emu.test",
                          headers={"Fastly-Key": TOKEN})
    sid = client.post("/service", data={"name": "s"}).json()["id"]
    dictionary = client.post(f"/service/{sid}/version/1/dictionary", data={"name": "d"}).json()
    url = f"/service/{sid}/dictionary/{dictionary['id']}/items"
    ops = [{"op": "create", "item_key": "a", "item_value": "1"},
           {"op": "create", "item_key": "a", "item_value": "2"}]
    assert client.patch(url, json={"items": ops}).status_code == 409
    app.close()
    reopened = SqliteStore(tmp_path / "emu.db")
    assert reopened.scan("item", (sid, dictionary["id"])) == []
    reopened.close()
