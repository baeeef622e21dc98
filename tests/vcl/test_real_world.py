"""Issue 9: patterns from real Fastly VCL that must lint clean, each a minimal reproduction,
next to the real bugs that must stay reported."""

from __future__ import annotations

from fastlysync.vcl.lint import lint_source


def errors(text: str, **kw) -> list[tuple[int, str]]:
    return [(d.line, d.code) for d in lint_source(text, "t.vcl", **kw) if d.severity == "error"]


def test_not_before_a_regex_match_is_fastlys_boilerplate() -> None:
    text = ('sub vcl_fetch {\n#FASTLY fetch\n'
            '  if (!beresp.http.Surrogate-Control ~ "max-age" &&\n'
            '      !beresp.http.Cache-Control ~ "(s-maxage|max-age)") {\n'
            '    set beresp.ttl = 3600s;\n  }\n  return(deliver);\n}\n')
    assert errors(text) == []


def test_a_real_type_error_next_to_not_is_still_reported() -> None:
    text = ('sub vcl_fetch {\n#FASTLY fetch\n'
            '  if (!beresp.http.X ~ "a" && beresp.ttl ~ "b") {\n'
            '    set beresp.ttl = 1s;\n  }\n  return(deliver);\n}\n')
    assert errors(text) == [(3, "VCL404")]
