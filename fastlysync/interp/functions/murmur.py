"""fastly.hash: a MurmurHash-based number between `from` and `to` (inclusive).

Fastly's reference says only that: the function is MurmurHash-based, deterministic for a key and
seed, and its result lies in the range. The exact mixing is not published, so this uses
MurmurHash3 (x86, 32-bit) of the key's bytes with the seed, reduced modulo the range size. A key
can land in a different bucket than on Fastly, so each case that calls it carries a note saying
so; a test should check the range or the branch taken, not a particular number.
"""

from __future__ import annotations

from typing import Any

from ..values import to_str
from . import builtin

MASK = 0xFFFFFFFF
C1, C2 = 0xCC9E2D51, 0x1B873593
NOTE = ("fastly.hash: Fastly's exact hash is not published; the value here is MurmurHash3 in "
        "the same range and may differ from Fastly's")


def _rotl(x: int, r: int) -> int:
    return ((x << r) | (x >> (32 - r))) & MASK


def murmur3_32(data: bytes, seed: int = 0) -> int:
    """MurmurHash3_x86_32 (Austin Appleby's public-domain reference)."""
    h = seed & MASK
    whole = len(data) - len(data) % 4
    for i in range(0, whole, 4):
        k = int.from_bytes(data[i:i + 4], "little")
        k = (_rotl((k * C1) & MASK, 15) * C2) & MASK
        h = (_rotl(h ^ k, 13) * 5 + 0xE6546B64) & MASK
    tail = data[whole:]
    if tail:
        k = int.from_bytes(tail, "little")
        h ^= (_rotl((k * C1) & MASK, 15) * C2) & MASK
    h ^= len(data)
    h ^= h >> 16
    h = (h * 0x85EBCA6B) & MASK
    h ^= h >> 13
    h = (h * 0xC2B2AE35) & MASK
    return h ^ (h >> 16)


@builtin("fastly.hash")
def fastly_hash(ex: Any, node: Any, key: Any, seed: int, low: int, high: int) -> int:
    if NOTE not in ex.st.notes:
        ex.st.notes.append(NOTE)
    low, high = min(int(low), int(high)), max(int(low), int(high))
    return low + murmur3_32(to_str(key).encode(), int(seed)) % (high - low + 1)
