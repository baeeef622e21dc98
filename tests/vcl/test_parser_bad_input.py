"""Hostile input: a clear diagnostic or a clean parse, quickly; never a traceback or a hang.

The time limits are generous hang guards (a quadratic or exponential slip would blow far
past them), not benchmarks; bench/parse_speed.py measures speed.
"""

from __future__ import annotations

import random
import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fastlysync.vcl import ast as A
from fastlysync.vcl.parser import MAX_SOURCE_BYTES, parse


def timed(source: str | bytes, **kwargs: object):  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    result = parse(source, "bad.vcl", **kwargs)  # type: ignore[arg-type]
    return result, time.perf_counter() - start


def test_binary_file() -> None:
    data = bytes(range(256)) * 64
    result, elapsed = timed(data)
    (diag,) = result.diagnostics
    assert result.program is None
    assert str(diag) == "bad.vcl:1:1: binary file (contains a NUL byte), not VCL text"
    assert elapsed < 1


def test_nul_byte_in_text_is_located() -> None:
    (diag,) = parse("sub a {\n  esi;\x00\n}\n", "bad.vcl").diagnostics
    assert (diag.line, diag.column) == (2, 7) and "NUL" in diag.message


def test_non_utf8_bytes() -> None:
    data = "sub vcl_recv {\n  set req.http.X = \"caf\u00e9\";\n}\n".encode("latin-1")
    (diag,) = parse(data, "bad.vcl").diagnostics
    assert (diag.line, diag.column) == (2, 24)
    assert diag.message == "not valid UTF-8 (byte 0xe9); VCL files must be UTF-8 text"


def test_five_megabyte_file() -> None:
    chunk = 'sub s {\n  set req.http.X = "' + "x" * 200 + '";\n}\n'
    source = chunk * (5 * 1024 * 1024 // len(chunk) + 1)
    assert len(source) > MAX_SOURCE_BYTES
    result, elapsed = timed(source)
    (diag,) = result.diagnostics
    assert diag.message.startswith(f"file is {len(source):,} bytes; Fastly accepts at most 1 MB "
                                   "(1,048,576 bytes) of VCL per custom VCL file or snippet")
    assert diag.message.endswith(", so it was not parsed")
    assert elapsed < 2


@pytest.mark.parametrize("size", [1_100_000, 1_500_000])
def test_file_over_fastlys_1_mb_limit_is_reported_and_still_parsed(size: int) -> None:
    chunk = 'sub s {\n  set req.http.X = "a" req.url;\n}\n'
    source = chunk * (size // len(chunk))
    result, _elapsed = timed(source)
    (diag,) = result.diagnostics
    assert diag.message == (f"file is {len(source):,} bytes; Fastly accepts at most 1 MB "
                            "(1,048,576 bytes) of VCL per custom VCL file or snippet")
    assert result.program is not None  # its other findings are still reported


def test_file_at_fastlys_limit_is_accepted() -> None:
    chunk = 'sub s {\n  set req.http.X = "a" req.url;\n}\n'
    source = chunk * (1024 * 1024 // len(chunk))
    assert len(source) <= 1024 * 1024
    result, elapsed = timed(source)
    assert result.ok
    assert elapsed < 60


def test_unterminated_long_string() -> None:
    source = 'sub vcl_error {\n  synthetic {"<html>\n' + "<p>text</p>\n" * 20000
    result, elapsed = timed(source)
    (diag,) = result.diagnostics
    assert (diag.line, diag.column) == (2, 13)
    assert diag.message == "unterminated long string: '{\"' has no closing '\"}'"
    assert elapsed < 2


def test_many_unterminated_openers_are_not_quadratic() -> None:
    for opener in ('{"', "/*", '"', "{X\""):
        source = "sub a {\n  set x = " + (opener + " a\n") * 50_000
        result, elapsed = timed(source)
        assert result.diagnostics and result.program is None
        assert elapsed < 5, (opener, elapsed)


def test_two_thousand_nested_ifs() -> None:
    depth = 2000
    source = ("sub vcl_recv {\n" + "if (req.url) {\n" * depth + "esi;\n" + "}\n" * depth
              + "}\n")
    result, elapsed = timed(source)
    assert result.ok
    assert result.program is not None
    nodes = list(A.walk(result.program))
    assert sum(isinstance(n, A.If) for n in nodes) == depth
    assert elapsed < 10


def test_deep_nesting_with_an_error_at_the_bottom() -> None:
    depth = 3000
    source = "sub a {\n" + "if (x) {\n" * depth + "set y = ;\n" + "}\n" * depth + "}\n"
    (diag,) = parse(source).diagnostics
    assert diag.line == depth + 2


def test_deeply_nested_parentheses() -> None:
    depth = 20_000
    result, _ = timed("(" * depth + "req.url" + ")" * depth, mode="expression")
    assert result.ok
    assert result.program is not None
    assert sum(1 for n in A.walk(result.program) if isinstance(n, A.Grouped)) == depth


def test_fifty_thousand_branch_else_if_chain() -> None:
    branches = 50_000
    parts = ['sub vcl_recv {\n  if (req.url == "/0") {\n    set req.http.X = "0";\n']
    keywords = ("} else if", "} elseif", "} elsif")
    for i in range(1, branches):
        parts.append(f'  {keywords[i % 3]} (req.url == "/{i}") {{\n    error {600 + i % 100};\n')
    parts.append("  } else {\n    esi;\n  }\n}\n")
    source = "".join(parts)
    result, elapsed = timed(source)
    # Over Fastly's 1 MB per file: reported, and still parsed in full.
    assert [d.message.split(";")[0] for d in result.diagnostics] == [
        f"file is {len(source):,} bytes"]
    assert result.program is not None
    chain = result.program.declarations[0].body.statements[0]  # type: ignore[attr-defined]
    assert isinstance(chain, A.If) and len(chain.branches) == branches
    assert chain.branches[-1].line == 2 * branches
    assert elapsed < 60


def test_long_concatenation_chain_is_flat() -> None:
    source = "set req.http.X = " + " ".join(f'"{i}"' for i in range(20_000)) + ";"
    result, _ = timed(source, mode="statements")
    (stmt,) = result.statements
    assert isinstance(stmt, A.Set) and isinstance(stmt.value, A.Concat)
    assert len(stmt.value.parts) == 20_000


def test_random_token_soup_never_raises() -> None:
    rng = random.Random(1234)
    pieces = ["sub", "acl", "if", "else", "{", "}", "(", ")", ";", "set", "req.url", "=", "~",
              '"a"', '{"b"}', "1s", "error", "601", "return", "deliver", "&&", "!", "+", ",",
              "#c\n", "/*", "*/", "table", ":", "goto", "x:", "\n", "%", "${x}", "<%"]
    for _ in range(300):
        source = " ".join(rng.choice(pieces) for _ in range(rng.randint(1, 60)))
        for mode in ("file", "statements", "expression"):
            result = parse(source, mode=mode)  # type: ignore[arg-type]
            assert result.ok or result.diagnostics


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=300))
def test_any_text_gives_a_result(source: str) -> None:
    for mode in ("file", "statements", "expression"):
        result = parse(source, mode=mode)  # type: ignore[arg-type]
        assert result.ok or result.diagnostics
        for diag in result.diagnostics:
            assert diag.line >= 1 and diag.column >= 1
            diag.render()


@settings(max_examples=100, deadline=None)
@given(st.binary(max_size=200))
def test_any_bytes_give_a_result(data: bytes) -> None:
    result = parse(data)
    assert result.ok or result.diagnostics
