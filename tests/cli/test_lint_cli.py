"""`fastlysync lint` end to end through click."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from fastlysync.cli.main import cli

REPO = Path(__file__).resolve().parents[2]

CLEAN = 'sub vcl_recv {\n  #FASTLY recv\n  set req.http.X-A = "1";\n  return(lookup);\n}\n'
BROKEN = 'sub vcl_recv {\n  #FASTLY recv\n  set beresp.ttl = 60s;\n  return(lookup);\n}\n'
WARN = 'sub vcl_recv {\n  #FASTLY recv\n  return(lookup);\n  set req.http.X = "1";\n}\n'

SPEC = """\
name: demo
domains:
  - name: demo.example.com
backends:
  - name: origin
    address: origin.example.com
snippets:
  - name: recv_rules
    type: recv
    content: |
      set req.backend = F_origin;
      set req.backend = F_missing;
vcls:
  - name: main
    file: main.vcl
    main: true
"""


def _run(args: list[str], cwd: Path | None = None):
    runner = CliRunner()
    if cwd is None:
        return runner.invoke(cli, ["lint", *args])
    with runner.isolated_filesystem(temp_dir=cwd):
        return runner.invoke(cli, ["lint", *args])


@pytest.fixture
def files(tmp_path: Path) -> Path:
    (tmp_path / "clean.vcl").write_text(CLEAN)
    (tmp_path / "broken.vcl").write_text(BROKEN)
    (tmp_path / "warn.vcl").write_text(WARN)
    return tmp_path


def test_clean_file_exits_zero(files: Path) -> None:
    result = _run([str(files / "clean.vcl")])
    assert result.exit_code == 0, result.output
    assert result.output.strip() == "0 errors, 0 warnings, 0 notes in 1 file"


def test_warnings_alone_exit_zero(files: Path) -> None:
    result = _run([str(files / "warn.vcl")])
    assert result.exit_code == 0
    assert "VCL601" in result.output


def test_error_exits_one(files: Path) -> None:
    result = _run([str(files / "broken.vcl")])
    assert result.exit_code == 1
    assert f"{files / 'broken.vcl'}:3:7: error VCL402" in result.output


def test_folder_and_json(files: Path) -> None:
    result = _run([str(files), "--format", "json"])
    assert result.exit_code == 1
    data = json.loads(result.output)
    assert {d["code"] for d in data} == {"VCL402", "VCL601"}
    assert all(d["severity"] in ("error", "warning", "info") for d in data)


def test_sarif_and_github(files: Path) -> None:
    sarif = _run([str(files / "broken.vcl"), "--format", "sarif"])
    assert sarif.exit_code == 1
    assert json.loads(sarif.output)["runs"][0]["results"][0]["ruleId"] == "VCL402"
    github = _run([str(files / "broken.vcl"), "--format", "github"])
    assert github.output.startswith(f"::error file={files / 'broken.vcl'},line=3,col=7")


def test_explain() -> None:
    result = _run(["--explain", "VCL101"])
    assert result.exit_code == 0
    assert result.output.startswith("VCL101 unhandled-error-code (error)")
    assert "Bad:" in result.output and "Good:" in result.output
    missing = _run(["--explain", "VCL999"])
    assert missing.exit_code == 1
    assert "unknown rule" in missing.output


def test_list_rules() -> None:
    result = _run(["--list-rules"])
    assert result.exit_code == 0
    assert "VCL101  unhandled-error-code" in result.output


def test_list_rules_and_explain_as_json() -> None:
    listed = _run(["--list-rules", "--format", "json"])
    assert listed.exit_code == 0
    rules = json.loads(listed.output)
    assert {"code": "VCL101", "name": "unhandled-error-code", "severity": "error",
            "summary": "A custom `error NNN` whose status vcl_error never handles."} in rules
    explained = _run(["--explain", "unhandled-error-code", "--format", "json"])
    assert explained.exit_code == 0
    rule = json.loads(explained.output)
    assert rule["code"] == "VCL101" and "error" in rule["bad"] and rule["good"]


def test_missing_path_is_an_error(tmp_path: Path) -> None:
    result = _run([str(tmp_path / "nope.vcl")])
    assert result.exit_code == 1
    assert "no such file or directory" in result.output


def test_bad_config_is_one_line(tmp_path: Path) -> None:
    (tmp_path / "fastlysync.toml").write_text('[lint]\nignore = ["VCL999"]\n')
    (tmp_path / "a.vcl").write_text(CLEAN)
    result = _run([str(tmp_path / "a.vcl")])
    assert result.exit_code == 1
    assert "unknown rule 'VCL999'" in result.output
    assert "Traceback" not in result.output


def test_default_paths_and_spec_context(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "services").mkdir()
    (tmp_path / "vcl").mkdir()
    (tmp_path / "services" / "demo.yaml").write_text(SPEC)
    (tmp_path / "vcl" / "main.vcl").write_text(CLEAN)
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, ["lint", "--format", "json"])
    assert result.exit_code == 1, result.output
    data = json.loads(result.output)
    assert [(d["code"], d["line"]) for d in data] == [("VCL503", 12)]
    assert data[0]["path"].endswith("demo.yaml")
    assert "F_missing" in data[0]["message"]


def test_repository_examples_lint_clean(monkeypatch: pytest.MonkeyPatch) -> None:
    if not (REPO / "services").is_dir():
        pytest.skip("no example services in this checkout")
    monkeypatch.chdir(REPO)
    result = CliRunner().invoke(cli, ["lint"])
    assert result.exit_code == 0, result.output


def test_list_rules_as_sarif_is_one_run_of_rules_and_no_results() -> None:
    listed = _run(["--list-rules", "--format", "sarif"])
    assert listed.exit_code == 0, listed.output
    doc = json.loads(listed.output)
    assert doc["version"] == "2.1.0"
    [run] = doc["runs"]
    assert "results" not in run
    rules = run["tool"]["driver"]["rules"]
    as_json = json.loads(_run(["--list-rules", "--format", "json"]).output)
    assert [r["id"] for r in rules] == [r["code"] for r in as_json]
    [vcl101] = [r for r in rules if r["id"] == "VCL101"]
    assert vcl101["name"] == "unhandled-error-code"
    assert vcl101["defaultConfiguration"] == {"level": "error"}


@pytest.mark.parametrize(("args", "allowed"), [
    (["--list-rules", "--format", "github"], "--list-rules prints --format text, json, sarif"),
    (["--explain", "VCL101", "--format", "github"], "--explain prints --format text, json"),
    (["--explain", "VCL101", "--format", "sarif"], "--explain prints --format text, json"),
])
def test_rule_listings_refuse_formats_they_cannot_be(args: list[str], allowed: str) -> None:
    result = _run(args)
    assert result.exit_code == 1
    assert allowed in result.output and "Traceback" not in result.output
