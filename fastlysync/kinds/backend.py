"""Backends: the origins Fastly fetches from. Defaults are the API's (seen in real responses)."""

from __future__ import annotations

from pydantic import Field

from .base import Kind, NamedModel, Reference


class Backend(NamedModel):
    address: str
    comment: str | None = None
    port: int = Field(80, ge=1, le=65535)
    use_ssl: bool = False
    override_host: str | None = None
    ssl_cert_hostname: str | None = None
    ssl_sni_hostname: str | None = None
    ssl_check_cert: bool = True
    ssl_ca_cert: str | None = None
    ssl_client_cert: str | None = None
    ssl_client_key: str | None = None
    ssl_ciphers: str | None = None
    min_tls_version: str | None = None
    max_tls_version: str | None = None
    connect_timeout: int = Field(1000, ge=0)
    first_byte_timeout: int = Field(15000, ge=0)
    between_bytes_timeout: int = Field(10000, ge=0)
    max_conn: int = Field(200, ge=0)
    weight: int = Field(100, ge=0)
    shield: str | None = None
    healthcheck: str | None = None
    request_condition: str | None = None
    auto_loadbalance: bool = False
    keepalive_time: int | None = None
    prefer_ipv6: bool = False
    share_key: str | None = None


KIND = Kind(
    name="backend",
    model=Backend,
    spec_key="backends",
    api_path="backend",
    api_label="Backend",
    sensitive=frozenset({"ssl_client_key"}),
    references=(
        Reference("healthcheck", "healthcheck"),
        Reference("request_condition", "condition", "REQUEST"),
    ),
    order=30,
    echoes={"hostname": "address"},
)
