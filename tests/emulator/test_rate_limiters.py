"""Rate limiters are changed by id (`/rate-limiters/{id}`): the id names one object for life."""

from __future__ import annotations

from typing import Any

FORM = {"name": "rl", "action": "log_only", "client_key[]": "client.ip",
        "http_methods[]": "GET", "rps_limit": "10", "window_size": "10",
        "penalty_box_duration": "1"}


def test_rename_by_id_keeps_the_id(emulator: Any) -> None:
    client = emulator.client()
    sid = emulator.create_service("limited")["id"]
    created = client.post(f"/service/{sid}/version/1/rate-limiters", data=FORM).json()
    rid = created["id"]
    renamed = client.put(f"/rate-limiters/{rid}", data={"name": "rl-2", "rps_limit": "20"})
    assert renamed.status_code == 200
    assert (renamed.json()["id"], renamed.json()["name"]) == (rid, "rl-2")
    fetched = client.get(f"/rate-limiters/{rid}").json()
    assert (fetched["name"], fetched["rps_limit"], fetched["window_size"]) == ("rl-2", 20, 10)
    [listed] = client.get(f"/service/{sid}/version/1/rate-limiters").json()
    assert listed["id"] == rid
    again = client.put(f"/rate-limiters/{rid}", data={"name": "rl-3"}).json()
    assert again["id"] == rid

    assert client.put(f"/service/{sid}/version/1/clone").is_success
    [cloned] = client.get(f"/service/{sid}/version/2/rate-limiters").json()
    assert cloned["name"] == "rl-3" and cloned["id"] != rid
    assert client.get(f"/rate-limiters/{cloned['id']}").json()["version"] == 2
    assert client.delete(f"/rate-limiters/{rid}").json() == {"status": "ok"}
    assert client.get(f"/rate-limiters/{rid}").status_code == 404
    assert client.get(f"/rate-limiters/{cloned['id']}").status_code == 200
