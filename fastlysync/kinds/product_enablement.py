"""Products enabled on a service: versionless switches under `/enabled-products/v1/`.

Every field is optional: a product the spec leaves out (null) is neither read nor changed, so
a spec manages exactly the products it names (each named product costs one read per plan).
Settings of a product (`ngwaf_traffic_ramp`) apply while it is enabled.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field, ValidationInfo, model_validator

from .base import Ignoring, Kind

_SWITCH = " true enables, false disables, leave out to leave it alone. API default: disabled."

PRODUCTS = ("api_discovery", "bot_management", "brotli_compression", "ddos_protection",
            "domain_inspector", "fanout", "image_optimizer", "log_explorer_insights", "ngwaf",
            "origin_inspector", "websockets")
"""The products Fastly lets a VCL service enable (their API ids)."""
SETTINGS = {"bot_management_contentguard": ("bot_management", "contentguard"),
            "ddos_protection_mode": ("ddos_protection", "mode"),
            "ngwaf_workspace_id": ("ngwaf", "workspace_id"),
            "ngwaf_traffic_ramp": ("ngwaf", "traffic_ramp")}
"""Setting field -> (product, key in the product's configuration)."""
ENABLE_BODY = {"ddos_protection": ("ddos_protection_mode",), "ngwaf": ("ngwaf_workspace_id",)}
"""Settings the enable request itself carries (the rest are PATCHed after enabling)."""
LIVE = {"live": True}
"""Validation context for state read from Fastly: the spec's rules are not checked on it (a
live Next-Gen WAF read for a spec that turns it off has no workspace read with it)."""


class ProductEnablement(Ignoring):
    api_discovery: bool | None = Field(None, description="API Discovery." + _SWITCH)
    bot_management: bool | None = Field(None, description="Bot Management." + _SWITCH)
    bot_management_contentguard: Literal["on", "off"] | None = Field(
        None, description="Bot Management ContentGuard. API default: off.")
    brotli_compression: bool | None = Field(None, description="Brotli compression." + _SWITCH)
    ddos_protection: bool | None = Field(None, description="DDoS Protection." + _SWITCH)
    ddos_protection_mode: Literal["off", "log", "block"] | None = Field(
        None, description="DDoS Protection mode. API default: log.")
    domain_inspector: bool | None = Field(None, description="Domain Inspector." + _SWITCH)
    fanout: bool | None = Field(None, description="Fanout (pub/sub, WebSockets over HTTP)."
                                + _SWITCH)
    image_optimizer: bool | None = Field(None, description="Image Optimizer (every backend "
                                         "needs a shield)." + _SWITCH)
    log_explorer_insights: bool | None = Field(None, description="Log Explorer & Insights."
                                               + _SWITCH)
    ngwaf: bool | None = Field(None, description="Next-Gen WAF (needs ngwaf_workspace_id)."
                               + _SWITCH)
    ngwaf_workspace_id: str | None = Field(None, description="Next-Gen WAF workspace to link. "
                                           "API default: none.")
    ngwaf_traffic_ramp: int | None = Field(None, ge=0, le=100, description="Percent of traffic"
                                           " Next-Gen WAF inspects. API default: 100.")
    origin_inspector: bool | None = Field(None, description="Origin Inspector." + _SWITCH)
    websockets: bool | None = Field(None, description="WebSockets." + _SWITCH)

    @model_validator(mode="after")
    def _settings_need_their_product(self, info: ValidationInfo) -> ProductEnablement:
        if info.context and info.context.get("live"):
            return self  # what a service has is a fact, not a spec to check (see LIVE)
        for field, (product, _) in SETTINGS.items():
            if getattr(self, field) is not None and getattr(self, product) is None:
                raise ValueError(f"{field} needs {product}: true or false (a setting of a "
                                 "product the spec does not manage cannot apply)")
        if self.ngwaf and not self.ngwaf_workspace_id:
            raise ValueError("ngwaf: true needs ngwaf_workspace_id (the workspace to link)")
        return self


KIND = Kind(name="product_enablement", model=ProductEnablement,
            spec_key="product_enablement", api_path="enabled-products",
            api_label="Product", in_details=False, singleton=True, access="products", order=3)
