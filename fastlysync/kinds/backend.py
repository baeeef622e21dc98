"""Backends: the origins Fastly fetches from. Defaults are the API's (seen in real responses)."""

from __future__ import annotations

from pydantic import Field, field_validator

from . import validators
from .base import Kind, NamedModel, Reference

_UNSET = "Unset by default (the API answers null)."


class Backend(NamedModel):
    address: str = Field(description="Origin host name or IP address (no scheme, port or path).")
    comment: str | None = Field(None, description=_UNSET)
    port: int = Field(80, ge=0, le=65535, description="Origin port (0: the API picks 80 or 443 "
                      "by use_ssl). API default: 80.")
    use_ssl: bool = Field(False, description="Connect to the origin over TLS. API default: false.")
    override_host: str | None = Field(
        None, description="Host header sent to the origin instead of the client's. " + _UNSET)
    ssl_cert_hostname: str | None = Field(
        None, description="Host name the origin's certificate must match. " + _UNSET)
    ssl_sni_hostname: str | None = Field(None, description="TLS SNI host name. " + _UNSET)
    ssl_check_cert: bool = Field(True, description="Verify the origin certificate. "
                                 "API default: true.")
    ssl_ca_cert: str | None = Field(None, description="CA certificate (PEM). " + _UNSET)
    ssl_client_cert: str | None = Field(None, description="Client certificate (PEM). " + _UNSET)
    ssl_client_key: str | None = Field(None, description="Client private key (PEM); sensitive, "
                                       "write it as ${env:NAME}. " + _UNSET)
    ssl_ciphers: str | None = Field(None, description="OpenSSL cipher list. " + _UNSET)
    min_tls_version: str | None = Field(None, description="Minimum TLS version. " + _UNSET)
    max_tls_version: str | None = Field(None, description="Maximum TLS version. " + _UNSET)
    connect_timeout: int = Field(1000, ge=0, description="Milliseconds to wait for a "
                                 "connection. API default: 1000.")
    first_byte_timeout: int = Field(15000, ge=0, description="Milliseconds to wait for the "
                                    "first byte. API default: 15000.")
    between_bytes_timeout: int = Field(10000, ge=0, description="Milliseconds to wait between "
                                       "bytes. API default: 10000.")
    max_conn: int = Field(200, ge=0, description="Maximum open connections per cache node. "
                          "API default: 200.")
    error_threshold: int = Field(0, ge=0, description="Errors in a row before the backend "
                                 "counts as down. API default: 0.")
    weight: int = Field(100, ge=0, description="Weight for auto load balancing. "
                        "API default: 100.")
    shield: str | None = Field(None, description="POP code used as shield. " + _UNSET)
    healthcheck: str | None = Field(None, description="Name of a healthcheck of this service. "
                                    + _UNSET)
    request_condition: str | None = Field(
        None, description="Name of a REQUEST condition selecting this backend. API default: "
                          "none (\"\").")
    auto_loadbalance: bool = Field(False, description="Take part in automatic load balancing. "
                                   "API default: false.")
    keepalive_time: int | None = Field(None, ge=0, description="Milliseconds to keep idle "
                                       "connections. " + _UNSET)
    prefer_ipv6: bool = Field(False, description="Prefer IPv6 when resolving the address. "
                              "API default: false.")
    share_key: str | None = Field(None, description="Share connections with backends of other "
                                  "services with this key. " + _UNSET)
    max_lifetime: int | None = Field(None, ge=0, description="Milliseconds a connection may "
                                     "stay open. " + _UNSET)
    max_use: int | None = Field(None, ge=0, description="Requests a connection may serve. "
                                + _UNSET)
    tcp_keepalive_enable: bool | None = Field(None, description="TCP keepalive on origin "
                                              "connections. " + _UNSET)
    tcp_keepalive_interval: int | None = Field(None, ge=0, description="Seconds between "
                                               "keepalive probes. " + _UNSET)
    tcp_keepalive_probes: int | None = Field(None, ge=0, description="Unanswered probes before "
                                             "dropping the connection. " + _UNSET)
    tcp_keepalive_time: int | None = Field(None, ge=0, description="Idle seconds before the "
                                           "first keepalive probe. " + _UNSET)

    @field_validator("address")
    @classmethod
    def _address(cls, value: str) -> str:
        return validators.address(value)


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
    unset_wire={"request_condition": "blank", "comment": "blank"},
    extras={"ipv4": None, "ipv6": None, "client_cert": None, "ssl_hostname": None},
)
