"""Exit 2 means "changes pending" or "drift" and nothing else: a usage error on any command
exits 1 with click's message, and a run over no specs is an error, never a clean run."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click
import pytest
from cli_support import invoke, write_repo
from click.testing import CliRunner

from fastlysync.cli.main import cli

COMMANDS = sorted(cli.list_commands(click.Context(cli)))
GOOD = ("name: good\ndomains:\n  - name: good.example.com\n"
        "backends:\n  - name: origin\n    address: origin.example.com\n")


def run(*args: str) -> Any:
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def valued_option(command: click.Command) -> str | None:
    """An option of `command` that takes a value (to leave the value out)."""
    for param in command.params:
        if isinstance(param, click.Option) and not param.is_flag and param.opts[0] != "--help":
            return param.opts[0]
    return None


def test_every_command_is_covered() -> None:
    assert {"apply", "check", "drift", "import", "lint", "plan", "validate"} <= set(COMMANDS)


@pytest.mark.parametrize("name", COMMANDS)
def test_unknown_flag_exits_1(name: str) -> None:
    result = run(name, "--formatt", "github")
    assert result.exit_code == 1, result.output
    assert "No such option: --formatt" in result.stderr or \
        "No such option '--formatt'" in result.stderr


@pytest.mark.parametrize("name", COMMANDS)
def test_missing_option_value_exits_1(name: str) -> None:
    option = valued_option(cli.get_command(click.Context(cli), name))
    if option is None:
        pytest.skip(f"{name} has no option taking a value")
    result = run(name, option)
    assert result.exit_code == 1, result.output
    assert f"Option '{option}' requires an argument" in result.stderr


@pytest.mark.parametrize("name", [n for n in COMMANDS if any(
    p.name == "fmt" for p in cli.get_command(click.Context(cli), n).params)])
def test_bad_format_value_exits_1(name: str) -> None:
    result = run(name, "--format", "githb")
    assert result.exit_code == 1, result.output
    assert "Invalid value for '--format'" in result.stderr


def test_unknown_command_and_bare_group_exit_1() -> None:
    assert run("chek").exit_code == 1
    assert "No such command 'chek'" in run("chek").stderr


@pytest.mark.parametrize("name", ["plan", "drift", "check", "apply"])
def test_no_specs_exits_1_naming_where_it_looked(emulator: Any, tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch,
                                                 name: str) -> None:
    monkeypatch.chdir(tmp_path)
    args = [name, "--auto-approve"] if name == "apply" else [name]
    result = invoke(emulator, *args)
    assert result.exit_code == 1, result.output
    assert f"no service specs found in {tmp_path / 'services'} (looked for *.yaml)" \
        in result.stderr
    assert "No changes" not in result.stdout and "No drift" not in result.stdout


def test_a_run_with_a_failure_never_says_no_changes(emulator: Any, tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    write_repo(tmp_path, {"services/good.yaml": GOOD, "services/bad.yaml": "name: [x\n"})
    monkeypatch.chdir(tmp_path)
    assert invoke(emulator, "apply", "--auto-approve", "services/good.yaml").exit_code == 0
    result = invoke(emulator, "plan")
    assert result.exit_code == 1
    assert "No changes" not in result.stdout
    assert result.stdout.splitlines()[-1] == "1 service failed, 1 in step."
    drift = invoke(emulator, "drift")
    assert drift.exit_code == 1
    assert drift.stdout.splitlines()[-1] == "1 service could not be checked, 1 match git."


def test_plan_json_carries_spec_errors(emulator: Any, tmp_path: Path,
                                       monkeypatch: pytest.MonkeyPatch) -> None:
    write_repo(tmp_path, {"services/good.yaml": GOOD, "services/bad.yaml": "name: [x\n"})
    monkeypatch.chdir(tmp_path)
    result = invoke(emulator, "plan", "--format", "json")
    assert result.exit_code == 1
    doc = json.loads(result.stdout)
    [problem] = doc["errors"]
    assert problem["path"] == "services/bad.yaml"
    assert problem["message"].startswith("services/bad.yaml:2:1: invalid YAML")
    assert [s["name"] for s in doc["services"]] == ["good"]


def test_only_spec_errors_still_gives_a_json_plan(emulator: Any, tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    write_repo(tmp_path, {"services/bad.yaml": "name: [x\n"})
    monkeypatch.chdir(tmp_path)
    result = invoke(emulator, "plan", "--format", "json")
    assert result.exit_code == 1
    assert [e["path"] for e in json.loads(result.stdout)["errors"]] == ["services/bad.yaml"]
