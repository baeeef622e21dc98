"""Staging activation through Fastly's environment endpoints."""

from __future__ import annotations

from typing import Any


def test_activate_and_deactivate_staging(emulator: Any) -> None:
    client = emulator.client()
    sid = emulator.create_service("staged")["id"]
    client.put(f"/service/{sid}/version/1/clone")
    staged = client.put(f"/service/{sid}/version/1/activate/staging").json()
    assert staged["staging"] is True and staged["active"] is False and staged["locked"] is True
    assert staged["environments"] == [{"name": "staging", "service_id": sid, "active_version": 1}]
    assert client.get(f"/service/{sid}").json()["environments"][0]["active_version"] == 1
    client.put(f"/service/{sid}/version/2/activate/staging")
    versions = {v["number"]: v for v in client.get(f"/service/{sid}/version").json()}
    assert versions[1]["staging"] is False and versions[2]["staging"] is True  # one at a time
    assert client.get(f"/service/{sid}/details").json()["environments"][0]["active_version"] == 2
    off = client.put(f"/service/{sid}/version/2/deactivate/staging").json()
    assert off["staging"] is False and off["environments"] == []
    assert client.get(f"/service/{sid}").json()["environments"] == []
    assert client.put(f"/service/{sid}/version/2/activate/mars").status_code == 400


def test_staging_compiles_the_vcl_first(emulator: Any) -> None:
    client = emulator.client()
    sid = emulator.create_service("broken")["id"]
    client.post(f"/service/{sid}/version/1/vcl",
                data={"name": "main", "content": "sub vcl_recv {", "main": "true"})
    refused = client.put(f"/service/{sid}/version/1/activate/staging")
    assert refused.status_code == 400 and refused.json()["msg"] == "Bad request"
    assert client.get(f"/service/{sid}/version/1").json()["staging"] is False
