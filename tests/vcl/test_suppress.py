"""Ignore comments: ours and falco's."""

from __future__ import annotations

from fastlysync.vcl.lint import lint_source

BAD_TTL = "set beresp.ttl = 60;"


def _codes(body: str) -> list[str]:
    text = "sub vcl_fetch {\n  #FASTLY fetch\n" + body + "\n  return(deliver);\n}\n"
    return [d.code for d in lint_source(text, "t.vcl")]


def test_finding_without_comment() -> None:
    assert _codes(f"  {BAD_TTL}") == ["VCL404"]


def test_trailing_ignore_on_the_line() -> None:
    assert _codes(f"  {BAD_TTL}  # fastlysync: ignore[VCL404]") == []
    assert _codes(f"  {BAD_TTL}  # fastlysync: ignore[type-mismatch]") == []
    assert _codes(f"  {BAD_TTL}  # fastlysync: ignore") == []


def test_trailing_ignore_of_another_rule_keeps_finding() -> None:
    assert _codes(f"  {BAD_TTL}  # fastlysync: ignore[VCL601]") == ["VCL404"]


def test_ignore_on_previous_line() -> None:
    assert _codes(f"  # fastlysync: ignore[VCL404]\n  {BAD_TTL}") == []
    assert _codes(f"  // fastlysync: ignore-next-line[VCL404]\n\n  {BAD_TTL}") == []


def test_ignore_only_covers_next_line() -> None:
    body = f"  # fastlysync: ignore[VCL404]\n  {BAD_TTL}\n  {BAD_TTL}"
    assert _codes(body) == ["VCL404"]


def test_block_ignore() -> None:
    body = (f"  # fastlysync: ignore-start[VCL404]\n  {BAD_TTL}\n  {BAD_TTL}\n"
            f"  # fastlysync: ignore-end\n  {BAD_TTL}")
    found = lint_source("sub vcl_fetch {\n  #FASTLY fetch\n" + body + "\n}\n", "t.vcl")
    assert [(d.code, d.line) for d in found] == [("VCL404", 7)]


def test_file_ignore() -> None:
    assert _codes(f"  # fastlysync: ignore-file[VCL404]\n  {BAD_TTL}\n  {BAD_TTL}") == []


def test_falco_comments_are_honoured() -> None:
    assert _codes(f"  {BAD_TTL} // falco-ignore") == []
    assert _codes(f"  // falco-ignore-next-line operator/assignment\n  {BAD_TTL}") == []
    assert _codes(f"  // falco-ignore-next-line unused/variable\n  {BAD_TTL}") == ["VCL404"]
    body = f"  /* falco-ignore-start */\n  {BAD_TTL}\n  /* falco-ignore-end */"
    assert _codes(body) == []


def test_text_mentioning_ignore_elsewhere_does_not_count() -> None:
    assert _codes(f"  {BAD_TTL}  # see docs for how to ignore") == ["VCL404"]


def test_syntax_errors_cannot_be_ignored() -> None:
    text = "# fastlysync: ignore-file\nsub vcl_recv {\n  set req.http.X = \"a\"\n}\n"
    assert [d.code for d in lint_source(text, "t.vcl")] == ["VCL001"]
