"""digest.rsa_verify and digest.ecdsa_verify: public-key signature checks (JWT validation at the
edge), on the `cryptography` package."""

from __future__ import annotations

import base64
import binascii
from typing import Any

from cryptography.exceptions import InvalidSignature, UnsupportedAlgorithm
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa
from cryptography.hazmat.primitives.asymmetric.utils import encode_dss_signature

from ..values import to_str
from . import builtin

HASHES = {"sha1": hashes.SHA1, "sha256": hashes.SHA256, "sha384": hashes.SHA384,
          "sha512": hashes.SHA512, "default": hashes.SHA256}
VARIANTS = ("standard", "url", "url_nopad", "default")


def _ident(ex: Any, node: Any, index: int, allowed: tuple[str, ...], default: str) -> str:
    """An ID argument (`sha256`, `url_nopad`): a bare name, not an expression."""
    if index >= len(node.args):
        return default
    name = getattr(node.args[index], "name", None)
    if name not in allowed:
        raise ex.fail(f"{node.name}: argument {index + 1} must be one of "
                      f"{', '.join(allowed)}", node)
    return name


def _decode(text: str, variant: str) -> bytes:
    """Base64 as digest.base64_decode reads it; url variants use `-_` (default: url_nopad)."""
    text = text.strip()
    if variant != "standard":
        text = text.replace("-", "+").replace("_", "/")
    text = text.rstrip("=")
    try:
        return base64.b64decode(text + "=" * (-len(text) % 4))
    except (binascii.Error, ValueError):
        return b""


def _public_key(pem: str) -> Any:
    try:
        return serialization.load_pem_public_key(pem.strip().encode())
    except (ValueError, UnsupportedAlgorithm):
        return None


def _arguments(ex: Any, node: Any, counts: tuple[int, int]) -> tuple[str, Any, bytes, str]:
    """The arguments both verifiers share: (hash, public key, payload, signature text)."""
    if len(node.args) not in counts:
        raise ex.fail(f"{node.name}: bad arguments (takes {counts[0]} or {counts[1]})", node)
    algo = _ident(ex, node, 0, tuple(HASHES), "sha256")
    key, payload, digest = (to_str(ex.eval(a)) for a in node.args[1:4])
    return algo, _public_key(key), payload.encode(), digest


@builtin("digest.rsa_verify", raw=True)
def rsa_verify(ex: Any, node: Any) -> bool:
    algo, public, payload, digest = _arguments(ex, node, (4, 5))
    variant = _ident(ex, node, 4, VARIANTS, "default")
    if not isinstance(public, rsa.RSAPublicKey):
        return False
    try:
        public.verify(_decode(digest, variant), payload, padding.PKCS1v15(), HASHES[algo]())
    except InvalidSignature:
        return False
    return True


@builtin("digest.ecdsa_verify", raw=True)
def ecdsa_verify(ex: Any, node: Any) -> bool:
    algo, public, payload, digest = _arguments(ex, node, (5, 6))
    form = _ident(ex, node, 4, ("der", "jwt", "default"), "der")
    variant = _ident(ex, node, 5, VARIANTS, "default")
    if not isinstance(public, ec.EllipticCurvePublicKey) or public.curve.name != "secp256r1":
        return False  # Fastly takes NIST P-256 keys only
    signature = _decode(digest, variant)
    if form == "jwt":  # R || S, 32 bytes each (RFC 7515 ES256)
        if len(signature) != 64:
            return False
        signature = encode_dss_signature(int.from_bytes(signature[:32], "big"),
                                         int.from_bytes(signature[32:], "big"))
    try:
        public.verify(signature, payload, ec.ECDSA(HASHES[algo]()))
    except (InvalidSignature, ValueError):
        return False
    return True
