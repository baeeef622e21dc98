"""Syntax errors: location, caret, plain words, recovery, and the Fastly-style wording."""

from __future__ import annotations

import pytest

from fastlysync.vcl.errors import SyntaxDiagnostic
from fastlysync.vcl.parser import parse


def errors(source: str, mode: str = "file") -> list[SyntaxDiagnostic]:
    result = parse(source, "svc.vcl", mode=mode)  # type: ignore[arg-type]
    assert result.program is None and result.diagnostics
    for diag in result.diagnostics:
        assert (diag.code, diag.name, diag.severity) == ("VCL001", "syntax-error", "error")
    return result.diagnostics


def test_missing_semicolon_points_at_the_end_of_the_statement() -> None:
    (diag,) = errors('sub vcl_recv {\n  set req.http.X = "a"\n  set req.http.Y = "b";\n}\n')
    assert (diag.line, diag.column) == (2, 23)
    assert diag.message.startswith("missing ';'")
    assert "found 'set' on line 3" in diag.message
    assert diag.render() == (
        "svc.vcl:2:23: missing ';' (expected ';' or an operator, found 'set' on line 3) "
        "[VCL001]\n"
        '  set req.http.X = "a"\n'
        "                      ^")


def test_expected_items_are_plain_words() -> None:
    (diag,) = errors('sub vcl_recv {\n  set req.http.X := "a";\n}\n')
    assert str(diag) == ("svc.vcl:2:18: expected an assignment operator ('=', '+=', ...), "
                         "found ':'")
    (diag,) = errors("sub a {\n  if (req.url ~ \"x\" {\n  }\n}\n")
    assert diag.message == "expected ')' or an operator, found '{'"
    (diag,) = errors("backend b {\n  host = \"x\";\n}\n")
    assert diag.message == "expected '}' or a property such as .host, found 'host'"
    (diag,) = errors("sub a {")
    assert diag.message == "expected '}' or a statement, found end of file"
    (diag,) = errors("acl a { \"1.2.3.4\" }")
    assert diag.message == "expected ';' or '/', found '}'"


def test_no_grammar_internals_in_messages() -> None:
    for source in ("sub a {", "foo;", "sub a { set x = ; }", "table t { 1 }", "sub a { if"):
        for diag in errors(source):
            assert "__" not in diag.message and "ANON" not in diag.message, diag.message
            assert "LBRACE" not in diag.message and "IDENT" not in diag.message, diag.message


def test_caret_spans_the_offending_token_and_keeps_tabs() -> None:
    (diag,) = errors("sub a {\n\tdeclare lokal var.x STRING;\n}\n")
    assert diag.message == "expected 'local' after 'declare', found 'lokal'"
    assert diag.caret() == "\tdeclare lokal var.x STRING;\n\t        ^~~~~"


def test_fastly_style_message_for_the_emulator() -> None:
    (diag,) = errors('sub vcl_recv {\n  set req.http.X = ;\n}\n')
    assert diag.fastly_message() == (
        "Syntax error: expected an expression, found ';' at: (input Line 2 Pos 20)")


def test_recovery_reports_errors_in_later_declarations() -> None:
    source = (
        "sub a {\n  set x = 1\n}\n\n"          # line 2: missing ';'
        "sub b {\n  esi;\n}\n\n"                 # fine
        "acl c {\n  \"1.2.3.4\"\n}\n\n"          # line 10: missing ';'
        "sub d {\n  if (x) {\n}\n")               # unclosed at end of file
    found = errors(source)
    assert [d.line for d in found] == [2, 10, 15]
    assert found[-1].message == "expected '}' or a statement, found end of file"


def test_recovery_stops_after_twenty_errors() -> None:
    source = "".join(f"sub s{i} {{ set x = 1 }}\n" for i in range(40))
    found = errors(source)
    assert len(found) == 20
    assert "stopped after 20 errors" in found[-1].message


@pytest.mark.parametrize(
    ("source", "line", "column", "start"),
    [
        ('sub a {\n  set x = "abc;\n}\n', 2, 11, "unterminated string"),
        ('sub a {\n  synthetic {"abc\n  more;\n}\n', 2, 13, "unterminated long string: '{\"'"),
        ('sub a {\n  synthetic {XY"abc"X};\n}\n', 2, 13, "unterminated long string: '{XY\"'"),
        ("sub a {\n  /* abc\n}\n", 2, 3, "unterminated comment"),
        ("sub a {\n  set x = @foo;\n}\n", 2, 11, "unexpected character '@'"),
    ],
)
def test_lexical_errors(source: str, line: int, column: int, start: str) -> None:
    (diag,) = errors(source)
    assert (diag.line, diag.column) == (line, column)
    assert diag.message.startswith(start), diag.message


@pytest.mark.parametrize(
    ("source", "where", "what"),
    [
        ('backend F_x {\n  .host = "${host}";\n  .port = ${port};\n}\n', (2, 12),
         "a Terraform template ('${...}')"),
        ("sub vcl_recv {\n  <%= render 'recv' %>\n}\n", (2, 3), "an ERB template ('<%')"),
        ("%{ if enabled }\nsub a { }\n%{ endif }\n", (1, 1),
         "a Terraform template ('%{...}' directive)"),
    ],
)
def test_templates_get_one_diagnostic(source: str, where: tuple[int, int], what: str) -> None:
    (diag,) = errors(source)
    assert (diag.line, diag.column) == where
    assert diag.message == f"this file is {what}, not VCL; render the template before linting it"


def test_template_markers_inside_valid_vcl_are_fine() -> None:
    assert parse('sub a { set req.http.X = "${not a template}"; }').ok


def test_statement_and_expression_modes_report_errors() -> None:
    (diag,) = errors("set req.http.X = 1\nesi;", mode="statements")
    assert diag.message.startswith("missing ';'")
    (diag,) = errors('req.url ~ "^/a" &&', mode="expression")
    assert diag.message == "expected an expression, found end of file"


def test_statements_at_top_level_of_a_file() -> None:
    (diag,) = errors('set req.http.X = "1";\n')
    assert (diag.line, diag.column) == (1, 1)
    assert "a declaration" in diag.message and "found 'set'" in diag.message


def test_diagnostic_to_dict() -> None:
    (diag,) = errors("sub a {")
    assert diag.to_dict() == {
        "path": "svc.vcl", "line": 1, "column": 8, "end_line": 1, "end_column": 9,
        "code": "VCL001", "name": "syntax-error", "severity": "error",
        "message": "expected '}' or a statement, found end of file"}
