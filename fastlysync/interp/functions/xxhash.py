"""digest.hash_xxh32 / hash_xxh64: xxHash (seed 0), written from the xxHash specification
(https://github.com/Cyan4973/xxHash/blob/dev/doc/xxhash_spec.md); Fastly prints the value as
lowercase hex."""

from __future__ import annotations

from typing import Any

from ..values import to_str
from . import builtin
from .crypto import lenient_b64decode

_P32 = (0x9E3779B1, 0x85EBCA77, 0xC2B2AE3D, 0x27D4EB2F, 0x165667B1)
_P64 = (0x9E3779B185EBCA87, 0xC2B2AE3D27D4EB4F, 0x165667B19E3779F9, 0x85EBCA77C2B2AE63,
        0x27D4EB2F165667C5)
_M32, _M64 = 0xFFFFFFFF, 0xFFFFFFFFFFFFFFFF


def _rotl32(x: int, r: int) -> int:
    return ((x << r) | (x >> (32 - r))) & _M32


def _rotl64(x: int, r: int) -> int:
    return ((x << r) | (x >> (64 - r))) & _M64


def xxh32(data: bytes, seed: int = 0) -> int:
    p1, p2, p3, p4, p5 = _P32
    n, i = len(data), 0
    if n >= 16:
        acc = [(seed + p1 + p2) & _M32, (seed + p2) & _M32, seed, (seed - p1) & _M32]
        while i + 16 <= n:
            for lane in range(4):
                word = int.from_bytes(data[i + 4 * lane:i + 4 * lane + 4], "little")
                acc[lane] = (_rotl32((acc[lane] + word * p2) & _M32, 13) * p1) & _M32
            i += 16
        h = (_rotl32(acc[0], 1) + _rotl32(acc[1], 7) + _rotl32(acc[2], 12)
             + _rotl32(acc[3], 18)) & _M32
    else:
        h = (seed + p5) & _M32
    h = (h + n) & _M32
    while i + 4 <= n:
        h = (h + int.from_bytes(data[i:i + 4], "little") * p3) & _M32
        h = (_rotl32(h, 17) * p4) & _M32
        i += 4
    while i < n:
        h = (h + data[i] * p5) & _M32
        h = (_rotl32(h, 11) * p1) & _M32
        i += 1
    h ^= h >> 15
    h = (h * p2) & _M32
    h ^= h >> 13
    h = (h * p3) & _M32
    return h ^ (h >> 16)


def _round64(acc: int, lane: int) -> int:
    acc = (acc + lane * _P64[1]) & _M64
    return (_rotl64(acc, 31) * _P64[0]) & _M64


def _merge64(h: int, acc: int) -> int:
    h ^= _round64(0, acc)
    return (h * _P64[0] + _P64[3]) & _M64


def xxh64(data: bytes, seed: int = 0) -> int:
    p1, p2, p3, p4, p5 = _P64
    n, i = len(data), 0
    if n >= 32:
        acc = [(seed + p1 + p2) & _M64, (seed + p2) & _M64, seed, (seed - p1) & _M64]
        while i + 32 <= n:
            for lane in range(4):
                word = int.from_bytes(data[i + 8 * lane:i + 8 * lane + 8], "little")
                acc[lane] = _round64(acc[lane], word)
            i += 32
        h = (_rotl64(acc[0], 1) + _rotl64(acc[1], 7) + _rotl64(acc[2], 12)
             + _rotl64(acc[3], 18)) & _M64
        for a in acc:
            h = _merge64(h, a)
    else:
        h = (seed + p5) & _M64
    h = (h + n) & _M64
    while i + 8 <= n:
        h ^= _round64(0, int.from_bytes(data[i:i + 8], "little"))
        h = (_rotl64(h, 27) * p1 + p4) & _M64
        i += 8
    if i + 4 <= n:
        h ^= (int.from_bytes(data[i:i + 4], "little") * p1) & _M64
        h = (_rotl64(h, 23) * p2 + p3) & _M64
        i += 4
    while i < n:
        h ^= (data[i] * p5) & _M64
        h = (_rotl64(h, 11) * p1) & _M64
        i += 1
    h ^= h >> 33
    h = (h * p2) & _M64
    h ^= h >> 29
    h = (h * p3) & _M64
    return h ^ (h >> 32)


@builtin("digest.hash_xxh32")
def hash_xxh32(ex: Any, node: Any, text: Any) -> str:
    return f"{xxh32(to_str(text).encode()):08x}"


@builtin("digest.hash_xxh64")
def hash_xxh64(ex: Any, node: Any, text: Any) -> str:
    return f"{xxh64(to_str(text).encode()):016x}"


@builtin("digest.hash_xxh32_from_base64")
def hash_xxh32_b64(ex: Any, node: Any, text: Any) -> str:
    return f"{xxh32(lenient_b64decode(to_str(text), False)):08x}"


@builtin("digest.hash_xxh64_from_base64")
def hash_xxh64_b64(ex: Any, node: Any, text: Any) -> str:
    return f"{xxh64(lenient_b64decode(to_str(text), False)):016x}"
