"""The production-style corpus (tests/vcl/corpus) parses with zero errors, into the right shape.

Files named *.snippet.vcl are statement-only snippet bodies (recv/fetch/error snippets); the
rest are whole VCL files or init snippets.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from fastlysync.vcl import ast as A
from fastlysync.vcl.parser import parse

CORPUS = Path(__file__).parent / "corpus"
FILES = sorted(CORPUS.glob("*.vcl"))


def _parse(path: Path) -> A.Program:
    mode = "statements" if path.name.endswith(".snippet.vcl") else "file"
    result = parse(path.read_bytes(), str(path), mode=mode)
    assert result.diagnostics == [], "\n".join(d.render() for d in result.diagnostics)
    assert result.program is not None
    return result.program


def _kinds(program: A.Program) -> Counter[str]:
    return Counter(n.kind for n in A.walk(program))


def test_corpus_is_substantial() -> None:
    assert len(FILES) >= 8
    assert sum(p.read_text().count("\n") for p in FILES) >= 1500


@pytest.mark.parametrize("path", FILES, ids=[p.name for p in FILES])
def test_corpus_file_parses_cleanly(path: Path) -> None:
    program = _parse(path)
    assert program.declarations
    for node in A.walk(program):
        assert node.line >= 1 and node.column >= 1


def test_service_main_covers_the_production_features() -> None:
    program = _parse(CORPUS / "service_main.vcl")
    kinds = _kinds(program)
    assert kinds["Acl"] == 2 and kinds["Backend"] == 2 and kinds["Director"] == 2
    assert kinds["Table"] == 4 and kinds["RateCounter"] == 1 and kinds["PenaltyBox"] == 1
    assert kinds["Include"] == 1 and kinds["Import"] == 1
    declared = {n.type for n in A.walk(program) if isinstance(n, A.Declare)}
    assert declared >= {"STRING", "TIME", "RTIME", "FLOAT", "INTEGER", "BOOL", "IP", "REGEX"}
    raised = {n.status.value for n in A.walk(program)
              if isinstance(n, A.Error) and isinstance(n.status, A.IntLit)}
    assert {601, 604, 629, 650, 801} <= raised
    subs = {s.name.name: s for s in program.subroutines()}
    assert subs["is_crawler"].return_type == "BOOL"
    assert [p.type for p in subs["ttl_for_kind"].params] == ["STRING"]
    assert kinds["Restart"] >= 2 and kinds["Synthetic"] >= 4
    ops = {n.op for n in A.walk(program) if isinstance(n, A.Set)}
    assert {"=", "+=", "rol=", "ror=", "&&=", "||=", "<<=", ">>="} <= ops
    macros = [c.text for c in program.comments if c.text.startswith("#FASTLY ")]
    assert len(macros) == 9


def test_redirect_map_is_one_long_flat_chain() -> None:
    program = _parse(CORPUS / "redirect_map.vcl")
    chains = [n for n in A.walk(program) if isinstance(n, A.If) and len(n.branches) > 300]
    assert len(chains) == 1
    chain = chains[0]
    assert {b.keyword for b in chain.branches} == {"if", "else if", "elseif", "elsif"}
    long_regexes = [n for n in A.walk(chain) if isinstance(n, A.StringLit) and n.long]
    assert len(long_regexes) >= 300


def test_snippets_are_statement_lists() -> None:
    for name in ("recv_security.snippet.vcl", "fetch_caching.snippet.vcl",
                 "error_pages.snippet.vcl"):
        program = _parse(CORPUS / name)
        (root,) = program.declarations
        assert isinstance(root, A.StatementList) and root.statements
        assert program.comments[0].text.startswith("# @scope: ")


def test_generated_vcl_with_pragmas_and_control_lines() -> None:
    program = _parse(CORPUS / "generated.vcl")
    pragmas = [d for d in program.declarations if isinstance(d, A.Pragma)]
    assert len(pragmas) == 8 and pragmas[-1].args == ["customer_id", '"x2dtxOPeYv3lrB2ZdnQDp"']
    assert any(c.text == "#--FASTLY RECV BEGIN" for c in program.comments)


def test_edge_auth_switch_goto_and_functions() -> None:
    kinds = _kinds(_parse(CORPUS / "edge_auth.vcl"))
    assert kinds["Switch"] == 1 and kinds["Case"] == 4
    assert kinds["Goto"] == 1 and kinds["Label"] == 1
    assert kinds["IfExpr"] == 1 and kinds["ExprStatement"] == 1


def _no_fast_paths(monkeypatch: pytest.MonkeyPatch) -> None:
    from fastlysync.vcl.parser import _get_engine

    engine = _get_engine()
    monkeypatch.setattr(engine, "fast", {})
    monkeypatch.setattr(engine, "fast_expr", re.compile(r"(?!)"))


def _shape(program: A.Program) -> list[tuple[object, ...]]:
    return [(repr(n) if not isinstance(n, (A.Program, A.Declaration, A.Statement)) else n.kind,
             n.line, n.column, n.end_line, n.end_column) for n in A.walk(program)]


@pytest.mark.parametrize("path", FILES, ids=[p.name for p in FILES])
def test_simple_statement_fast_path_matches_the_general_path(
        path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fast = _shape(_parse(path))
    _no_fast_paths(monkeypatch)
    slow = _shape(_parse(path))
    assert fast == slow


@pytest.mark.parametrize(
    "source",
    [
        'set req.http.X = "a%20b";', "set var.n += 0x1F;", "set var.t = 1.5m;",
        "set var.f = 2.5;", "set var.b = true;", "set req.backend = F_origin;",
        "add resp.http.Link = req.http.X-Link:first;", "unset req.http.Cookie;",
        "remove req.http.X-*;", "return(pass);", "return ( lookup ) ;", "return;",
        "call normalise;", "error;", "error 601;", 'error 601 "Moved";', "esi;", "restart;",
        "set var.x = 1 ;", "set\tvar.x\t=\t1\t;", 'error 601"x";',
        'if (req.url ~ "^/a") { esi; }', "if (req.http.X == req.http.Y) { esi; }",
        'if (req.url.path ~ {"^/(a|b)$"}) { esi; }', "if (obj.status >= 600) { esi; }",
        "if (beresp.ttl <= 0s) { esi; }", "if (var.f > 1.5) { esi; }",
        'if ((req.url ~ {"a"} && req.url ~ "b") || req.url == {"c"}) { esi; }',
        'set var.b = (req.url ~ "x");', 'set req.http.X = std.tolower(req.url == "x");',
        'if (req.http.A) { set var.x = "1"; } else if (var.n != 3) { esi; }',
        'if (req.url ~ {"x"} && req.url ~ {"y"}) { esi; } else if (req.url ~ {"z"}) { esi; }',
    ],
)
def test_fast_path_statement_forms(source: str, monkeypatch: pytest.MonkeyPatch) -> None:
    from fastlysync.vcl.parser import parse

    text = f"sub s {{\n  {source}\n  {source}\n}}\n"
    fast = parse(text)
    assert fast.program is not None, fast.diagnostics
    _no_fast_paths(monkeypatch)
    slow = parse(text)
    assert slow.program is not None
    assert _shape(fast.program) == _shape(slow.program)
