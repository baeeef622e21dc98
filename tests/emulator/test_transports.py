"""The same app behind httpx's ASGI transport, and the `real` wire mode."""

from __future__ import annotations

import asyncio

import httpx
import pytest

from fastlysync.emulator import create_app

TOKEN = "t"


def test_asgi_transport_in_process() -> None:
    app = create_app(tokens=[TOKEN], faults=["path=/clone drop=1"])

    async def scenario() -> None:
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://emu.test",
                                     headers={"Fastly-Key": TOKEN}) as client:
            created = await client.post("/service", data={"name": "async"})
            assert created.status_code == 200
            sid = created.json()["id"]
            details = await client.get(f"/service/{sid}/details")
            assert details.json()["name"] == "async"
            head = await client.head("/service")
            assert head.status_code == 200 and head.content == b""
            with pytest.raises(ConnectionError):
                await client.put(f"/service/{sid}/version/1/clone")

    asyncio.run(scenario())


def test_real_wire_is_the_default_and_keeps_the_real_api_quirks() -> None:
    app = create_app(tokens=[TOKEN])
    client = httpx.Client(transport=app.transport(), base_url="http://emu.test",
                          headers={"Fastly-Key": TOKEN})
    sid = client.post("/service", data={"name": "real"}).json()["id"]
    base = f"/service/{sid}/version/1"
    client.post(f"{base}/backend", data={"name": "b", "address": "10.0.0.1"})
    client.post(f"{base}/director", data={"name": "d"})
    client.post(f"{base}/director/d/backend/b")
    assert client.get(f"{base}/director/d").json()["backends"] == ["b"]
    syslog = client.post(f"{base}/logging/syslog", data={"name": "s", "address": "10.0.0.2",
                                                          "port": "1234"}).json()
    assert syslog["port"] == "1234" and syslog["version"] == "1"
    acl = client.post(f"{base}/acl", data={"name": "a"}).json()["id"]
    entry = client.post(f"/service/{sid}/acl/{acl}/entry", data={"ip": "192.0.2.1"}).json()
    assert entry["negated"] == 0
    assert client.get(f"/service/{sid}/acl/{acl}/entry/{entry['id']}").json()["negated"] == "0"


def test_sdk_wire_mode_answers_in_the_sdk_types() -> None:
    app = create_app(tokens=[TOKEN], wire_mode="sdk")
    client = httpx.Client(transport=app.transport(), base_url="http://emu.test",
                          headers={"Fastly-Key": TOKEN})
    sid = client.post("/service", data={"name": "sdk"}).json()["id"]
    syslog = client.post(f"/service/{sid}/version/1/logging/syslog",
                         data={"name": "s", "address": "10.0.0.2", "port": "1234"}).json()
    assert syslog["port"] == 1234
