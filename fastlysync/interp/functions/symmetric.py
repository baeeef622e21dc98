"""crypto.{en,de}crypt_{hex,base64}: AES in CBC or CTR mode, as Fastly documents them.

The cipher, mode and padding are bare names (`aes256, cbc, pkcs7`); key and IV are hex. A key or
IV of the wrong size, or a combination Fastly does not offer, stops the case with a clear error
(Fastly refuses such calls too). A decryption that fails (wrong key or IV: the PKCS#7 padding
does not check out) sets `fastly.error` to `EBADDECRYPT` and returns not set, as Fastly does.
Base64 is read as `digest.base64_decode` reads it (binary kept) and written as `digest.base64`.
"""

from __future__ import annotations

import base64
from typing import Any

from cryptography.hazmat.primitives import padding
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

from ..values import to_str
from . import builtin
from .crypto import lenient_b64decode

KEY_BYTES = {"aes128": 16, "aes192": 24, "aes256": 32}
MODES = ("cbc", "ctr")
PADDINGS = ("pkcs7", "nopad")
BLOCK = 16


def _ident(ex: Any, node: Any, index: int, allowed: tuple[str, ...]) -> str:
    name = getattr(node.args[index], "name", None)
    if name not in allowed:
        raise ex.fail(f"{node.name}: argument {index + 1} must be one of {', '.join(allowed)}",
                      node)
    return name


def _hex(ex: Any, node: Any, what: str, text: str) -> bytes:
    try:
        return bytes.fromhex(text)
    except ValueError:
        raise ex.fail(f"{node.name}: {what} is not a hex string", node) from None


def _setup(ex: Any, node: Any) -> tuple[Cipher, str, bytes]:
    """Check the six arguments; the cipher object, the padding name and the raw data text."""
    if len(node.args) != 6:
        raise ex.fail(f"{node.name}: takes 6 arguments (cipher, mode, padding, key, iv, data)",
                      node)
    cipher = _ident(ex, node, 0, tuple(KEY_BYTES))
    mode = _ident(ex, node, 1, MODES)
    pad = _ident(ex, node, 2, PADDINGS)
    key_hex, iv_hex, data = (to_str(ex.eval(a)) for a in node.args[3:])
    if mode == "ctr" and pad != "nopad":
        raise ex.fail(f"{node.name}: ctr mode takes nopad padding", node)
    key = _hex(ex, node, "the key", key_hex)
    if len(key) != KEY_BYTES[cipher]:
        raise ex.fail(f"{node.name}: {cipher} takes a {KEY_BYTES[cipher]}-byte key "
                      f"({KEY_BYTES[cipher] * 2} hex digits), got {len(key)} bytes", node)
    iv = _hex(ex, node, "the IV", iv_hex)
    if len(iv) != BLOCK:
        raise ex.fail(f"{node.name}: {mode} takes a {BLOCK}-byte IV (32 hex digits), "
                      f"got {len(iv)} bytes", node)
    algo = algorithms.AES(key)
    return Cipher(algo, modes.CBC(iv) if mode == "cbc" else modes.CTR(iv)), pad, data.encode()


def _encrypt(ex: Any, node: Any, plain: bytes, cipher: Cipher, pad: str, mode: str) -> bytes:
    if pad == "pkcs7":
        padder = padding.PKCS7(BLOCK * 8).padder()
        plain = padder.update(plain) + padder.finalize()
    elif mode == "cbc" and len(plain) % BLOCK:
        raise ex.fail(f"{node.name}: cbc with nopad takes whole {BLOCK}-byte blocks, "
                      f"got {len(plain)} bytes", node)
    enc = cipher.encryptor()
    return enc.update(plain) + enc.finalize()


def _decrypt(ex: Any, node: Any, data: bytes, cipher: Cipher, pad: str, mode: str
             ) -> bytes | None:
    if mode == "cbc" and (len(data) % BLOCK or (pad == "pkcs7" and not data)):
        ex.st.vars["fastly.error"] = "EBADDECRYPT"
        return None
    dec = cipher.decryptor()
    plain = dec.update(data) + dec.finalize()
    if pad == "pkcs7":
        unpadder = padding.PKCS7(BLOCK * 8).unpadder()
        try:
            plain = unpadder.update(plain) + unpadder.finalize()
        except ValueError:  # padding does not check out: wrong key or IV
            ex.st.vars["fastly.error"] = "EBADDECRYPT"
            return None
    return plain


def _mode(node: Any) -> str:
    return node.args[1].name


@builtin("crypto.encrypt_hex", raw=True)
def encrypt_hex(ex: Any, node: Any) -> str:
    cipher, pad, data = _setup(ex, node)
    plain = _hex(ex, node, "the plaintext", data.decode())
    return _encrypt(ex, node, plain, cipher, pad, _mode(node)).hex()


@builtin("crypto.decrypt_hex", raw=True)
def decrypt_hex(ex: Any, node: Any) -> str | None:
    cipher, pad, data = _setup(ex, node)
    plain = _decrypt(ex, node, _hex(ex, node, "the ciphertext", data.decode()), cipher, pad,
                     _mode(node))
    return None if plain is None else plain.hex()


@builtin("crypto.encrypt_base64", raw=True)
def encrypt_base64(ex: Any, node: Any) -> str:
    cipher, pad, data = _setup(ex, node)
    plain = lenient_b64decode(data.decode(), False)
    return base64.b64encode(_encrypt(ex, node, plain, cipher, pad, _mode(node))).decode()


@builtin("crypto.decrypt_base64", raw=True)
def decrypt_base64(ex: Any, node: Any) -> str | None:
    cipher, pad, data = _setup(ex, node)
    plain = _decrypt(ex, node, lenient_b64decode(data.decode(), False), cipher, pad, _mode(node))
    return None if plain is None else base64.b64encode(plain).decode()
