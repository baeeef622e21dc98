"""Fault injection (off by default), request counters and the loopback-only admin API."""

from __future__ import annotations

import time

import httpx
import pytest

from fastlysync.emulator import Emulator, FaultRule, create_app
from fastlysync.emulator.admin import AdminClient

from .conftest import TOKEN


def _client(app: Emulator) -> httpx.Client:
    return httpx.Client(transport=app.transport(), base_url="http://emu.test",
                        headers={"Fastly-Key": TOKEN})


def test_no_faults_by_default(client: httpx.Client) -> None:
    statuses = {client.get("/service").status_code for _ in range(50)}
    assert statuses == {200}


def test_scoped_503_before_the_request_takes_effect() -> None:
    app = create_app(tokens=[TOKEN], faults=["method=POST path=^/service$ p503=1"])
    client = _client(app)
    response = client.post("/service", data={"name": "x"})
    assert response.status_code == 503
    assert client.get("/service").json() == []  # not applied, and GETs are not affected


def test_after_fault_applies_the_request_then_fails() -> None:
    app = create_app(tokens=[TOKEN], faults=[FaultRule(method="POST", p500=1.0, after=True,
                                                       times=1)])
    client = _client(app)
    assert client.post("/service", data={"name": "x"}).status_code == 500
    assert [s["name"] for s in client.get("/service").json()] == ["x"]
    assert client.post("/service", data={"name": "y"}).status_code == 200  # times=1 used up


def test_dropped_connection_in_process_is_a_protocol_error() -> None:
    app = create_app(tokens=[TOKEN], faults=["path=/clone drop=1"])
    client = _client(app)
    sid = client.post("/service", data={"name": "x"}).json()["id"]
    with pytest.raises(httpx.RemoteProtocolError):
        client.put(f"/service/{sid}/version/1/clone")


def test_latency_and_429() -> None:
    app = create_app(tokens=[TOKEN], faults=["method=GET latency=50ms",
                                             "method=PUT p429=1"])
    client = _client(app)
    started = time.perf_counter()
    client.get("/service")
    assert time.perf_counter() - started >= 0.05
    limited = client.put("/service/x")
    assert limited.status_code == 429 and "retry-after" not in limited.headers


def test_seeded_faults_are_reproducible() -> None:
    def run() -> list[int]:
        app = create_app(tokens=[TOKEN], seed=42, faults=["p503=0.3 p500=0.2"])
        client = _client(app)
        return [client.get("/service").status_code for _ in range(60)]

    first = run()
    assert first == run()
    assert set(first) == {200, 500, 503}


def test_bad_fault_specs_are_rejected() -> None:
    for spec in ("p503=2", "path=[", "colour=blue", "p503"):
        with pytest.raises(ValueError):
            FaultRule.parse(spec)


def test_fault_latency_units_and_clear_messages() -> None:
    assert FaultRule.parse("latency=2s").latency == 2.0
    assert FaultRule.parse("latency=250ms").latency == 0.25
    assert FaultRule.parse("latency=0.5").latency == 0.5
    for spec, message in (("latency=soon", "fault latency 'soon' is not a number"),
                          ("latency=5min", "fault latency '5min' is not a number"),
                          ("times=two", "fault times 'two' is not a whole number")):
        with pytest.raises(ValueError, match=message):
            FaultRule.parse(spec)


def test_counters_by_method_and_path_kind(app: Emulator, client: httpx.Client,
                                          sid: str) -> None:
    client.put(f"/service/{sid}/version/1/clone")
    client.post(f"/service/{sid}/version/2/backend", data={"name": "b", "address": "10.0.0.1"})
    client.get(f"/service/{sid}/details")
    client.get(f"/service/{sid}/details")
    admin = AdminClient("http://emu.test", token=app.admin_token, transport=app.transport())
    requests = admin.requests()
    assert requests["GET details"] == 2 and requests["PUT clone"] == 1
    assert requests["POST backend"] == 1 and requests["POST service"] == 1
    admin.reset_counters()
    assert admin.counters()["total"] == 0


def test_admin_controls_faults_and_reset(app: Emulator, client: httpx.Client,
                                         sid: str) -> None:
    admin = AdminClient("http://emu.test", token=app.admin_token, transport=app.transport())
    admin.add_fault(method="GET", path="/details", p503=1.0)
    assert client.get(f"/service/{sid}/details").status_code == 503
    assert admin.counters()["faults"] == {"503": 1}
    admin.clear_faults()
    assert client.get(f"/service/{sid}/details").status_code == 200
    admin.set_faults([{"path": "/version", "p500": 1, "times": 1}], seed=1)
    assert len(admin.faults()) == 1
    admin.reset()
    assert admin.faults() == [] and client.get("/service").json() == []
    assert client.get("/service").status_code == 200  # accounts survive a reset


def test_admin_is_loopback_only(app: Emulator) -> None:
    remote = httpx.Client(transport=app.transport(client="203.0.113.9"),
                          base_url="http://emu.test")
    assert remote.post("/_emulator/reset").status_code == 403
    assert remote.get("/_emulator/counters").status_code == 403
