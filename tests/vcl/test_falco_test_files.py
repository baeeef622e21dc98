"""falco unit-test files (``*.test.vcl``) are run by `fastlysync test`, never uploaded to
Fastly: a folder lint skips them with a note instead of reporting their `testing.*`,
`assert.*` and `describe` blocks as errors, and still lints the VCL they test."""

from __future__ import annotations

from pathlib import Path

from fastlysync.vcl.lint import lint_paths

TESTED = ('sub vcl_recv {\n#FASTLY recv\n  set req.http.X-Seen = "1";\n'
          '  set beresp.ttl = 1s;\n}\n')
# Written for this test in falco's test-file shape: testing.* calls and variables, assert.*,
# a `describe` group with hooks, and the same test sub name twice.
FALCO_TEST = """\
// @scope: recv
sub test_recv {
  testing.call_subroutine("vcl_recv");
  assert.equal(req.http.X-Seen, "1");
  assert.not_restart();
}

describe grouped {
  before_recv { set req.http.X-Seen = "0"; }
  sub test_recv {
    testing.call_subroutine("vcl_recv");
    assert.true(testing.state == "LOOKUP");
  }
}

sub test_recv {
  assert.equal(testing.synthetic_body, "");
}
"""


def write(tmp_path: Path) -> Path:
    (tmp_path / "vcl").mkdir()
    (tmp_path / "vcl" / "main.vcl").write_text(TESTED)
    (tmp_path / "vcl" / "main.test.vcl").write_text(FALCO_TEST)
    return tmp_path / "vcl"


def test_folder_lint_skips_falco_test_files_with_a_note(tmp_path: Path) -> None:
    folder = write(tmp_path)
    result = lint_paths([folder], vcl_dirs=[folder])
    assert {d.path for d in result.diagnostics} == {str(folder / "main.vcl")}
    # The tested VCL is still linted: its real bug (beresp in vcl_recv) stays an error.
    assert [(d.line, d.code) for d in result.diagnostics if d.severity == "error"] == [
        (4, "VCL402")]
    [note] = result.notes
    assert "skipped 1 falco unit-test file(s)" in note and "main.test.vcl" in note
    assert "fastlysync test" in note


def test_a_test_file_named_alone_is_skipped_too(tmp_path: Path) -> None:
    folder = write(tmp_path)
    result = lint_paths([folder / "main.test.vcl"], vcl_dirs=[folder])
    assert result.diagnostics == [] and result.exit_code == 0
    assert len(result.notes) == 1


def test_a_test_file_is_not_valid_service_vcl(tmp_path: Path) -> None:
    # The skip is what keeps it quiet: renamed, the same text is full of errors.
    folder = write(tmp_path)
    (folder / "main.test.vcl").rename(folder / "other.vcl")
    result = lint_paths([folder], vcl_dirs=[folder])
    assert any(d.path.endswith("other.vcl") and d.severity == "error"
               for d in result.diagnostics)
    assert result.notes == []
