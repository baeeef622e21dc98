"""Where to send requests, with which token, through which proxy, trusting which CAs.

The token comes from FASTLY_API_TOKEN or a token file, never from argv (argv is visible to
every user on the machine). Plain http is accepted only for loopback endpoints (the local
emulator), so a token is never sent in clear over a network. A token is one line of
printable ASCII: one trailing newline is stripped, anything else (a second line, `\r\n`
header injection, control characters) is refused with a message that never shows the value.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from .errors import ConfigError
from .proxy import Proxy, is_loopback, proxy_for
from .tls import TrustSettings, tls_context, trust_settings

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
    """Deadline of one request, from getting a connection to its last byte."""
    deadline: float | None = None
    """Seconds all requests of one client may take together (a command's --timeout)."""
    proxy: Proxy | None = None
    trust: TrustSettings = field(default_factory=TrustSettings)
    max_response: int = 32 * 1024 * 1024
    """Largest answer read (bytes); API answers are small JSON."""


DEFAULT_TIMEOUT = 600.0
"""A command's default --timeout: a plan of thousands of services takes well under a
minute; ten minutes is a hang, not a slow API."""


def check_endpoint(endpoint: str) -> str:
    text = endpoint.strip()
    try:
        parts = urlsplit(text)
        parts.port  # noqa: B018 (raises on a bad port)
    except ValueError:
        raise ConfigError("the endpoint is not a valid URL") from None
    shown = text if parts.username is None and parts.password is None else "(hidden)"
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ConfigError(f"endpoint {shown!r} is not an http(s) URL")
    if shown == "(hidden)":
        raise ConfigError("the endpoint holds a user name or password; give the token with "
                          f"{TOKEN_ENV} or --token-file instead")
    if parts.scheme == "http" and not is_loopback(parts.hostname):
        raise ConfigError(f"endpoint {text!r}: plain http is allowed only to a loopback "
                          "address; use https")
    return text.rstrip("/")


def clean_token(raw: str, source: str) -> str:
    """One trailing newline stripped (and surrounding spaces); any other control character,
    space or non-ASCII character refused. The message never contains the value."""
    text = raw[:-2] if raw.endswith("\r\n") else raw[:-1] if raw.endswith("\n") else raw
    text = text.strip(" ")
    if not text:
        raise ConfigError(f"{source} is empty")
    for index, char in enumerate(text):
        if char in "\r\n":
            raise ConfigError(f"{source} holds more than one line (a line break at character "
                              f"{index + 1}); the token must be a single line")
        if not "!" <= char <= "~":
            what = ("a space" if char == " " else "a non-ASCII character" if ord(char) > 127
                    else "a control character")
            raise ConfigError(f"{source} holds {what} at character {index + 1}; a token is "
                              "printable ASCII")
    return text


def token_file_text(path: Path) -> str:
    """A token file's text; unreadable or binary is a one-line error that never shows it."""
    try:
        return path.read_bytes().decode("utf-8")
    except OSError as exc:
        raise ConfigError(f"cannot read token file {path}: {exc.strerror}") from None
    except UnicodeDecodeError:
        raise ConfigError(f"token file {path} is not text") from None


def read_token_file(path: Path) -> str:
    return clean_token(token_file_text(path), f"token file {path}")


def resolve_config(*, token_file: Path | None = None, endpoint: str | None = None,
                   env: Mapping[str, str] | None = None, concurrency: int | None = None,
                   ca_bundle: Path | None = None, timeout: float | None = None
                   ) -> ClientConfig:
    """Token: --token-file, else FASTLY_API_TOKEN. Endpoint: --endpoint, else
    FASTLY_API_ENDPOINT, else the public API. Proxy from the environment; trusted CAs from
    --ca-bundle, else SSL_CERT_FILE/SSL_CERT_DIR, else the system. `timeout`: the command's
    deadline in seconds (0 or None: none)."""
    env = os.environ if env is None else env
    if token_file is not None:
        token = read_token_file(token_file)
    else:
        raw = env.get(TOKEN_ENV, "")
        if not raw.strip():
            raise ConfigError(f"no API token: set {TOKEN_ENV} or pass --token-file")
        token = clean_token(raw, TOKEN_ENV)
    where = check_endpoint(endpoint or env.get(ENDPOINT_ENV) or DEFAULT_ENDPOINT)
    if concurrency is not None and concurrency < 1:
        raise ConfigError("concurrency must be at least 1")
    parts = urlsplit(where)
    secure = parts.scheme == "https"
    proxy = proxy_for(parts.scheme, parts.hostname or "", parts.port or (443 if secure else 80),
                      env)
    trust = trust_settings(ca_bundle, env)
    if secure:
        tls_context(trust)  # a missing or broken bundle is an error now, not per request
    return ClientConfig(token=token, endpoint=where,
                        concurrency=concurrency or ClientConfig.concurrency,
                        deadline=timeout or None, proxy=proxy, trust=trust)
