"""Purges are accepted and counted; only purge-all spends the write budget."""

from __future__ import annotations

from typing import Any


def test_purges_answer_like_fastly_and_are_counted(emulator: Any) -> None:
    client = emulator.client()
    sid = emulator.create_service("cached")["id"]
    url = client.post("/purge/www.example.com/a/b.html").json()
    assert url["status"] == "ok" and url["id"]
    key = client.post(f"/service/{sid}/purge/product-1",
                      headers={"Fastly-Soft-Purge": "1"}).json()
    assert key["status"] == "ok" and key["id"]
    keys = client.post(f"/service/{sid}/purge", json={"surrogate_keys": ["a", "b"]}).json()
    assert sorted(keys) == ["a", "b"] and all(keys.values())
    by_header = client.post(f"/service/{sid}/purge", headers={"Surrogate-Key": "c d"}).json()
    assert sorted(by_header) == ["c", "d"]
    assert client.post(f"/service/{sid}/purge_all").json() == {"status": "ok"}
    counted = emulator.admin.counters()["requests"]
    assert counted["POST purge/url"] == 1 and counted["POST purge/key"] == 1
    assert counted["POST purge/keys"] == 2 and counted["POST purge_all"] == 1
    assert client.post(f"/service/{sid}/purge", json={}).status_code == 400
    assert client.post("/service/nope/purge/k").status_code == 400


def test_only_purge_all_is_rate_limited(emulator: Any) -> None:
    client = emulator.client()
    sid = emulator.create_service("limited")["id"]
    emulator.admin.set_rate_limit(2)  # one write (the service) is spent already
    for _ in range(3):
        response = client.post(f"/service/{sid}/purge/k")
        assert response.status_code == 200
        assert "fastly-ratelimit-remaining" not in response.headers
    assert client.post(f"/service/{sid}/purge_all").status_code == 200
    assert client.post(f"/service/{sid}/purge_all").status_code == 429
