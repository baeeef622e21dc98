"""The one masking function: every spelling of a secret, whole or truncated, is hidden."""

from __future__ import annotations

import io
import json

import pytest

from fastlysync.masking import MASK, MaskingStream, arm, disarm, mask, register, registered

PEM = ("-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\n"
       "BKcwggSjAgEAAoIBAQC7VJTUt9Us8cKj\n-----END PRIVATE KEY-----\n")


def test_exactly_four_characters_are_masked_three_are_not() -> None:
    assert mask("pin is abcd.", ["abcd"]) == f"pin is {MASK}."
    assert mask("pin is abc.", ["abc"]) == "pin is abc."


@pytest.mark.parametrize("shown", [
    "s3cr\\net-va\\tlue",  # repr / JSON escapes
    json.dumps("s3cr\net-va\tlue"),
    "s3cr et-va lue",  # whitespace squashed
    "'s3cr\\net-va...'",  # truncated after an escape
])
def test_escaped_squashed_and_truncated_forms(shown: str) -> None:
    masked = mask(f"error: input {shown} is bad", ["s3cr\net-va\tlue"])
    assert "s3cr" not in masked and MASK in masked


def test_long_prefix_and_suffix_are_masked_short_fragments_are_not() -> None:
    secret = "correct-horse-battery-staple-42"
    assert "horse" not in mask(f"value {secret[:16]}... rejected", [secret])
    assert "staple" not in mask(f"value ...{secret[-16:]} rejected", [secret])
    assert mask("correct horse", [secret]) == "correct horse"  # 7 chars: a word, not a leak
    long = "fastlysync-placeholder-" + "x" * 60
    assert mask("## fastlysync check", [long]) == "## fastlysync check"  # 10 of 83: no leak
    shown = repr(long)[:37] + "..."  # how spec validation truncates a value
    assert "placeholder" not in mask(f"port: (got {shown})", [long])


def test_every_line_of_a_multi_line_secret() -> None:
    masked = mask("line 2 of the key: MIIEvQIBADANBgkqhkiG9w0BAQEFAASC here", [PEM])
    assert "MIIEv" not in masked
    squashed = " ".join(PEM.split())
    assert "BKcwgg" not in mask(f"PUT: 400 bad key ({squashed})", [PEM])


def test_registered_secrets_only_while_armed() -> None:
    register(["never-kept-secret"])
    assert registered() == frozenset()
    arm()
    try:
        register(["kept-secret-value", "abc"])
        assert registered() == {"kept-secret-value"}
        assert mask("x kept-secret-value y") == f"x {MASK} y"
    finally:
        disarm()
    assert mask("x kept-secret-value y") == "x kept-secret-value y"


def test_stream_masks_a_secret_split_across_writes() -> None:
    target = io.StringIO()
    stream = MaskingStream(target)
    arm()
    try:
        register(["split-across-writes"])
        stream.write("before split-acr")
        stream.write("oss-writes after\nnext ")
        stream.flush()
    finally:
        disarm()
    assert target.getvalue() == f"before {MASK} after\nnext "
