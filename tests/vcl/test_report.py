"""Output formats: text, json, SARIF 2.1.0 and GitHub annotations; and config files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from fastlysync.vcl.config import ConfigError, load_config, parse_config
from fastlysync.vcl.diagnostic import Diagnostic
from fastlysync.vcl.lint import lint_source
from fastlysync.vcl.registry import all_rules
from fastlysync.vcl.report import explain, render

SOURCE = ('sub vcl_recv {\n  #FASTLY recv\n  set beresp.ttl = 60;\n  return(pass);\n'
          '  unset req.http.X;\n}\n')


@pytest.fixture
def found() -> list[Diagnostic]:
    return lint_source(SOURCE, "vcl/main.vcl")


def test_findings_for_sample(found: list[Diagnostic]) -> None:
    assert [d.code for d in found] == ["VCL402", "VCL404", "VCL601"]


def test_text(found: list[Diagnostic]) -> None:
    text = render(found, "text", files=1)
    first = text.splitlines()[0]
    assert first.startswith("vcl/main.vcl:3:7: error VCL402 ")
    assert first.endswith("[variable-scope]")
    assert text.splitlines()[-1] == "2 errors, 1 warning, 0 notes in 1 file"


def test_json(found: list[Diagnostic]) -> None:
    data = json.loads(render(found, "json"))
    assert isinstance(data, list) and len(data) == 3
    keys = {"path", "line", "column", "end_line", "end_column", "code", "name", "severity",
            "message"}
    assert all(set(item) == keys for item in data)
    assert {item["severity"] for item in data} <= {"error", "warning", "info"}
    assert data[2] == {**data[2], "code": "VCL601", "name": "unreachable-code",
                       "severity": "warning", "line": 5, "column": 3}


def test_sarif(found: list[Diagnostic]) -> None:
    doc = json.loads(render(found, "sarif"))
    assert doc["version"] == "2.1.0"
    assert doc["$schema"].endswith("sarif-2.1.0.json")
    run = doc["runs"][0]
    driver = run["tool"]["driver"]
    assert driver["name"] == "fastlysync"
    ids = [r["id"] for r in driver["rules"]]
    assert ids == [r.code for r in all_rules()]
    for rule in driver["rules"]:
        assert rule["shortDescription"]["text"]
        assert rule["defaultConfiguration"]["level"] in ("error", "warning", "note")
    assert len(run["results"]) == 3
    for result in run["results"]:
        assert driver["rules"][result["ruleIndex"]]["id"] == result["ruleId"]
        assert result["level"] in ("error", "warning", "note")
        loc = result["locations"][0]["physicalLocation"]
        assert loc["artifactLocation"]["uri"] == "vcl/main.vcl"
        region = loc["region"]
        assert region["startLine"] >= 1 and region["startColumn"] >= 1
        assert region.get("endLine", region["startLine"]) >= region["startLine"]


def test_github(found: list[Diagnostic]) -> None:
    lines = render(found, "github").splitlines()
    assert lines[0].startswith("::error file=vcl/main.vcl,line=3,col=7,")
    assert lines[0].endswith("::beresp.ttl cannot be set in vcl_recv; it is writable in vcl_fetch")
    assert lines[2].startswith("::warning file=vcl/main.vcl,line=5,col=3")
    info = Diagnostic("a,b.vcl", 1, 1, 1, 2, "VCL507", "assumed-from-service", "info",
                      "50% sure\nreally")
    line = render([info], "github").strip()
    assert line.startswith("::notice file=a%2Cb.vcl,line=1,col=1")
    assert line.endswith("::50%25 sure%0Areally")


def test_explain_every_rule() -> None:
    for rule in all_rules():
        text = explain(rule.code)
        assert text is not None
        assert text.startswith(f"{rule.code} {rule.name} ({rule.severity})")
        assert "Bad:" in text and "Good:" in text
    assert explain("unhandled-error-code") == explain("VCL101")
    assert explain("subroutine/boilerplate-macro") == explain("VCL201")
    assert explain("VCL999") is None


def test_config_severity_and_ignore(tmp_path: Path, found: list[Diagnostic]) -> None:
    (tmp_path / "pyproject.toml").write_text(
        '[tool.fastlysync.lint]\nignore = ["unreachable-code"]\n'
        'severity = { VCL402 = "warning", type-mismatch = "info" }\n')
    (tmp_path / "vcl").mkdir()
    config = load_config(start=tmp_path / "vcl")
    out = config.apply(lint_source(SOURCE, "vcl/main.vcl"))
    assert [(d.code, d.severity) for d in out] == [("VCL402", "warning"), ("VCL404", "info")]


def test_fastlysync_toml_and_per_file_ignores(tmp_path: Path) -> None:
    (tmp_path / "fastlysync.toml").write_text(
        '[lint]\n[lint.per-file-ignores]\n"vcl/*.vcl" = ["VCL404"]\n')
    config = load_config(start=tmp_path)
    assert config.path == tmp_path / "fastlysync.toml"
    out = config.apply(lint_source(SOURCE, str(tmp_path / "vcl" / "main.vcl")))
    assert [d.code for d in out] == ["VCL402", "VCL601"]


@pytest.mark.parametrize("table", [
    {"ignore": ["VCL999"]},
    {"severity": {"VCL101": "fatal"}},
    {"select": ["VCL101"]},
    {"per-file-ignores": ["x"]},
])
def test_bad_config_is_a_clear_error(table: dict) -> None:
    with pytest.raises(ConfigError):
        parse_config(table, Path("pyproject.toml"))


def test_no_config_found(tmp_path: Path) -> None:
    config = load_config(start=tmp_path)
    assert config.ignore == set() and config.severity == {}


def test_text_and_github_reports_stop_at_a_cap_but_count_everything() -> None:
    """A file with thousands of findings must not flood a terminal or a CI log."""
    from fastlysync.vcl.report import MAX_SHOWN

    many = "  set beresp.ttl = 60s;\n" * (MAX_SHOWN + 40)  # out of scope in vcl_recv
    source = "sub vcl_recv {\n#FASTLY recv\n" + many + "}\n"
    found = lint_source(source, "vcl/many.vcl")
    assert len(found) == MAX_SHOWN + 40
    text = render(found, "text", files=1).splitlines()
    assert len(text) == MAX_SHOWN + 2
    assert text[-2] == "... 40 more findings not shown (--format json lists them all)"
    assert text[-1].startswith(f"{MAX_SHOWN + 40} errors")
    github = render(found, "github").splitlines()
    assert len(github) == MAX_SHOWN + 1 and github[-1].startswith("::warning::... 40 more")
    assert len(json.loads(render(found, "json"))) == MAX_SHOWN + 40
