"""The emulator's answers for http3, image optimizer defaults, rate limiters and product
enablement deserialize under the official SDK's declared types."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any
from urllib.parse import urlencode

import pytest
from conformance.sdk_mode import sdk_emulator_server  # noqa: F401  (SDK wire mode)
from conformance.sdk_oracle import check, response_type

from fastlysync.emulator import BackgroundServer
from tests.conftest import EmulatorHandle, reset_handle

VERSION = "/service/{service_id}/version/{version_id}"
LIMITER = [("name", "api"), ("http_methods[]", "GET"), ("rps_limit", "100"),
           ("window_size", "10"), ("client_key[]", "req.http.Fastly-Client-IP"),
           ("penalty_box_duration", "5"), ("action", "response"),
           ("response[status]", "429"), ("response[content_type]", "text/plain"),
           ("response[content]", "slow")]


def _service(client: Any) -> str:
    return str(client.post("/service", data={"name": "typed-extra"}).json()["id"])


def test_http3_and_image_optimizer(emulator: Any) -> None:
    client = emulator.client()
    sid = _service(client)
    base = f"/service/{sid}/version/1"
    check(response_type("POST", f"{VERSION}/http3"), client.post(f"{base}/http3").json())
    check(response_type("GET", f"{VERSION}/http3"), client.get(f"{base}/http3").json())
    check(response_type("DELETE", f"{VERSION}/http3"), client.delete(f"{base}/http3").json())
    path = f"{VERSION}/image_optimizer_default_settings"
    got = client.get(f"{base}/image_optimizer_default_settings")
    check(response_type("GET", path), got.json())
    patched = client.patch(f"{base}/image_optimizer_default_settings", json={"webp": True})
    check(response_type("PATCH", path), patched.json())


@pytest.fixture
def sdk_wire(sdk_emulator_server: BackgroundServer) -> Iterator[EmulatorHandle]:  # noqa: F811
    yield from reset_handle(sdk_emulator_server)


def test_rate_limiter(sdk_wire: EmulatorHandle) -> None:
    """In SDK wire mode: the real API's `response.status` is a number (go-fastly's
    recordings), the SDK declares a string (listed in `SDK_WIRE`)."""
    client = sdk_wire.client()
    sid = _service(client)
    created = client.post(f"/service/{sid}/version/1/rate-limiters", content=urlencode(LIMITER),
                          headers={"content-type": "application/x-www-form-urlencoded"})
    assert created.status_code == 200, created.text
    check(response_type("POST", f"{VERSION}/rate-limiters"), created.json())
    check(response_type("GET", f"{VERSION}/rate-limiters"),
          client.get(f"/service/{sid}/version/1/rate-limiters").json())
    path = f"/rate-limiters/{created.json()['id']}"
    check(response_type("GET", "/rate-limiters/{rate_limiter_id}"), client.get(path).json())
    check(response_type("PUT", "/rate-limiters/{rate_limiter_id}"),
          client.put(path, data={"rps_limit": "200"}).json())
    check(response_type("DELETE", "/rate-limiters/{rate_limiter_id}"),
          client.delete(path).json())


def test_products_answer_as_recorded(emulator: Any) -> None:
    """Shapes as go-fastly's recordings of the real API show them. (The official Python SDK
    cannot deserialize these: its generated `_links.self` model breaks on the `self` key, for
    the real API's answers too, so it is no oracle here.)"""
    client = emulator.client()
    sid = _service(client)
    path = f"/enabled-products/v1/ddos_protection/services/{sid}"
    off = client.get(path)
    assert off.status_code == 400 and off.json()["title"] == "no product on service"
    assert client.put(path, json={}).json() == {
        "product": {"id": "ddos_protection", "object": "product"},
        "service": {"id": sid, "object": "service"}, "_links": {"self": path.split(".com")[-1]}}
    patched = client.patch(f"{path}/configuration", json={"mode": "block"}).json()
    assert patched["configuration"] == {"mode": "block"}
    assert client.get(f"{path}/configuration").json()["configuration"] == {"mode": "block"}
    assert client.delete(path).status_code == 204
    assert client.get(path).status_code == 400
