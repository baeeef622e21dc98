"""digest.* and bin.*: hashes, HMACs and base64 as Fastly spells them (hex is lowercase)."""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import zlib
from typing import Any

from ..values import to_str
from . import builtin


def _b(value: Any) -> bytes:
    return to_str(value).encode()


def _hash(name: str, algo: str) -> None:
    builtin(name)(lambda ex, node, text: hashlib.new(algo, _b(text)).hexdigest())


for _name, _algo in (("md5", "md5"), ("sha1", "sha1"), ("sha224", "sha224"),
                     ("sha256", "sha256"), ("sha384", "sha384"), ("sha512", "sha512")):
    _hash(f"digest.hash_{_name}", _algo)


def _from_base64(name: str, algo: str) -> None:
    def fn(ex: Any, node: Any, text: Any) -> str:
        return hashlib.new(algo, lenient_b64decode(to_str(text), False)).hexdigest()
    builtin(name)(fn)


for _name, _algo in (("sha1", "sha1"), ("sha256", "sha256"), ("sha512", "sha512")):
    _from_base64(f"digest.hash_{_name}_from_base64", _algo)


@builtin("digest.hash_crc32b")
def crc32b(ex: Any, node: Any, text: Any) -> str:
    return (zlib.crc32(_b(text)) & 0xFFFFFFFF).to_bytes(4, "little").hex()


def _hmac(name: str, algo: str, b64: bool) -> None:
    def fn(ex: Any, node: Any, key: Any, text: Any) -> str:
        mac = hmac.new(_b(key), _b(text), algo).digest()
        return base64.b64encode(mac).decode() if b64 else "0x" + mac.hex()
    builtin(name)(fn)


for _algo in ("md5", "sha1", "sha256", "sha512"):
    _hmac(f"digest.hmac_{_algo}", _algo, False)
    _hmac(f"digest.hmac_{_algo}_base64", _algo, True)


@builtin("digest.hmac_sha256_with_base64_key")
def hmac_b64key(ex: Any, node: Any, key: Any, text: Any) -> str:
    return "0x" + hmac.new(lenient_b64decode(to_str(key), False), _b(text), "sha256").hexdigest()


@builtin("digest.secure_is_equal")
def secure_is_equal(ex: Any, node: Any, a: Any, b: Any) -> bool:
    return hmac.compare_digest(_b(a), _b(b))


def lenient_b64decode(text: str, url: bool) -> bytes:
    """Base64 as digest.base64_decode reads it: whitespace trimmed, padding optional, bad input
    decodes to nothing (the url variant reads `-_`)."""
    text = text.strip()
    if url:
        text = text.replace("-", "+").replace("_", "/")
    try:
        return base64.b64decode(text + "=" * (-len(text) % 4))
    except (binascii.Error, ValueError):
        return b""


def _text(data: bytes) -> str:
    # Fastly stops at a NUL byte when the decoded value becomes a STRING.
    return data.split(b"\x00", 1)[0].decode("utf-8", "replace")


@builtin("digest.base64")
def b64(ex: Any, node: Any, text: Any) -> str:
    return base64.b64encode(_b(text)).decode()


@builtin("digest.base64url")
def b64url(ex: Any, node: Any, text: Any) -> str:
    return base64.urlsafe_b64encode(_b(text)).decode()


@builtin("digest.base64url_nopad")
def b64url_nopad(ex: Any, node: Any, text: Any) -> str:
    return base64.urlsafe_b64encode(_b(text)).decode().rstrip("=")


@builtin("digest.base64_decode")
def b64_decode(ex: Any, node: Any, text: Any) -> str:
    return _text(lenient_b64decode(to_str(text), False))


@builtin("digest.base64url_decode")
def b64url_decode(ex: Any, node: Any, text: Any) -> str:
    return _text(lenient_b64decode(to_str(text), True))


@builtin("digest.base64url_nopad_decode")
def b64url_nopad_decode(ex: Any, node: Any, text: Any) -> str:
    # No padding in this variant: an "=" is skipped like any invalid character instead of ending
    # the data (falco's fiddle-checked example: "aGVsbG8=0" decodes to "hello4").
    return _text(lenient_b64decode(to_str(text).replace("=", ""), True))


_BASE64 = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=")


@builtin("bin.base64_to_hex")
def base64_to_hex(ex: Any, node: Any, text: Any) -> str | None:
    """Uppercase hex of the decoded bytes (NULs kept); a character outside the Base64 alphabet
    gives not set and EINVAL (Fastly's `YWJ%jZA==` example)."""
    value = to_str(text)
    if not set(value) <= _BASE64:
        ex.st.vars["fastly.error"] = "EINVAL"
        return None
    return lenient_b64decode(value, False).hex().upper()


@builtin("bin.hex_to_base64")
def hex_to_base64(ex: Any, node: Any, text: Any) -> str | None:
    try:
        return base64.b64encode(bytes.fromhex(to_str(text))).decode()
    except ValueError:  # not hex, or an incomplete pair
        ex.st.vars["fastly.error"] = "EINVAL"
        return None


@builtin("digest.awsv4_hmac")
def awsv4_hmac(ex: Any, node: Any, key: Any, date: Any, region: Any, service: Any,
               string_to_sign: Any) -> str:
    """AWS Signature Version 4: the signing key chain, then the hex signature."""
    k = hmac.new(("AWS4" + to_str(key)).encode(), _b(date), "sha256").digest()
    for part in (to_str(region), to_str(service), "aws4_request"):
        k = hmac.new(k, part.encode(), "sha256").digest()
    return hmac.new(k, _b(string_to_sign), "sha256").hexdigest()


def _bzip2_table() -> list[int]:
    table = []
    for byte in range(256):
        crc = byte << 24
        for _ in range(8):
            crc = ((crc << 1) ^ 0x04C11DB7) if crc & 0x80000000 else crc << 1
        table.append(crc & 0xFFFFFFFF)
    return table


_BZIP2 = _bzip2_table()


@builtin("digest.hash_crc32")
def crc32_bzip2(ex: Any, node: Any, text: Any) -> str:
    """CRC-32/BZIP2 (unreflected), printed byte-reversed as Fastly does."""
    crc = 0xFFFFFFFF
    for b in _b(text):
        crc = ((crc << 8) & 0xFFFFFFFF) ^ _BZIP2[((crc >> 24) ^ b) & 0xFF]
    return (crc ^ 0xFFFFFFFF).to_bytes(4, "little").hex()
