"""Compiled code of generated `__init__`s, kept in the user cache dir across runs."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from fastlysync.vcl.codecache import compile_cached

SOURCE = "def f(x):\n    return x * 2\n"


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.setattr(sys, "dont_write_bytecode", False)
    return tmp_path / "fastlysync" / "code"


def _run(code) -> int:
    env: dict[str, object] = {}
    exec(code, env)
    return env["f"](21)  # type: ignore[operator]


def test_compiled_once_then_read_back(cache: Path) -> None:
    assert _run(compile_cached(SOURCE, "t")) == 42
    [stored] = cache.iterdir()
    assert stored.name.startswith(f"t-{sys.implementation.cache_tag}-")
    stored.write_bytes(stored.read_bytes())  # still valid
    assert _run(compile_cached(SOURCE, "t")) == 42
    # A different source never reuses the entry.
    assert _run(compile_cached(SOURCE.replace("2", "3"), "t")) == 63
    assert len(list(cache.iterdir())) == 2


def test_a_corrupt_entry_is_compiled_again(cache: Path) -> None:
    compile_cached(SOURCE, "t")
    [stored] = cache.iterdir()
    stored.write_bytes(b"\x00garbage")
    assert _run(compile_cached(SOURCE, "t")) == 42


def test_nothing_is_written_when_bytecode_writing_is_off(cache: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "dont_write_bytecode", True)
    assert _run(compile_cached(SOURCE, "t")) == 42
    assert not cache.exists()


def test_json_is_parsed_once_then_read_back(cache: Path, tmp_path: Path) -> None:
    from fastlysync.vcl.codecache import load_json

    data = tmp_path / "d.json"
    data.write_text('{"a": [1, 2, {"b": null}]}')
    assert load_json(data, "d") == {"a": [1, 2, {"b": None}]}
    [stored] = cache.iterdir()
    assert load_json(data, "d") == {"a": [1, 2, {"b": None}]}
    data.write_text('{"a": 2}')  # a changed file is parsed again
    assert load_json(data, "d") == {"a": 2}
    stored.write_bytes(b"junk")
    data.write_text('{"a": [1, 2, {"b": null}]}')
    assert load_json(data, "d") == {"a": [1, 2, {"b": None}]}
    data.write_text("{not json")
    with pytest.raises(ValueError):
        load_json(data, "d")
