"""`fastlysync test` and its place in `fastlysync check`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from fastlysync.cli.main import cli

SPEC = """name: site
domains:
  - name: www.example.com
backends:
  - name: origin
    address: origin.example.com
vcls:
  - name: main
    file: main.vcl
    main: true
"""

VCL = """sub vcl_recv {
#FASTLY recv
  if (req.url.path ~ "^/blog") {
    error 666 "moved";
  }
}
sub vcl_error {
#FASTLY error
  if (obj.status == 666) {
    set obj.status = 307;
    set obj.http.Location = "https://blog.example.com" regsub(req.url, "^/blog", "");
    return(deliver);
  }
}
"""

PASSING = """service: site
cases:
  - name: blog redirect
    request: {url: /blog/a}
    expect: {status: 307, headers: {Location: "https://blog.example.com/a"}}
"""


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    for d in ("services", "vcl", "tests"):
        (tmp_path / d).mkdir()
    (tmp_path / "services" / "site.yaml").write_text(SPEC)
    (tmp_path / "vcl" / "main.vcl").write_text(VCL)
    (tmp_path / "tests" / "site.yaml").write_text(PASSING)
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)
    return tmp_path


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args), env={"FASTLY_API_TOKEN": ""},
                              catch_exceptions=False)


def test_passing_tests_exit_0(repo: Path) -> None:
    result = run("test")
    assert result.exit_code == 0, result.output
    assert "ok   tests/site.yaml:3 blog redirect" in result.output
    assert "1 passed, 0 failed" in result.output


def test_failing_test_exits_1_with_expected_actual_and_trace(repo: Path) -> None:
    (repo / "tests" / "site.yaml").write_text(PASSING.replace("status: 307", "status: 301"))
    result = run("test")
    assert result.exit_code == 1
    assert "status: expected 301, got 307" in result.output
    assert "vcl/main.vcl:4  error 666 \"moved\"" in result.output


def test_trace_flag_and_json_format(repo: Path) -> None:
    result = run("test", "--trace", "--format", "json")
    assert result.exit_code == 0
    data = json.loads(result.output)
    assert data["passed"] == 1
    assert any(step["text"] == "sub vcl_error" for step in data["cases"][0]["trace"])


def test_github_annotations_name_the_file_from_the_repository_root(
        repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Run from a subfolder, or given an absolute path: GitHub still gets tests/site.yaml."""
    (repo / "tests" / "site.yaml").write_text(PASSING.replace("status: 307", "status: 301"))
    monkeypatch.setenv("GITHUB_WORKSPACE", str(repo))
    monkeypatch.chdir(repo / "services")
    for args in ((), (str(repo / "tests" / "site.yaml"),)):
        result = run("test", "--format", "github", *args)
        assert result.exit_code == 1
        [annotation] = [line for line in result.stdout.splitlines() if line.startswith("::")]
        assert annotation.startswith("::error file=tests/site.yaml,line=3,"), annotation


