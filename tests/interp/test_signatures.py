"""digest.rsa_verify / digest.ecdsa_verify on keys made here (Fastly's JWT-checking examples)."""

import base64

import pytest
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa
from cryptography.hazmat.primitives.asymmetric.utils import decode_dss_signature

from fastlysync.interp.errors import VclRuntimeError

from .helpers import evaluate

PAYLOAD = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ1c2VyIn0"


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode().rstrip("=")


def pem(key: object) -> str:
    return key.public_key().public_bytes(  # type: ignore[attr-defined]
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo).decode()


@pytest.fixture(scope="module")
def rsa_key() -> rsa.RSAPrivateKey:
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


@pytest.fixture(scope="module")
def ec_key() -> ec.EllipticCurvePrivateKey:
    return ec.generate_private_key(ec.SECP256R1())


def test_rsa_verify_accepts_the_signature_and_rejects_a_changed_payload(rsa_key) -> None:
    sig = rsa_key.sign(PAYLOAD.encode(), padding.PKCS1v15(), hashes.SHA256())
    call = 'digest.rsa_verify(sha256, {"%s"}, "%s", "%s", url_nopad)'
    assert evaluate(call % (pem(rsa_key), PAYLOAD, b64url(sig))) is True
    assert evaluate(call % (pem(rsa_key), PAYLOAD + "x", b64url(sig))) is False
    # default variant is url_nopad; standard base64 with padding works with `standard`
    no_variant = 'digest.rsa_verify(sha256, {"%s"}, "%s", "%s")'
    assert evaluate(no_variant % (pem(rsa_key), PAYLOAD, b64url(sig))) is True
    standard = 'digest.rsa_verify(sha256, {"%s"}, "%s", "%s", standard)'
    std = base64.b64encode(sig).decode()
    assert evaluate(standard % (pem(rsa_key), PAYLOAD, std)) is True


def test_rsa_verify_with_a_bad_key_is_false_and_a_bad_hash_name_an_error(rsa_key) -> None:
    assert evaluate('digest.rsa_verify(sha256, "not a key", "p", "c2ln")') is False
    with pytest.raises(VclRuntimeError, match="argument 1 must be one of"):
        evaluate('digest.rsa_verify(md5, "k", "p", "s")')


def test_ecdsa_verify_der_and_jwt_signatures(ec_key, rsa_key) -> None:
    der = ec_key.sign(PAYLOAD.encode(), ec.ECDSA(hashes.SHA256()))
    r, s = decode_dss_signature(der)
    jwt = r.to_bytes(32, "big") + s.to_bytes(32, "big")
    call = 'digest.ecdsa_verify(sha256, {"%s"}, "%s", "%s", %s, url_nopad)'
    assert evaluate(call % (pem(ec_key), PAYLOAD, b64url(der), "der")) is True
    assert evaluate(call % (pem(ec_key), PAYLOAD, b64url(jwt), "jwt")) is True
    assert evaluate(call % (pem(ec_key), PAYLOAD + "x", b64url(jwt), "jwt")) is False
    # an RSA key is not a P-256 key
    assert evaluate(call % (pem(rsa_key), PAYLOAD, b64url(jwt), "jwt")) is False
