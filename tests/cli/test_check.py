"""`fastlysync check`: validate + lint (+ plan with a token); exit 0 clean, 2 changes pending,
1 errors; markdown summary to $GITHUB_STEP_SUMMARY; SARIF and GitHub annotations."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from cli_support import api_env, write_repo
from click.testing import CliRunner, Result

from fastlysync.cli.main import cli

SPEC = """name: site
domains:
  - name: site.example.com
backends:
  - name: origin
    address: origin.example.com
snippets:
  - name: route
    type: recv
    content: |
      set req.backend = F_origin;
logging_datadog:
  - name: dd
    token: ${env:SITE_DD_TOKEN}
"""


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    write_repo(tmp_path, {"services/site.yaml": SPEC})
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)
    return tmp_path


def run(*args: str, env: dict[str, str] | None = None) -> Result:
    base = {"FASTLY_API_TOKEN": "", "SITE_DD_TOKEN": None}
    return CliRunner().invoke(cli, ["check", *args], env={**base, **(env or {})},
                              catch_exceptions=False)


def remote(emulator: Any, token: str | None = None) -> dict[str, str]:
    return {**api_env(emulator, token), "SITE_DD_TOKEN": "dd-token-value"}


def test_without_token_validates_and_lints_needing_no_secret(repo: Path) -> None:
    summary = repo / "summary.md"
    result = run(env={"GITHUB_STEP_SUMMARY": str(summary)})
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        "validate: ok, 1 service in 1 file",
        "lint: 0 errors, 0 warnings, 0 notes in 2 files",
        "plan: skipped (no API token (set FASTLY_API_TOKEN))",
        "note: secrets not set (not needed without a plan): SITE_DD_TOKEN",
        "check: clean",
    ]
    text = summary.read_text()
    assert text.startswith("## fastlysync check\n")
    assert "| plan | skipped (no API token (set FASTLY_API_TOKEN)) |" in text
    assert "**Result: clean** (exit 0)" in text


def test_a_summary_that_cannot_be_written_is_an_error(repo: Path) -> None:
    """Exit 1 (an error), not the check's own 0 or 2, and one line naming the file."""
    missing = repo / "no-such-folder" / "summary.md"
    for env, args in (({}, ("--summary", str(missing))),
                      ({"GITHUB_STEP_SUMMARY": str(missing)}, ())):
        result = run(*args, env=env)
        assert result.exit_code == 1, result.output
        assert f"fastlysync: cannot write the summary to {missing}" in result.stderr


def test_spec_problem_fails_with_location_in_every_format(repo: Path) -> None:
    (repo / "services" / "site.yaml").write_text(SPEC.replace(
        "address: origin.example.com", "address: origin.example.com\n    prot: 8080"))
    text = run()
    assert text.exit_code == 1
    assert text.stderr.splitlines() == [
        "services/site.yaml:7:5: backend 'origin': unknown key 'prot' (did you mean 'port'?)"]
    assert text.stdout.splitlines()[0] == "validate: 1 problem"
    github = run("--format", "github")
    assert github.exit_code == 1
    assert "::error file=services/site.yaml,line=7,col=5" in github.stdout
    sarif = json.loads(run("--format", "sarif").stdout)
    [result] = sarif["runs"][0]["results"]
    assert result["ruleId"] == "VCL000" and result["level"] == "error"
    assert result["locations"][0]["physicalLocation"]["region"]["startLine"] == 7


def test_lint_error_in_service_context_fails(repo: Path) -> None:
    (repo / "services" / "site.yaml").write_text(SPEC.replace("F_origin", "F_nowhere"))
    result = run("--format", "github")
    assert result.exit_code == 1
    [annotation] = [line for line in result.stdout.splitlines() if line.startswith("::error")]
    assert "file=services/site.yaml,line=11" in annotation and "F_nowhere" in annotation


def test_no_specs_is_an_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = run()
    assert result.exit_code == 1
    assert "fastlysync: no service specs found in" in result.stderr
    assert result.stdout.splitlines()[0] == "validate: no spec files"  # not "ok"


def test_with_token_plans_clean_then_pending(emulator: Any, repo: Path) -> None:
    env = remote(emulator)
    created = run(env=env)
    assert created.exit_code == 2  # a new service is a pending change
    applied = CliRunner().invoke(cli, ["apply", "--auto-approve"], env=env,
                                 catch_exceptions=False)
    assert applied.exit_code == 0, applied.stderr
    clean = run(env=env)
    assert clean.exit_code == 0, clean.output
    assert clean.stdout.splitlines()[-1] == "check: clean"
    (repo / "services" / "site.yaml").write_text(SPEC.replace(
        "address: origin.example.com", "address: origin.example.com\n    port: 8080"))
    pending = run("--format", "github", env=env)
    assert pending.exit_code == 2
    assert ("::notice file=services/site.yaml,line=5,title=fastlysync plan::site: update "
            "backend origin (port)") in pending.stdout
    as_json = json.loads(run("--format", "json", env=env).stdout)
    assert (as_json["status"], as_json["exit_code"]) == ("changes pending", 2)
    assert as_json["plan"]["summary"]["update"] == 1
    markdown = run("--format", "markdown", env=env).stdout
    assert "**Result: changes pending** (exit 2)" in markdown and "## fastlysync plan" in markdown