def test_github_annotates_a_bad_test_file_at_its_line(
        repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A test file that cannot run is annotated on the line at fault, not as a loose error."""
    (repo / "tests" / "site.yaml").write_text(
        "service: site\ncases:\n  - name: a\n    backends: {orgin: {status: 500}}\n")
    monkeypatch.setenv("GITHUB_WORKSPACE", str(repo))
    result = run("test", "--format", "github")
    assert result.exit_code == 1
    [annotation] = [line for line in result.stdout.splitlines() if line.startswith("::")]
    assert annotation == ("::error file=tests/site.yaml,line=4,col=16,title=fastlysync test::"
                          "no backend or director 'orgin' in service site (it has: origin)")


def test_no_test_files_is_said_as_such(repo: Path) -> None:
    (repo / "tests" / "site.yaml").unlink()
    result = run("test")
    assert result.exit_code == 1
    assert result.stdout == "test: 0 cases: 0 passed, 0 failed, 0 errors, no test files\n"
    assert f"no test files found in {repo / 'tests'}" in result.stderr


def test_junit_format(repo: Path) -> None:
    result = run("test", "--format", "junit")
    assert result.exit_code == 0 and result.output.startswith("<?xml")


def test_missing_path_is_an_error(repo: Path) -> None:
    result = run("test", "tests/nope.yaml")
    assert result.exit_code == 1 and "tests/nope.yaml: no such file or folder" in result.stderr


def test_bad_test_file_is_one_located_line_on_stderr(repo: Path) -> None:
    (repo / "tests" / "site.yaml").write_text("service: site\ncases:\n  - name: a\n"
                                              "    expect: {status: x}\n")
    result = run("test")
    assert result.exit_code == 1
    assert result.stderr.strip().splitlines() == [
        "tests/site.yaml:4:22: cases.0.expect.status: Input should be a valid integer, "
        "unable to parse string as an integer"]
    assert "1 file not run" in result.stdout


@pytest.mark.parametrize("case, located", [
    ("    backends: {orgin: {status: 500}}\n",
     "tests/site.yaml:4:16: no backend or director 'orgin' in service site (it has: origin)"),
    ("    expect: {backend: orgin}\n",
     "tests/site.yaml:4:23: no backend or director 'orgin' in service site (it has: origin)"),
    ("    expect: {logs: {datadog: [x]}}\n",
     "tests/site.yaml:4:21: no logging endpoint 'datadog' in service site (it has: none)"),
    ("    expect: {headers: {Location: {match: '([a-'}}}\n",
     "tests/site.yaml:4:42: invalid regex '([a-': unterminated character set at position 4"),
    ("    then:\n      - expect: {logs: {x: [{match: '(['}]}}\n",
     "tests/site.yaml:5:37: invalid regex '([': unterminated character set at position 2"),
])
def test_names_and_regexes_a_case_gets_wrong_are_located_errors(
        repo: Path, case: str, located: str) -> None:
    """A backend answer under a misspelt name used to pass silently (nothing fetches from
    it), and a bad regex surfaced only when the header happened to be there."""
    (repo / "tests" / "site.yaml").write_text("service: site\ncases:\n  - name: a\n" + case)
    result = run("test")
    assert result.exit_code == 1
    assert result.stderr.strip().splitlines() == [located]
    assert "1 file not run" in result.stdout


def test_unknown_service_is_located_at_its_key(repo: Path) -> None:
    (repo / "tests" / "site.yaml").write_text("service: sight\ncases:\n  - name: a\n")
    result = run("test")
    assert result.exit_code == 1
    [line] = result.stderr.strip().splitlines()
    assert line.startswith("tests/site.yaml:1:10: no service 'sight'"), line


def test_schema_flag_prints_json_schema(repo: Path) -> None:
    result = run("test", "--schema")
    assert result.exit_code == 0 and json.loads(result.output)["title"]


def test_check_runs_the_tests(repo: Path) -> None:
    assert run("check").exit_code == 0
    (repo / "tests" / "site.yaml").write_text(PASSING.replace("status: 307", "status: 301"))
    result = run("check")
    assert result.exit_code == 1
    assert "test tests/site.yaml:3 blog redirect: status: expected 301, got 307" in (
        result.output)


def test_check_annotates_test_problems_on_their_lines(
        repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A failing case and a test file that cannot run are GitHub errors on the file and line
    at fault (they were loose, unescaped errors)."""
    monkeypatch.setenv("GITHUB_WORKSPACE", str(repo))
    (repo / "tests" / "site.yaml").write_text(PASSING.replace("status: 307", "status: 301"))
    (repo / "tests" / "typo.yaml").write_text(
        "service: site\ncases:\n  - name: a\n    backends: {orgin: {status: 500}}\n")
    result = run("check", "--format", "github")
    assert result.exit_code == 1
    annotations = [line for line in result.stdout.splitlines() if line.startswith("::")]
    assert annotations == [
        "::error file=tests/site.yaml,line=3,col=1,title=fastlysync check::test "
        "tests/site.yaml:3 blog redirect: status: expected 301, got 307",
        "::error file=tests/typo.yaml,line=4,col=16,title=fastlysync check::test: "
        "tests/typo.yaml:4:16: no backend or director 'orgin' in service site (it has: origin)"]
