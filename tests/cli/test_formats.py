"""Machine formats: SARIF names its tool (version, informationUri) and declares every rule
it reports, spec problems included; GitHub annotations and SARIF paths are relative to the
repository root wherever the command runs (a repo whose specs live in a subfolder)."""

from __future__ import annotations

import json
from importlib.metadata import version
from pathlib import Path
from typing import Any

import pytest
from cli_support import write_repo
from click.testing import CliRunner

from fastlysync.cli.main import cli

BAD_SPEC = ("name: site\ndomains:\n  - name: site.example.com\nbackends:\n  - name: origin\n"
            "    address: origin.example.com\n    prot: 8080\nvcls:\n  - name: main\n"
            "    file: main.vcl\n    main: true\n")
BAD_VCL = "sub vcl_recv {\n#FASTLY recv\n  set req.backend = F_nowhere;\n}\n"


@pytest.fixture
def monorepo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A git repository whose fastlysync specs live in infra/cdn/; the command runs there."""
    (tmp_path / ".git").mkdir()
    write_repo(tmp_path / "infra" / "cdn", {"services/site.yaml": BAD_SPEC,
                                           "vcl/main.vcl": BAD_VCL})
    monkeypatch.chdir(tmp_path / "infra" / "cdn")
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)
    monkeypatch.delenv("GITHUB_WORKSPACE", raising=False)
    monkeypatch.delenv("FASTLY_API_TOKEN", raising=False)
    return tmp_path


def run(*args: str) -> Any:
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def sarif_of(*args: str) -> dict[str, Any]:
    result = run(*args)
    assert result.exit_code == 1, result.output
    return json.loads(result.stdout)


@pytest.mark.parametrize("command", ["check", "lint"])
def test_sarif_driver_and_every_reported_rule_declared(monorepo: Path, command: str) -> None:
    doc = sarif_of(command, "--format", "sarif")
    driver = doc["runs"][0]["tool"]["driver"]
    assert driver["version"] == version("fastlysync")
    assert driver["informationUri"].startswith("https://")
    declared = [rule["id"] for rule in driver["rules"]]
    assert len(declared) == len(set(declared))
    results = doc["runs"][0]["results"]
    assert results
    for result in results:
        assert result["ruleId"] in declared
        assert declared[result["ruleIndex"]] == result["ruleId"]
    if command == "check":
        assert "VCL000" in {r["ruleId"] for r in results}  # the spec problem


@pytest.mark.parametrize("command", ["check", "lint"])
def test_sarif_paths_relative_to_the_repository_root(monorepo: Path, command: str) -> None:
    doc = sarif_of(command, "--format", "sarif")
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
            for r in doc["runs"][0]["results"]}
    assert uris <= {"infra/cdn/services/site.yaml", "infra/cdn/vcl/main.vcl"}, uris
    assert uris


@pytest.mark.parametrize("command", ["check", "lint"])
def test_github_annotations_relative_to_the_repository_root(monorepo: Path,
                                                            command: str) -> None:
    result = run(command, "--format", "github")
    assert result.exit_code == 1
    files = {part.split("=", 1)[1] for line in result.stdout.splitlines()
             if line.startswith("::") for part in line.split("::")[1].split(",")
             if part.startswith(("error file=", "warning file=", "notice file=", "file="))}
    assert files and files <= {"infra/cdn/services/site.yaml", "infra/cdn/vcl/main.vcl"}, \
        result.stdout


def test_github_workspace_is_the_root_in_actions(monorepo: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GITHUB_WORKSPACE", str(monorepo / "infra"))
    result = run("check", "--format", "github")
    assert "file=cdn/services/site.yaml" in result.stdout
