"""Production-style VCL lints with zero errors; small mutations of it are caught."""

from __future__ import annotations

from pathlib import Path

import pytest

from fastlysync.vcl.lint import lint_paths, lint_source

FIXTURES = Path(__file__).parent / "fixtures" / "production"
PRODUCTION = sorted(p for p in FIXTURES.iterdir() if p.is_dir())


@pytest.mark.parametrize("folder", PRODUCTION, ids=[p.name for p in PRODUCTION])
def test_production_vcl_has_no_errors(folder: Path) -> None:
    result = lint_paths([folder], vcl_dirs=[folder / "vcl", folder])
    errors = [f"{d.location()} {d.code} {d.message}" for d in result.diagnostics
              if d.severity == "error"]
    assert errors == []
    assert result.files >= 1 and result.lines > 20


def test_long_else_if_chain_is_linted() -> None:
    path = FIXTURES / "redirects" / "redirects.vcl"
    text = path.read_text()
    assert text.count("else if") + text.count("elsif") + text.count("elseif") >= 300
    broken = text.replace('"/sale/boots/returns-1"', "/sale/boots/returns-1", 1)
    assert any(d.code == "VCL001" for d in lint_source(broken, "broken.vcl"))
    # A broken regex deep in the chain is found.
    regex = text.replace("(?:-[0-9]{2,4})?(?:/(?:index", "(?:-[0-9]{2,4}?(?:/(?:index", 1)
    found = lint_source(regex, "r.vcl")
    assert [d.code for d in found if d.severity == "error"] == ["VCL602"]


@pytest.mark.parametrize(
    ("old", "new", "code"),
    [
        ("call normalise_request;", "call normalise_requests;", "VCL507"),
        ('error 601 "Moved";', 'error 699 "Moved";', "VCL101"),
        ("set beresp.ttl = ttl_for(var.kind);", "set beresp.ttl = 300;", "VCL404"),
        ("  return(fetch);", "  return(deliver_stale);\n  return(lookup);", "VCL301"),
        ("set req.grace = var.grace;", "set req.grace = var.graze;", "VCL421"),
        ("unset bereq.http.Cookie;", "unset beresp.http.Cookie;", "VCL402"),
        ("if (is_bot())", "if (is_bot(1))", "VCL412"),
        ("requests_per_client, 1, 10", "requests_per_clients, 1, 10", "VCL507"),
        ('set req.http.X-Bot = "1";',
         'set req.http.X-Bot = "1";\n    restart;\n    set req.http.Y = "2";', "VCL601"),
    ],
)
def test_mutations_of_production_vcl_are_caught(old: str, new: str, code: str) -> None:
    folder = FIXTURES / "shop" / "vcl"
    text = (folder / "main.vcl").read_text()
    assert old in text
    mutated = text.replace(old, new, 1)
    target = folder / "main.vcl"
    from fastlysync.vcl import lint as engine

    ws = engine._Workspace([folder])
    root = engine.parse_source(mutated, str(target))
    files, includes = engine._unit(ws, root)
    found = engine.run_rules(engine._analysis(files, [], service=None, includes=includes))
    assert code in {d.code for d in found}, [(d.code, d.message) for d in found]


def test_undefined_sub_without_snippet_includes_is_an_error() -> None:
    text = (FIXTURES / "govuk" / "www.vcl").read_text()
    mutated = text.replace("#FASTLY deliver", "#FASTLY deliver\n  call add_headers;")
    found = lint_source(mutated, "www.vcl")
    assert [d.code for d in found if d.severity == "error"] == ["VCL501"]


def test_statement_snippet_scope_annotation_is_used() -> None:
    text = (FIXTURES / "snippets" / "recv_geo.vcl").read_text()
    assert lint_source(text, "recv_geo.vcl") == []
    wrong = "# @scope: deliver\n" + text.split("\n", 1)[1]
    codes = {d.code for d in lint_source(wrong, "x.vcl")}
    assert "VCL302" in codes  # error is not allowed in vcl_deliver
