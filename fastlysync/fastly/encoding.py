"""Undo an answer's Content-Encoding here, under the same size cap as the bytes on the wire.

Left to httpx, decoding happened after the transport's cap: a few MB of gzip holding
gigabytes (a decompression bomb) went straight to a MemoryError. gzip and deflate are read
(httpx advertises them); any other encoding is a bad answer, not something to guess at.
"""

from __future__ import annotations

import zlib

from .errors import BadResponse

Headers = list[tuple[bytes, bytes]]
_WBITS = {"gzip": 47, "x-gzip": 47, "deflate": 15}
"""47: gzip or zlib header, detected; 15: zlib (a raw deflate stream is tried after)."""


def decoded(status: int, headers: Headers, body: bytes, limit: int) -> tuple[Headers, bytes]:
    """`headers` without Content-Encoding/Length and `body` decoded, at most `limit` bytes."""
    codings = [token.strip() for name, value in headers if name.lower() == b"content-encoding"
               for token in value.decode("latin-1").lower().split(",")]
    codings = [c for c in codings if c and c != "identity"]
    if not codings:
        return headers, body
    for coding in reversed(codings):  # the last one applied is undone first
        if coding not in _WBITS:
            raise BadResponse(f"{status} answer uses content encoding {coding!r}, which "
                              "fastlysync does not read")
        body = _inflate(status, coding, body, limit)
    kept = [(n, v) for n, v in headers
            if n.lower() not in (b"content-encoding", b"content-length")]
    return kept, body


def _inflate(status: int, coding: str, body: bytes, limit: int) -> bytes:
    for wbits in (_WBITS[coding], -15) if coding == "deflate" else (_WBITS[coding],):
        unpacker = zlib.decompressobj(wbits)
        try:
            out = unpacker.decompress(body, limit + 1)
        except zlib.error:
            continue
        if len(out) > limit or unpacker.unconsumed_tail:
            raise BadResponse(f"{status} answer is larger than the {limit // (1024 * 1024)} "
                              "MiB limit once decompressed (stopped reading)")
        return out
    raise BadResponse(f"{status} answer is not valid {coding} (Content-Encoding)")
