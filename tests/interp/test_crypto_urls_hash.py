"""crypto.* against NIST SP 800-38A vectors and Python's `cryptography`; url.normalize against
Fastly's documented example and RFC 3986's dot-segment examples; fastly.hash's MurmurHash3
against the published vectors."""

import base64

import pytest
from cryptography.hazmat.primitives import padding
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

from fastlysync.interp.errors import VclRuntimeError
from fastlysync.interp.functions.murmur import murmur3_32
from fastlysync.interp.functions.urls import remove_dot_segments

from .helpers import evaluate, run

# NIST SP 800-38A, F.2.1 / F.2.5 (CBC) and F.5.1 (CTR).
KEY128 = "2b7e151628aed2a6abf7158809cf4f3c"
KEY256 = "603deb1015ca71be2b73aef0857d77811f352c073b6108d72d9810a30914dff4"
IV = "000102030405060708090a0b0c0d0e0f"
COUNTER = "f0f1f2f3f4f5f6f7f8f9fafbfcfdfeff"
BLOCK1 = "6bc1bee22e409f96e93d7e117393172a"
BLOCK2 = "ae2d8a571e03ac9c9eb76fac45af8e51"


def call(fn: str, cipher: str, mode: str, pad: str, key: str, iv: str, data: str) -> object:
    return evaluate(f'crypto.{fn}({cipher}, {mode}, {pad}, "{key}", "{iv}", "{data}")')


@pytest.mark.parametrize(("cipher", "mode", "key", "iv", "plain", "expected"), [
    ("aes128", "cbc", KEY128, IV, BLOCK1 + BLOCK2,
     "7649abac8119b246cee98e9b12e9197d5086cb9b507219ee95db113a917678b2"),
    ("aes256", "cbc", KEY256, IV, BLOCK1, "f58c4c04d6e5f1ba779eabfb5f7bfbd6"),
    ("aes128", "ctr", KEY128, COUNTER, BLOCK1, "874d6191b620e3261bef6864990db6ce"),
])
def test_nist_vectors_encrypt_and_decrypt(cipher, mode, key, iv, plain, expected) -> None:
    assert call("encrypt_hex", cipher, mode, "nopad", key, iv, plain) == expected
    assert call("decrypt_hex", cipher, mode, "nopad", key.upper(), iv, expected) == plain


def test_pkcs7_and_base64_match_pythons_cryptography() -> None:
    key = bytes(range(24))
    iv = bytes(range(16, 32))
    message = b'{"user":"12345","role":"admin"}'
    padder = padding.PKCS7(128).padder()
    enc = Cipher(algorithms.AES(key), modes.CBC(iv)).encryptor()
    want = enc.update(padder.update(message) + padder.finalize()) + enc.finalize()
    args = f'aes192, cbc, pkcs7, "{key.hex()}", "{iv.hex()}"'
    got = evaluate(f'crypto.encrypt_base64({args}, "{base64.b64encode(message).decode()}")')
    assert got == base64.b64encode(want).decode()
    back = evaluate(f'crypto.decrypt_base64({args}, "{got}")')
    assert base64.b64decode(back) == message
    # A CTR stream of an odd length needs no padding.
    ctr = Cipher(algorithms.AES(key), modes.CTR(iv)).encryptor()
    assert call("encrypt_hex", "aes192", "ctr", "nopad", key.hex(), iv.hex(), "616263") == \
        (ctr.update(b"abc") + ctr.finalize()).hex()


def test_a_wrong_key_sets_ebaddecrypt_and_returns_not_set() -> None:
    sealed = evaluate(f'crypto.encrypt_hex(aes128, cbc, pkcs7, "{KEY128}", "{IV}", "68656c6c6f")')
    prelude = ("declare local var.p STRING; set var.p = crypto.decrypt_hex(aes128, cbc, pkcs7, "
               f'"{"00" * 16}", "{IV}", "{sealed}");')
    assert evaluate("fastly.error", prelude) == "EBADDECRYPT"
    assert evaluate("var.p", prelude) == ""
    assert evaluate("fastly.error", prelude.replace("00" * 16, KEY128)) is None


@pytest.mark.parametrize(("args", "message"), [
    (("aes256", "cbc", "nopad", KEY128, IV, BLOCK1), "aes256 takes a 32-byte key"),
    (("aes128", "cbc", "nopad", KEY128, "0011", BLOCK1), "takes a 16-byte IV"),
    (("aes128", "cbc", "nopad", KEY128, IV, "6bc1"), "cbc with nopad takes whole 16-byte"),
    (("aes128", "ctr", "pkcs7", KEY128, IV, BLOCK1), "ctr mode takes nopad"),
    (("aes128", "ecb", "nopad", KEY128, IV, BLOCK1), "argument 2 must be one of cbc, ctr"),
    (("aes128", "cbc", "nopad", "zz", IV, BLOCK1), "the key is not a hex string"),
])
def test_bad_parameters_are_a_clear_error(args, message) -> None:
    with pytest.raises(VclRuntimeError, match=message):
        call("encrypt_hex", *args)


@pytest.mark.parametrize(("url", "expected"), [
    ("/foo/../foo%3dbar", "/foo%3Dbar"),  # Fastly's reference example
    ("HTTPS://Example.COM:443/a%7e%2Fb", "https://example.com/a~%2Fb"),
    ("http://example.com:8080", "http://example.com:8080/"),
    ("http://[::1]:80/x/./y", "http://[::1]/x/y"),
    ("/%2e%2e/secret?next=%2e%2e", "/secret?next=%2e%2e"),
    ("http://example.com/a#frag", "http://example.com/a"),
    ("ftp://Example.COM/../x", "ftp://Example.COM/../x"),
    ("http://user@Example.COM/", "http://user@Example.COM/"),
])
def test_url_normalize(url, expected) -> None:
    # A long string: a "..." literal would decode the %XX escapes itself.
    assert evaluate(f'url.normalize({{"{url}"}})') == expected


@pytest.mark.parametrize(("path", "expected"), [
    ("/a/b/c/./../../g", "/a/g"),  # RFC 3986 section 5.2.4
    ("mid/content=5/../6", "mid/6"),
    ("/a/..", "/"),
])
def test_remove_dot_segments_follows_rfc_3986(path, expected) -> None:
    assert remove_dot_segments(path) == expected


@pytest.mark.parametrize(("data", "seed", "expected"), [
    (b"", 0, 0), (b"", 1, 0x514E28B7), (b"hello", 0, 0x248BFA47),
    (b"The quick brown fox jumps over the lazy dog", 0, 0x2E4FF723),
    (b"Hello, world!", 1234, 0xFAF6CDB3),
])
def test_murmur3_matches_the_published_vectors(data, seed, expected) -> None:
    assert murmur3_32(data, seed) == expected


def test_fastly_hash_is_in_range_repeatable_and_noted() -> None:
    assert evaluate('fastly.hash("hello", 0, 0, 1023)') == 0x248BFA47 % 1024
    assert evaluate('fastly.hash("hello", 0, 10, 10)') == 10
    values = {evaluate(f'fastly.hash("/item/{i}", 7, 1, 6)') for i in range(60)}
    assert values == set(range(1, 7))
    result = run('sub vcl_recv { set req.http.B = fastly.hash(req.url, 0, 0, 99); error 600; }\n'
                 'sub vcl_error { set obj.http.B = req.http.B; }')
    assert result.error is None and 0 <= int(result.headers.get("B")) <= 99
    assert any("fastly.hash" in note and "may differ" in note for note in result.notes)
