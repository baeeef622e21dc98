"""`GET /enabled-products/v1/{product}/services`: the account's services with a product on."""

from __future__ import annotations

from typing import Any


def test_services_with_a_product(emulator: Any) -> None:
    client = emulator.client()
    on, off = (emulator.create_service(name)["id"] for name in ("on", "off"))
    assert client.put(f"/enabled-products/v1/websockets/services/{on}").status_code == 200
    client.put(f"/enabled-products/v1/fanout/services/{off}")
    listed = client.get("/enabled-products/v1/websockets/services")
    assert listed.status_code == 200
    customer = client.get(f"/service/{on}").json()["customer_id"]
    assert listed.json() == {
        "product": {"id": "websockets", "object": "product"},
        "customer": {"id": customer, "object": "customer"}, "services": [on],
        "_links": {"self": "/enabled-products/v1/websockets/services"}}
    client.delete(f"/enabled-products/v1/websockets/services/{on}")
    assert client.get("/enabled-products/v1/websockets/services").json()["services"] == []
    unknown = client.get("/enabled-products/v1/teleport/services")
    assert unknown.status_code == 400 and unknown.json()["title"] == "invalid product"
    other = emulator.client(emulator.other_token)
    assert other.get("/enabled-products/v1/fanout/services").json()["services"] == []
