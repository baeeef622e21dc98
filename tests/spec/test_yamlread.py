"""Hostile and broken YAML: one clear error with a position, quickly, never a crash."""

from __future__ import annotations

import time

import pytest

from fastlysync.spec.errors import SpecProblem
from fastlysync.spec.nodes import Positions, YMap, to_python
from fastlysync.spec.yamlread import MAX_DEPTH, MAX_FILE_BYTES, parse_yaml, read_text


def parse(text: str) -> object:
    node = parse_yaml(text)
    assert node is not None
    return to_python(node, Positions())


def problem(text: str) -> SpecProblem:
    with pytest.raises(SpecProblem) as info:
        parse_yaml(text)
    return info.value


def test_values_and_positions() -> None:
    node = parse_yaml("name: x\nbackends:\n  - name: b\n    port: 8080\n")
    assert isinstance(node, YMap)
    positions = Positions()
    data = to_python(node, positions)
    assert data == {"name": "x", "backends": [{"name": "b", "port": 8080}]}
    assert positions.locate(("backends", 0, "port")) == (4, 11)
    assert positions.locate_key(("backends", 0, "port")) == (4, 5)
    # A value the YAML does not spell out points at its nearest ancestor.
    assert positions.locate(("backends", 0, "weight")) == (3, 5)


def test_plain_non_strings_keep_their_source_text() -> None:
    positions = Positions()
    node = parse_yaml("a: 1\nb: yes\nc: '1'\nd: 0x1F\n")
    assert node is not None
    assert to_python(node, positions) == {"a": 1, "b": True, "c": "1", "d": 31}
    assert positions.raw == {("a",): "1", ("b",): "yes", ("d",): "0x1F"}


def test_timestamps_stay_strings_and_keys_are_text() -> None:
    assert parse("when: 2024-01-02\n80: http\ntrue: x\n") == {
        "when": "2024-01-02", "80": "http", "true": "x"}


def test_malformed_yaml() -> None:
    p = problem("name: x\nbackends: [\n  - a\n")
    assert p.message.startswith("invalid YAML")
    assert p.line >= 2


def test_tab_indentation_is_located() -> None:
    p = problem("name: x\nbackends:\n\t- name: a\n")
    assert p.message.startswith("invalid YAML") and p.line == 3


def test_duplicate_keys_name_both_places() -> None:
    p = problem("name: a\nport: 1\nname: b\n")
    assert (p.line, p.column) == (3, 1)
    assert "duplicate key 'name'" in p.message and "line 1, column 1" in p.message


def test_alias_bomb_stops_fast() -> None:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, 10):
        prev, cur = chr(ord("a") + i - 1), chr(ord("a") + i)
        lines.append(f"{cur}: &{cur} [" + ",".join([f"*{prev}"] * 9) + "]")
    started = time.perf_counter()
    p = problem("\n".join(lines) + "\n")
    assert time.perf_counter() - started < 5
    assert "alias bomb" in p.message and p.line > 1


def test_small_aliases_and_merge_keys_work() -> None:
    data = parse("base: &b {port: 443, use_ssl: true}\nx:\n  <<: *b\n  port: 8443\n")
    assert data == {"base": {"port": 443, "use_ssl": True},
                    "x": {"port": 8443, "use_ssl": True}}


def test_recursive_alias() -> None:
    p = problem("a: &a [1, *a]\n")
    assert "recursive" in p.message


def test_deep_nesting_is_refused() -> None:
    depth = MAX_DEPTH + 10
    p = problem("a: " + "[" * depth + "]" * depth + "\n")
    assert "nesting deeper" in p.message and p.line == 1


def test_very_deep_nesting_does_not_crash() -> None:
    p = problem("[" * 200_000)
    assert p.line >= 1


def test_unsupported_tag() -> None:
    p = problem("name: !!python/object:os.system x\n")
    assert "unsupported YAML tag" in p.message
    assert "unsupported YAML tag" in problem("name: !custom x\n").message


def test_several_documents() -> None:
    assert "invalid YAML" in problem("a: 1\n---\nb: 2\n").message


def test_non_utf8_is_located(tmp_path) -> None:
    path = tmp_path / "x.yaml"
    path.write_bytes(b"name: ok\ncomment: caf\xe9\n")
    with pytest.raises(SpecProblem) as info:
        read_text(path)
    assert (info.value.line, info.value.column) == (2, 13)
    assert "not valid UTF-8" in info.value.message


def test_nul_byte(tmp_path) -> None:
    path = tmp_path / "x.yaml"
    path.write_bytes(b"name: a\x00b\n")
    with pytest.raises(SpecProblem) as info:
        read_text(path)
    assert "NUL" in info.value.message and info.value.line == 1


def test_utf8_bom_is_accepted(tmp_path) -> None:
    path = tmp_path / "x.yaml"
    path.write_bytes(b"\xef\xbb\xbfname: a\n")
    assert read_text(path) == "name: a\n"


def test_huge_file_is_refused_without_reading_it(tmp_path) -> None:
    path = tmp_path / "big.yaml"
    with path.open("wb") as handle:
        handle.truncate(20 * 1024 * 1024)
    started = time.perf_counter()
    with pytest.raises(SpecProblem) as info:
        read_text(path)
    assert time.perf_counter() - started < 1
    assert "20.0 MB" in info.value.message and "limit" in info.value.message
    assert MAX_FILE_BYTES < 20 * 1024 * 1024
