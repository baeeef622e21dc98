"""http3, image optimizer defaults and product enablement against the emulator: apply writes
them through their own endpoints, the live state shows it, a plan after is empty, and a spec
that does not name them costs no read for them."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from pydantic import ValidationError

sys.path.insert(0, str(Path(__file__).parent.parent / "apply"))
from apply_harness import Harness

from fastlysync.spec.model import Service

BASE = {"domains": [{"name": "extra.example.com"}],
        "backends": [{"name": "origin", "address": "origin.example.com"}]}


@pytest.fixture
def harness(emulator: Any, tmp_path: Path) -> Iterator[Harness]:
    (tmp_path / "services").mkdir()
    yield Harness(emulator, tmp_path)


def _apply(harness: Harness, data: dict[str, Any]) -> tuple[Service, str, int]:
    spec = Service.model_validate(data)
    [outcome] = harness.apply_ok(spec)
    assert harness.in_step(spec.model_copy(update={"id": outcome.service_id}))
    return spec, str(outcome.service_id), int(outcome.version or 0)


def test_http3_on_then_off(harness: Harness, emulator: Any) -> None:
    client = emulator.client()
    data = {"name": "h3", **BASE, "http3": {"enabled": True}}
    _, sid, version = _apply(harness, data)
    assert client.get(f"/service/{sid}/version/{version}/http3").status_code == 200
    data.update(id=sid, http3={"enabled": False})
    _, _, version = _apply(harness, data)
    assert client.get(f"/service/{sid}/version/{version}/http3").status_code == 404


def test_image_optimizer_defaults_are_patched(harness: Harness, emulator: Any) -> None:
    data = {"name": "io", **BASE,
            "image_optimizer_default_settings": {"webp": True, "jpeg_quality": 70}}
    _, sid, version = _apply(harness, data)
    live = emulator.client().get(
        f"/service/{sid}/version/{version}/image_optimizer_default_settings").json()
    assert (live["webp"], live["jpeg_quality"], live["resize_filter"]) == (True, 70, "lanczos3")


def test_products_are_versionless_and_only_named_ones_are_read(harness: Harness,
                                                               emulator: Any) -> None:
    client = emulator.client()
    data = {"name": "prod", **BASE, "product_enablement": {
        "fanout": True, "ddos_protection": True, "ddos_protection_mode": "block",
        "websockets": False}}
    _, sid, version = _apply(harness, data)
    base = f"/enabled-products/v1/{{}}/services/{sid}"
    assert client.get(base.format("fanout")).status_code == 200
    assert client.get(base.format("websockets")).status_code == 400
    ddos = client.get(base.format("ddos_protection") + "/configuration").json()
    assert ddos["configuration"]["mode"] == "block"
    # Turning fanout off is one write and no new version.
    data.update(id=sid)
    data["product_enablement"]["fanout"] = False
    harness.reset_counters()
    _, _, after = _apply(harness, data)
    writes = {k: n for k, n in emulator.admin.requests().items() if not k.startswith("GET")}
    assert writes == {"DELETE product": 1} and after == version
    assert client.get(base.format("fanout")).status_code == 400
    # A spec that names no product reads none.
    bare = Service.model_validate({"name": "prod", "id": sid, **BASE})
    harness.reset_counters()
    plan, _ = harness.plan(bare)
    assert not plan.has_changes
    assert not any("product" in k for k in emulator.admin.requests())


def test_product_not_named_is_left_alone(harness: Harness, emulator: Any) -> None:
    client = emulator.client()
    _, sid, _ = _apply(harness, {"name": "other", **BASE,
                                 "product_enablement": {"fanout": True}})
    client.put(f"/enabled-products/v1/websockets/services/{sid}", json={})
    spec = Service.model_validate({"name": "other", "id": sid, **BASE,
                                   "product_enablement": {"fanout": True}})
    assert harness.in_step(spec)


def test_ngwaf_on_live_can_be_turned_off(harness: Harness, emulator: Any) -> None:
    """A live Next-Gen WAF read for a spec that turns it off (so its workspace is not read)
    is live state, not a spec: the spec's rule "ngwaf: true needs a workspace" must not stop
    the plan."""
    client = emulator.client()
    data = {"name": "waf", **BASE, "product_enablement": {
        "ngwaf": True, "ngwaf_workspace_id": "ws-1"}}
    _, sid, _ = _apply(harness, data)
    base = f"/enabled-products/v1/ngwaf/services/{sid}"
    assert client.get(base).status_code == 200
    data.update(id=sid, product_enablement={"ngwaf": False})
    _apply(harness, data)
    assert client.get(base).status_code == 400


@pytest.mark.parametrize(("products", "message"), [
    ({"ngwaf": True}, "needs ngwaf_workspace_id"),
    ({"ddos_protection_mode": "block"}, "needs ddos_protection: true or false"),
])
def test_product_settings_are_checked(products: dict[str, Any], message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        Service.model_validate({"name": "x", "product_enablement": products})


RATE_LIMITER = {"name": "api", "http_methods": ["POST", "PUT"], "rps_limit": 100,
                "window_size": 10, "client_key": ["req.http.Fastly-Client-IP"],
                "penalty_box_duration": 5, "action": "response",
                "response": {"status": 429, "content_type": "text/plain", "content": "slow"}}


def test_rate_limiter_create_update_rename_delete(harness: Harness, emulator: Any) -> None:
    client = emulator.client()
    data: dict[str, Any] = {"name": "erl", **BASE, "rate_limiters": [dict(RATE_LIMITER)]}
    spec = Service.model_validate(data)
    [outcome] = harness.apply_ok(spec)
    sid = outcome.service_id
    plan, _ = harness.plan(spec.model_copy(update={"id": sid}))
    assert [(c.kind, [f.field for f in c.fields]) for s in plan.services
            for c in s.changes] == []
    [live] = client.get(f"/service/{sid}/version/{outcome.version}/rate-limiters").json()
    assert client.get(f"/rate-limiters/{live['id']}").json()["rps_limit"] == 100
    data.update(id=sid, rate_limiters=[{**RATE_LIMITER, "rps_limit": 200}])
    _, _, version = _apply(harness, data)
    [live] = client.get(f"/service/{sid}/version/{version}/rate-limiters").json()
    assert live["rps_limit"] == 200 and live["response"]["content"] == "slow"
    data.update(rate_limiters=[])
    _, _, version = _apply(harness, data)
    assert client.get(f"/service/{sid}/version/{version}/rate-limiters").json() == []


def test_rate_limiter_action_needs_its_response() -> None:
    with pytest.raises(ValidationError, match="action response needs response"):
        Service.model_validate({"name": "x", "rate_limiters": [
            {**RATE_LIMITER, "response": None}]})


def test_rate_limiter_rename_keeps_it_one_object(harness: Harness, emulator: Any) -> None:
    data: dict[str, Any] = {"name": "erl-mv", **BASE, "rate_limiters": [dict(RATE_LIMITER)]}
    _, sid, _ = _apply(harness, data)
    data.update(id=sid, rate_limiters=[{**RATE_LIMITER, "name": "api-v2"}])
    plan, _ = harness.plan(Service.model_validate(data))
    assert [(c.action, c.old_name, c.name) for s in plan.services for c in s.changes] == [
        ("rename", "api", "api-v2")]
    harness.reset_counters()
    _, _, version = _apply(harness, data)
    requests = emulator.admin.requests()
    assert requests.get("PUT rate_limiter") == 1 and "POST rate_limiter" not in requests
    names = [r["name"] for r in emulator.client().get(
        f"/service/{sid}/version/{version}/rate-limiters").json()]
    assert names == ["api-v2"]
