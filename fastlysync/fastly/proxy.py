"""Which proxy a request goes through: HTTPS_PROXY / HTTP_PROXY / ALL_PROXY and NO_PROXY.

The conventions are curl's and Go's (the Fastly CLI's): the lowercase variable wins over the
uppercase one, NO_PROXY holds host names (a name matches itself and its subdomains, a
leading dot or `*.` is allowed), IP addresses, CIDR blocks, optional `:port`, or `*`.
Loopback hosts are never proxied, as in Go: plain http is allowed only to loopback, so a
token sent in clear never passes through a proxy. https goes through the proxy in a CONNECT
tunnel, TLS end to end, so the proxy never sees the token.
"""

from __future__ import annotations

import base64
import ipaddress
from collections.abc import Mapping
from dataclasses import dataclass, field
from urllib.parse import unquote, urlsplit

from .errors import ConfigError

_VARIABLES = {"https": ("https_proxy", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"),
              "http": ("http_proxy", "HTTP_PROXY", "all_proxy", "ALL_PROXY")}


@dataclass(frozen=True)
class Proxy:
    host: str
    port: int
    authorization: str | None = field(default=None, repr=False)
    """`Basic ...` from the URL's user:password (never shown)."""

    def __str__(self) -> str:
        shown = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{shown}:{self.port}"


def parse_proxy(value: str, variable: str) -> Proxy:
    """A proxy URL; errors name the variable, never the value (it may hold a password)."""
    text = value.strip()
    if "://" not in text:
        text = "http://" + text  # curl accepts `host:port`
    try:
        parts = urlsplit(text)
        port = parts.port
    except ValueError:
        raise ConfigError(f"{variable} is not a valid proxy URL") from None
    if parts.scheme != "http":
        raise ConfigError(f"{variable}: only http:// proxies are supported (the tunnel "
                          f"to the API is TLS end to end), not {parts.scheme}://")
    if not parts.hostname:
        raise ConfigError(f"{variable} is not a valid proxy URL (no host)")
    authorization = None
    if parts.username is not None:
        pair = f"{unquote(parts.username)}:{unquote(parts.password or '')}"
        authorization = "Basic " + base64.b64encode(pair.encode("utf-8")).decode("ascii")
    return Proxy(parts.hostname, port or 80, authorization)


def is_loopback(host: str) -> bool:
    if host.lower() in ("localhost", "localhost."):
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def bypassed(host: str, port: int, no_proxy: str) -> bool:
    """Whether NO_PROXY exempts `host:port`."""
    host = host.strip("[]").lower().rstrip(".")
    for raw in no_proxy.split(","):
        entry = raw.strip().lower()
        if not entry:
            continue
        if entry == "*":
            return True
        entry_host, entry_port = _split_port(entry)
        if entry_port is not None and entry_port != port:
            continue
        if _matches(host, entry_host):
            return True
    return False


def _split_port(entry: str) -> tuple[str, int | None]:
    if entry.startswith("["):  # [::1]:8080
        inner, _, rest = entry[1:].partition("]")
        return inner, int(rest[1:]) if rest.startswith(":") and rest[1:].isdigit() else None
    if entry.count(":") == 1:
        name, _, port = entry.partition(":")
        if port.isdigit():
            return name, int(port)
    return entry, None


def _matches(host: str, entry: str) -> bool:
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        address = None
    if "/" in entry:
        try:
            return address is not None and address in ipaddress.ip_network(entry, strict=False)
        except ValueError:
            return False
    name = entry.removeprefix("*").lstrip(".").rstrip(".")
    return host == name or host.endswith("." + name)


def proxy_for(scheme: str, host: str, port: int, env: Mapping[str, str]) -> Proxy | None:
    """The proxy for a request to `scheme://host:port`, or None for a direct connection."""
    if is_loopback(host.strip("[]")):
        return None
    for variable in _VARIABLES.get(scheme, ()):
        value = env.get(variable, "").strip()
        if not value:
            continue
        no_proxy = env.get("no_proxy", env.get("NO_PROXY", ""))
        if bypassed(host, port, no_proxy):
            return None
        return parse_proxy(value, variable)
    return None
