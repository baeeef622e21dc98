"""`GET /enabled-products/v1/{product}/services`: the account's services with a product on.

fastly-py's `get_services_product_<product>` reads it (`Product…Api`); the answer names the
product, the customer and the service ids, as the SDK's `…ResponseBodyGetAllServices`
declares. The per-service switches are in `emulator/extras.py`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ...kinds.product_enablement import PRODUCTS
from ..errors import ApiError
from ..messages import Request, Response, Route
from .paths import bind

if TYPE_CHECKING:
    from ..api import FastlyApi


class ProductProblem(ApiError):
    """The products API's error shape (recorded): `{"type", "title", "status", "errors",
    "detail"}`, not the legacy `{"msg", "detail"}`."""

    def body(self) -> dict[str, Any]:  # type: ignore[override]
        return {"type": "", "title": self.msg, "status": self.status, "errors": None,
                "detail": self.detail or ""}


def product_links(api: FastlyApi, path: str) -> dict[str, str]:
    """`_links` of a products answer: `{"self": path}`; empty in SDK wire mode, because
    fastly-py 15 cannot read a `self` key there (`SDK_WIRE` in
    tests/emulator/replay_differences.py lists each such difference)."""
    return {} if api.wire_mode == "sdk" else {"self": path}


def route(api: FastlyApi, req: Request) -> Route | None:
    return bind(api, req, "enabled-products/v1/{product}/services",
                {"GET": ("GET product services", list_services)})


def list_services(api: FastlyApi, req: Request, customer: str, product: str) -> Response:
    if product not in PRODUCTS:
        raise ProductProblem(400, "invalid product")
    services = [str(service["id"]) for service in api._customer_services(customer)
                if api.store.get("product", (service["id"], product)) is not None]
    return Response(200, {"product": {"id": product, "object": "product"},
                          "customer": {"id": customer, "object": "customer"},
                          "services": services,
                          "_links": product_links(api, f"/enabled-products/v1/{product}/services")})
