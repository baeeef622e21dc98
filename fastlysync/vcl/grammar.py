"""grammar/vcl.lark and the LALR tables compiled from it.

Lark compiles the grammar into LALR(1) tables, which takes about a second, so the tables are
kept as JSON: ``grammar/vcl.tables.json`` ships beside the grammar (the wheel puts both under
``fastlysync/_grammar``) and a copy is rebuilt into the user cache dir whenever the grammar
text no longer matches the shipped tables' hash. At run time only the JSON is read (a few ms);
Lark itself is imported only to rebuild the tables, which keeps a cold ``fastlysync lint`` fast.

Regenerate the shipped tables after editing the grammar::

    python -m fastlysync.vcl.grammar
"""

from __future__ import annotations

import _thread
import contextlib
import os
import sys
from functools import cache
from pathlib import Path

from fastlysync.vcl.codecache import load_json, user_cache_dir
from fastlysync.vcl.records import record

TYPE_CHECKING = False  # typing itself costs a cold lint its import
if TYPE_CHECKING:
    from typing import Any

START_SYMBOLS = ("file", "statements", "expression")
TABLES_FORMAT = 2

_PACKAGE_DIR = Path(__file__).resolve().parents[1]
_REPO_GRAMMAR_DIR = _PACKAGE_DIR.parent / "grammar"
_lock = _thread.allocate_lock()  # threading itself is a cold-start cost


@record(frozen=True, slots=True)
class Rule:
    """One grammar production as the parser driver needs it."""

    origin: str
    size: int
    callback: str | None  # method name on the builder; None for inlined `_rules`
    expand1: bool  # a `?rule`: a single child is passed through unchanged
    splice: tuple[int, ...]  # children (inlined `_rules`) whose items are spliced in
    expansion: tuple[str, ...]  # the symbols of the production


@record(frozen=True, slots=True)
class Tables:
    """LALR(1) tables. ``actions[state][symbol]``: >= 0 shift/goto to that state, < 0 reduce
    by rule ``-value - 1``. Terminals are UPPERCASE (or ``__ANON_n``, ``$END``)."""

    grammar_sha256: str
    terminals: dict[str, tuple[str, str | None]]  # name -> (regexp, literal text or None)
    rules: tuple[Rule, ...]
    actions: tuple[dict[str, int], ...]
    start_states: dict[str, int]
    end_states: dict[str, int]


def grammar_dir() -> Path:
    """``fastlysync/_grammar`` in an installed wheel (pyproject force-includes ``grammar/``
    there), else the repo's ``grammar/`` folder (editable installs, checkouts)."""
    packaged = _PACKAGE_DIR / "_grammar"
    if (packaged / "vcl.lark").is_file():
        return packaged
    return _REPO_GRAMMAR_DIR


def grammar_text() -> str:
    return (grammar_dir() / "vcl.lark").read_text(encoding="utf-8")


def grammar_sha256(text: str) -> str:
    import hashlib  # only for tables that may be stale: its import costs a cold start

    return hashlib.sha256(f"{TABLES_FORMAT}\0{text}".encode()).hexdigest()


def grammar_crc32(text: str) -> int:
    """A cheap fingerprint of the grammar, checked first at every start (zlib is built in;
    hashlib's OpenSSL import is not free); the sha256 decides when it does not match."""
    import zlib

    return zlib.crc32(f"{TABLES_FORMAT}\0{text}".encode())


def _user_cache_dir() -> Path | None:
    import tempfile  # only when the shipped tables are stale: it costs a cold start

    for candidate in (Path(user_cache_dir()), Path(tempfile.gettempdir()) / "fastlysync"):
        try:
            candidate.mkdir(parents=True, exist_ok=True)
        except OSError:
            continue
        if os.access(candidate, os.W_OK):
            return candidate
    return None


def import_lark() -> None:
    """Import lark without the optional third-party ``regex`` module (~25 ms we do not need);
    a later ``import regex`` elsewhere still works."""
    if "lark" in sys.modules or "regex" in sys.modules:
        return
    sys.modules["regex"] = None  # type: ignore[assignment]
    try:
        import lark  # noqa: F401
    finally:
        del sys.modules["regex"]


