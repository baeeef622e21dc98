"""Which certificate authorities a TLS connection trusts.

`--ca-bundle` wins, then SSL_CERT_FILE / SSL_CERT_DIR (OpenSSL's own variables, named
explicitly so a wrong path is an error instead of silently trusting nothing), then the
system store. A bundle replaces the system store, as curl's `--cacert` does: behind a
proxy that intercepts TLS, the corporate root is what must be trusted.
"""

from __future__ import annotations

import functools
import ssl
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from .errors import ConfigError


@dataclass(frozen=True)
class TrustSettings:
    cafile: str | None = None
    capath: str | None = None
    source: str = "the system store"
    """What the settings came from, for error messages (`--ca-bundle x.pem`)."""


def trust_settings(ca_bundle: Path | None, env: Mapping[str, str]) -> TrustSettings:
    if ca_bundle is not None:
        if ca_bundle.is_dir():
            return TrustSettings(capath=str(ca_bundle), source=f"--ca-bundle {ca_bundle}")
        return TrustSettings(cafile=str(ca_bundle), source=f"--ca-bundle {ca_bundle}")
    cafile = env.get("SSL_CERT_FILE") or None
    capath = env.get("SSL_CERT_DIR") or None
    if cafile or capath:
        names = " and ".join(n for n, v in (("SSL_CERT_FILE", cafile), ("SSL_CERT_DIR", capath))
                             if v)
        return TrustSettings(cafile=cafile, capath=capath, source=names)
    return TrustSettings()


@functools.cache
def tls_context(settings: TrustSettings) -> ssl.SSLContext:
    """One verifying context per trust setting: loading a CA bundle costs ~0.1 s."""
    if settings.cafile is None and settings.capath is None:
        return ssl.create_default_context()
    for where in (settings.cafile, settings.capath):
        if where is not None and not Path(where).exists():
            raise ConfigError(f"{settings.source}: {where} does not exist")
    try:
        context = ssl.create_default_context(cafile=settings.cafile, capath=settings.capath)
    except (ssl.SSLError, OSError, ValueError) as exc:
        reason = getattr(exc, "reason", None) or getattr(exc, "strerror", None) or "unreadable"
        raise ConfigError(f"{settings.source}: not a PEM certificate bundle ({reason})") from None
    if settings.cafile is not None and not context.get_ca_certs():
        raise ConfigError(f"{settings.source}: holds no CA certificate")
    return context
