"""Where to send requests and with which token.

The token comes from FASTLY_API_TOKEN or a token file, never from argv (argv is visible to
every user on the machine). Plain http is accepted only for loopback endpoints (the local
emulator), so a token is never sent in clear over a network.
"""

from __future__ import annotations

import ipaddress
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from .errors import ConfigError

DEFAULT_ENDPOINT = "https://api.fastly.com"
TOKEN_ENV = "FASTLY_API_TOKEN"
ENDPOINT_ENV = "FASTLY_API_ENDPOINT"


@dataclass(frozen=True)
class ClientConfig:
    token: str = field(repr=False)
    endpoint: str = DEFAULT_ENDPOINT
    concurrency: int = 64
    """Requests in flight at once, across all services."""
    attempts: int = 5
    """Tries per request that is safe to repeat (GET, PUT, DELETE)."""
    backoff: float = 0.25
    """First retry delay in seconds; doubles per attempt, with full jitter."""
    backoff_cap: float = 4.0
    timeout: float = 30.0


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def check_endpoint(endpoint: str) -> str:
    parts = urlsplit(endpoint.strip())
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ConfigError(f"endpoint {endpoint!r} is not an http(s) URL")
    if parts.scheme == "http" and not is_loopback(parts.hostname):
        raise ConfigError(f"endpoint {endpoint!r}: plain http is allowed only to a loopback "
                          "address; use https")
    return endpoint.strip().rstrip("/")


def read_token_file(path: Path) -> str:
    try:
        token = path.read_text(encoding="utf-8").strip()
    except OSError as exc:
        raise ConfigError(f"cannot read token file {path}: {exc.strerror}") from None
    if not token:
        raise ConfigError(f"token file {path} is empty")
    return token


def resolve_config(*, token_file: Path | None = None, endpoint: str | None = None,
                   env: Mapping[str, str] | None = None, concurrency: int | None = None
                   ) -> ClientConfig:
    """Token: --token-file, else FASTLY_API_TOKEN. Endpoint: --endpoint, else
    FASTLY_API_ENDPOINT, else the public API."""
    env = os.environ if env is None else env
    if token_file is not None:
        token = read_token_file(token_file)
    else:
        token = env.get(TOKEN_ENV, "").strip()
        if not token:
            raise ConfigError(f"no API token: set {TOKEN_ENV} or pass --token-file")
    where = check_endpoint(endpoint or env.get(ENDPOINT_ENV) or DEFAULT_ENDPOINT)
    if concurrency is not None and concurrency < 1:
        raise ConfigError("concurrency must be at least 1")
    return ClientConfig(token=token, endpoint=where,
                        concurrency=concurrency or ClientConfig.concurrency)