def compile_tables(text: str) -> dict[str, Any]:
    """Run Lark over the grammar and flatten its LALR tables into JSON-able data."""
    import_lark()
    from lark import Lark
    from lark.lexer import PatternStr
    from lark.parsers.lalr_analysis import Shift

    lark = Lark(text, parser="lalr", start=list(START_SYMBOLS), keep_all_tokens=True,
                maybe_placeholders=False)
    table = lark.parser.parser.parser.parse_table  # ParsingFrontend -> LALR_Parser -> _Parser

    rule_index: dict[Any, int] = {}
    rules: list[list[Any]] = []
    for rule in lark.rules:
        origin = rule.origin.name
        inlined = origin.startswith("_")
        callback = None if inlined else (rule.alias or origin)
        expand1 = bool(rule.options.expand1)
        splice = [i for i, sym in enumerate(rule.expansion)
                  if not sym.is_term and sym.name.startswith("_")]
        rule_index[rule] = len(rules)
        rules.append([origin, len(rule.expansion), callback, expand1, splice,
                      [sym.name for sym in rule.expansion]])

    n_states = len(table.states)
    assert sorted(table.states) == list(range(n_states))
    actions: list[dict[str, int]] = []
    for state in range(n_states):
        row: dict[str, int] = {}
        for symbol, (action, arg) in table.states[state].items():
            row[symbol] = arg if action is Shift else -rule_index[arg] - 1
        actions.append(row)

    terminals = {
        t.name: [t.pattern.to_regexp(),
                 t.pattern.value if isinstance(t.pattern, PatternStr) else None]
        for t in lark.terminals
    }
    return {
        "format": TABLES_FORMAT,
        "grammar_sha256": grammar_sha256(text),
        "grammar_crc32": grammar_crc32(text),
        "terminals": terminals,
        "rules": rules,
        "actions": actions,
        "start_states": dict(table.start_states),
        "end_states": dict(table.end_states),
    }


def _from_json(data: dict[str, Any]) -> Tables:
    return Tables(
        grammar_sha256=data["grammar_sha256"],
        terminals={k: (v[0], v[1]) for k, v in data["terminals"].items()},
        rules=tuple(Rule(o, n, cb, bool(e1), tuple(sp), tuple(ex))
                    for o, n, cb, e1, sp, ex in data["rules"]),
        actions=tuple(data["actions"]),
        start_states=data["start_states"],
        end_states=data["end_states"],
    )


def _load_json(path: Path) -> dict[str, Any] | None:
    try:
        data = load_json(path, f"fastlysync-{path.stem}")
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def _read(path: Path, sha: str) -> dict[str, Any] | None:
    data = _load_json(path)
    if data is None or data.get("grammar_sha256") != sha:
        return None
    return data


def write_tables(path: Path, data: dict[str, Any]) -> None:
    import json

    tmp = path.with_suffix(f".{os.getpid()}.tmp")
    tmp.write_text(json.dumps(data, separators=(",", ":"), sort_keys=True) + "\n",
                   encoding="utf-8")
    os.replace(tmp, path)


@cache
def load_tables() -> Tables:
    """The LALR tables for the current grammar: shipped, cached, or compiled now."""
    with _lock:
        directory = grammar_dir()
        text = (directory / "vcl.lark").read_text(encoding="utf-8")
        data = _load_json(directory / "vcl.tables.json")
        if data is not None and data.get("grammar_crc32") == grammar_crc32(text):
            return _from_json(data)  # the shipped tables match: the common case
        sha = grammar_sha256(text)
        data = data if data is not None and data.get("grammar_sha256") == sha else None
        cache_dir = None
        if data is None:
            cache_dir = _user_cache_dir()
            if cache_dir is not None:
                data = _read(cache_dir / f"vcl-tables-{sha[:16]}.json", sha)
        if data is None:
            data = compile_tables(text)
            if cache_dir is not None:
                with contextlib.suppress(OSError):
                    write_tables(cache_dir / f"vcl-tables-{sha[:16]}.json", data)
        return _from_json(data)


def main() -> None:
    """Regenerate grammar/vcl.tables.json from grammar/vcl.lark (run after grammar edits)."""
    text = (_REPO_GRAMMAR_DIR / "vcl.lark").read_text(encoding="utf-8")
    data = compile_tables(text)
    write_tables(_REPO_GRAMMAR_DIR / "vcl.tables.json", data)
    print(f"wrote {_REPO_GRAMMAR_DIR / 'vcl.tables.json'}: {len(data['actions'])} states, "
          f"{len(data['rules'])} rules")


if __name__ == "__main__":
    main()
