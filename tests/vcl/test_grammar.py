"""grammar/vcl.lark, the LALR tables compiled from it, and how they are found and cached."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from fastlysync.vcl import grammar
from fastlysync.vcl.driver import Engine
from fastlysync.vcl.parser import _Builder, parse

REPO = Path(__file__).resolve().parents[2]


def test_shipped_tables_match_the_grammar() -> None:
    text = (REPO / "grammar" / "vcl.lark").read_text(encoding="utf-8")
    shipped = json.loads((REPO / "grammar" / "vcl.tables.json").read_text(encoding="utf-8"))
    assert shipped["grammar_sha256"] == grammar.grammar_sha256(text), (
        "grammar/vcl.lark changed: run `python -m fastlysync.vcl.grammar` to regenerate "
        "grammar/vcl.tables.json"
    )
    # The fingerprint checked at start-up (no hashlib import) agrees with the sha256.
    assert shipped["grammar_crc32"] == grammar.grammar_crc32(text)
    assert grammar.grammar_crc32(text + " ") != shipped["grammar_crc32"]


def test_pyproject_ships_the_grammar_folder_in_the_wheel() -> None:
    pyproject = (REPO / "pyproject.toml").read_text(encoding="utf-8")
    assert '"grammar" = "fastlysync/_grammar"' in pyproject


def test_tables_compiled_now_parse_like_the_shipped_ones() -> None:
    text = grammar.grammar_text()
    fresh = grammar._from_json(grammar.compile_tables(text))
    engine = Engine(fresh, _Builder())
    source = (Path(__file__).parent / "corpus" / "service_main.vcl").read_text()
    comments: list = []
    declarations = engine.parse(source, "file", comments)
    shipped = parse(source)
    assert shipped.program is not None
    assert [repr(d) for d in declarations] == [repr(d) for d in shipped.program.declarations]


def test_every_named_terminal_is_handled_by_the_lexer() -> None:
    tables = grammar.load_tables()
    named = {n for n, (_, literal) in tables.terminals.items() if literal is None}
    # Regex terminals the driver lexes itself; anything new in the grammar needs driver work.
    assert named <= {
        "IDENT", "LABEL", "PROP_NAME", "STRING", "LONG_STRING", "RTIME", "PERCENT", "FLOAT",
        "INT", "COMMENT", "FASTLY_CONTROL", "WS", "CMP_OP", "ASSIGN_OP", "SYNTHETIC",
    } | {n for n in named if n.startswith("__ANON")}


def test_three_entry_points() -> None:
    tables = grammar.load_tables()
    assert set(tables.start_states) == set(grammar.START_SYMBOLS)


def _copy_grammar(dest: Path, edit: str = "") -> None:
    dest.mkdir(parents=True)
    text = (REPO / "grammar" / "vcl.lark").read_text(encoding="utf-8") + edit
    (dest / "vcl.lark").write_text(text, encoding="utf-8")


def test_packaged_grammar_dir_wins_over_the_repo(tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    _copy_grammar(tmp_path / "_grammar")
    monkeypatch.setattr(grammar, "_PACKAGE_DIR", tmp_path)
    assert grammar.grammar_dir() == tmp_path / "_grammar"
    monkeypatch.setattr(grammar, "_PACKAGE_DIR", tmp_path / "elsewhere")
    assert grammar.grammar_dir() == grammar._REPO_GRAMMAR_DIR


def test_stale_tables_are_rebuilt_into_the_user_cache(tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    # A grammar that differs from the shipped tables (an extra comment) and no shipped tables.
    _copy_grammar(tmp_path / "pkg" / "_grammar", edit="\n// edited\n")
    monkeypatch.setattr(grammar, "_PACKAGE_DIR", tmp_path / "pkg")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    grammar.load_tables.cache_clear()
    try:
        tables = grammar.load_tables()
        cached = list((tmp_path / "cache" / "fastlysync").glob("vcl-tables-*.json"))
        assert len(cached) == 1
        assert tables.grammar_sha256 == json.loads(cached[0].read_text())["grammar_sha256"]
        grammar.load_tables.cache_clear()
        again = grammar.load_tables()  # read back from the cache, no recompilation
        assert again.actions == tables.actions
    finally:
        grammar.load_tables.cache_clear()


def test_corrupt_cache_file_is_ignored(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _copy_grammar(tmp_path / "pkg" / "_grammar", edit="\n// edited again\n")
    monkeypatch.setattr(grammar, "_PACKAGE_DIR", tmp_path / "pkg")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    text = (tmp_path / "pkg" / "_grammar" / "vcl.lark").read_text()
    sha = grammar.grammar_sha256(text)
    (tmp_path / "cache" / "fastlysync").mkdir(parents=True)
    (tmp_path / "cache" / "fastlysync" / f"vcl-tables-{sha[:16]}.json").write_text("{not json")
    grammar.load_tables.cache_clear()
    try:
        assert grammar.load_tables().grammar_sha256 == sha
    finally:
        grammar.load_tables.cache_clear()
