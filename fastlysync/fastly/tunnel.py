"""A CONNECT tunnel through an http proxy, and TLS failures told in one line.

The tunnel carries TLS end to end: the proxy sees `CONNECT host:port` and encrypted bytes,
never the token. Its credentials go in `Proxy-Authorization` and are never shown.
"""

from __future__ import annotations

import asyncio
import ssl

from .errors import ProxyError, TlsError
from .proxy import Proxy


async def tunnel(reader: asyncio.StreamReader, writer: asyncio.StreamWriter, proxy: Proxy,
                 host: str, port: int, timeout: float) -> None:
    """CONNECT host:port through `proxy`; returns once the proxy answered 2xx."""
    authority = f"[{host}]:{port}" if ":" in host else f"{host}:{port}"
    lines = [f"CONNECT {authority} HTTP/1.1", f"Host: {authority}"]
    if proxy.authorization:
        lines.append(f"Proxy-Authorization: {proxy.authorization}")
    writer.write(("\r\n".join(lines) + "\r\n\r\n").encode("ascii"))
    await asyncio.wait_for(writer.drain(), timeout)
    try:
        head = await asyncio.wait_for(reader.readuntil(b"\r\n\r\n"), timeout)
    except (asyncio.IncompleteReadError, asyncio.LimitOverrunError):
        raise ProxyError(f"proxy {proxy} closed the connection or sent no valid answer to "
                         f"CONNECT {authority}") from None
    status_line = head.split(b"\r\n", 1)[0].decode("latin-1")
    parts = status_line.split(" ", 2)
    if len(parts) < 2 or not parts[0].startswith("HTTP/") or not parts[1].isdigit():
        raise ProxyError(f"proxy {proxy} sent no valid answer to CONNECT {authority}")
    if not 200 <= int(parts[1]) < 300:
        reason = parts[2].strip() if len(parts) > 2 else ""
        raise ProxyError(f"proxy {proxy} refused CONNECT {authority}: {parts[1]} {reason}"
                         .rstrip())


def tls_error(exc: ssl.SSLError, host: str, port: int) -> TlsError:
    if isinstance(exc, ssl.SSLCertVerificationError):
        reason = exc.verify_message or exc.reason or "verification failed"
        return TlsError(f"TLS: the certificate of {host}:{port} is not trusted ({reason}); "
                        "behind a proxy that intercepts TLS, pass --ca-bundle FILE or set "
                        "SSL_CERT_FILE")
    return TlsError(f"TLS handshake with {host}:{port} failed ({exc.reason or exc})")
