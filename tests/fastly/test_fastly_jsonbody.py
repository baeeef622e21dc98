"""The JSON nesting cap: exact at the limit, blind to brackets inside strings."""

from __future__ import annotations

import json

import pytest

from fastlysync.fastly.jsonbody import MAX_DEPTH, TooDeep, depth, loads


def nested(levels: int) -> bytes:
    return b'{"a":' * (levels - 1) + b"[1]" + b"}" * (levels - 1)


def test_the_limit_is_exact() -> None:
    assert loads(nested(MAX_DEPTH)) is not None
    with pytest.raises(TooDeep, match=f"more than {MAX_DEPTH} levels"):
        loads(nested(MAX_DEPTH + 1))


@pytest.mark.parametrize("text", ['"[[[[["', '"]]]]"', '"\\"[{"', '"\\\\"', '"{}[]"'])
def test_brackets_in_strings_do_not_count(text: str) -> None:
    body = json.dumps({"s": json.loads(text), "l": [[1]]}).encode()
    assert depth(body) == 3
    assert loads(body)["l"] == [[1]]


def test_unbalanced_or_huge_nesting_is_too_deep_not_a_recursion_error() -> None:
    for body in (b"[" * 200_000, b"[" * 200_000 + b"]" * 200_000, b'{"a":' * 100_000):
        with pytest.raises(TooDeep):
            loads(body)


def test_malformed_json_is_still_a_value_error() -> None:
    with pytest.raises(ValueError):
        loads(b"[1, 2")