def test_with_token_a_missing_secret_is_an_error(emulator: Any, repo: Path) -> None:
    env = {**remote(emulator), "SITE_DD_TOKEN": None}
    result = run(env=env)  # type: ignore[arg-type]
    assert result.exit_code == 1
    assert "environment variable SITE_DD_TOKEN is not set" in result.stderr


def test_plan_failure_is_an_error(emulator: Any, repo: Path) -> None:
    result = run(env=remote(emulator, token="revoked-token-xyz"))
    assert result.exit_code == 1
    assert "fastlysync: service site: " in result.stderr and "401" in result.stderr
    assert "revoked-token-xyz" not in result.output


def test_no_plan_and_no_lint_flags(emulator: Any, repo: Path) -> None:
    result = run("--no-plan", "--no-lint", env=remote(emulator))
    assert result.exit_code == 0
    assert "lint: skipped (--no-lint)" in result.stdout
    assert "plan: skipped (--no-plan)" in result.stdout


ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = [ROOT / "examples" / "github" / "pr-check.yml",
            ROOT / "examples" / "github" / "drift.yml",
            ROOT / "examples" / "github" / "sync.yml", ROOT / ".pre-commit-hooks.yaml"]
SHELL_OPERATORS = {"|", "||", "&&", ";", ">", ">>", "<"}


def example_commands() -> list[list[str]]:
    """Every `fastlysync ...` command line in the CI examples and pre-commit hooks."""
    import shlex

    import yaml

    found = []
    for path in EXAMPLES:
        data = yaml.safe_load(path.read_text())
        if isinstance(data, list):
            scripts = [hook["entry"] for hook in data]
        else:
            scripts = [step["run"] for job in data["jobs"].values() for step in job["steps"]
                       if "run" in step]
        for script in scripts:
            for line in script.replace("\\\n", " ").splitlines():
                lexer = shlex.shlex(line, posix=True, punctuation_chars=True)
                lexer.whitespace_split = True
                words = list(lexer)
                starts = [i for i, w in enumerate(words) if w == "fastlysync"
                          and (i == 0 or words[i - 1] in SHELL_OPERATORS)]
                if not starts:
                    continue  # e.g. `pip install fastlysync`
                args = words[starts[0] + 1:]
                cut = next((i for i, w in enumerate(args) if w in SHELL_OPERATORS), len(args))
                found.append(args[:cut])
    return found


def test_example_workflows_and_hooks_use_real_options() -> None:
    commands = example_commands()
    assert {c[0] for c in commands} == {"check", "drift", "lint", "validate", "plan", "apply"}
    for args in commands:
        options = args[:args.index("--")] if "--" in args else args  # `--`: names follow
        result = CliRunner().invoke(cli, [*options, "--help"], catch_exceptions=False)
        assert result.exit_code == 0, (args, result.output)


def test_hook_names_match_what_they_run() -> None:
    import yaml

    for hook in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text()):
        command = hook["id"].removeprefix("fastlysync-")
        assert hook["name"] == f"fastlysync {command}"
        assert hook["entry"] == f"fastlysync {command}"


def test_validate_hook_passes_without_secrets_or_token(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    result = CliRunner().invoke(cli, ["validate"], catch_exceptions=False,
                                env={"SHOP_DATADOG_API_KEY": None, "FASTLY_API_TOKEN": None})
    assert result.exit_code == 0, result.output
    assert "secrets not set (placeholders used): SHOP_DATADOG_API_KEY" in result.stderr


def test_validate_hook_passes_on_the_examples_without_secrets(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    result = run("--no-plan", "--no-lint", env={"SHOP_DATADOG_API_KEY": None})  # type: ignore[dict-item]
    assert result.exit_code == 0, result.output
    assert "note: secrets not set (not needed without a plan): SHOP_DATADOG_API_KEY" in \
        result.stdout


def test_bad_ignore_file_fails_validation(repo: Path) -> None:
    (repo / "drift-ignore.yaml").write_text("ignore:\n  - kind: backnd\n")
    result = run()
    assert result.exit_code == 1
    assert "drift-ignore.yaml:2:11: kind 'backnd' matches no kind" in result.stderr


def test_falco_test_files_beside_the_vcl_are_skipped_with_a_note(repo: Path) -> None:
    (repo / "vcl").mkdir(exist_ok=True)
    (repo / "vcl" / "site.test.vcl").write_text(
        'describe site {\n  sub test_recv {\n    testing.call_subroutine("vcl_recv");\n'
        '    set req.http.X-T = "1";\n    assert.equal(req.http.X-T, "1");\n  }\n}\n')
    result = run()
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert "lint: 0 errors, 0 warnings, 0 notes in 2 files" in lines
    assert any(line.startswith("note: skipped 1 falco unit-test file(s)") for line in lines)
    assert "note: test: 1 cases, 0 not passing" in lines  # `check` still runs it as a test
