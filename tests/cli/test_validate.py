"""`fastlysync validate`: one line per problem with its location, exit 1; never a traceback."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from fastlysync.cli.main import cli

ROOT = Path(__file__).resolve().parents[2]
GOOD = "name: site\ndomains:\n  - name: www.example.com\n"
BOMB = "a: &a [x,x,x,x,x,x,x,x,x]\n" + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [" + ",".join([f"*{chr(97 + i)}"] * 9) + "]\n"
    for i in range(9))

# (files, expected "path:line:col: message" prefix or fragment) - one per kind of bad input.
BAD_INPUT = {
    "malformed YAML": ({"services/s.yaml": "name: [x\n"}, "services/s.yaml:2:1: invalid YAML"),
    "alias bomb": ({"services/s.yaml": BOMB}, "(an alias bomb?)"),
    "duplicate keys": ({"services/s.yaml": "name: a\nname: b\n"},
                       "services/s.yaml:2:1: duplicate key 'name' (first at line 1, column 1)"),
    "non-UTF-8": ({"services/s.yaml": b"name: caf\xe9\n"},
                  "services/s.yaml:1:10: spec file is not valid UTF-8"),
    "20 MB file": ({"services/s.yaml": None}, "services/s.yaml: spec file is 20.0 MB"),
    "wrong type": ({"services/s.yaml": "name: s\nsettings:\n  default_ttl: forever\n"},
                   "services/s.yaml:3:16: settings: default_ttl: Input should be a valid integer"),
    "unknown key": ({"services/s.yaml": "name: s\nsettings:\n  default_tll: 5\n"},
                    "services/s.yaml:3:3: settings: unknown key 'default_tll' "
                    "(did you mean 'default_ttl'?)"),
    "VCL path escaping the repo": (
        {"services/s.yaml": "name: s\nvcls:\n  - {name: m, file: ../../x.vcl, main: true}\n"},
        "services/s.yaml:3:21: file '../../x.vcl' points outside the repository"),
    "missing condition": (
        {"services/s.yaml": "name: s\ngzips:\n  - {name: g, cache_condition: nope}\n"},
        "services/s.yaml:3:32: gzip 'g': cache_condition refers to condition 'nope'"),
}
SECRET_SPEC = ("name: s\nlogging_https:\n  - name: log\n    url: https://logs.example.com/\n"
               "    header_value: ${env:FASTLYSYNC_TEST_UNSET}\n")


def make_repo(root: Path, files: dict[str, str | bytes | None]) -> Path:
    for name, content in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if content is None:  # a sparse 20 MB file
            with path.open("wb") as handle:
                handle.truncate(20 * 1024 * 1024)
        elif isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content)
    (root / "vcl").mkdir(exist_ok=True)
    return root


def run(root: Path, *args: str, env: dict[str, str | None] | None = None) -> object:
    runner = CliRunner()
    cwd = os.getcwd()
    os.chdir(root)
    try:
        return runner.invoke(cli, ["validate", *args], env=env, catch_exceptions=False)
    finally:
        os.chdir(cwd)


def test_valid_specs(tmp_path: Path) -> None:
    root = make_repo(tmp_path, {"services/s.yaml": GOOD})
    result = run(root)
    assert result.exit_code == 0
    assert result.stdout == "ok: 1 service in 1 file\n"
    assert result.stderr == ""


@pytest.mark.parametrize("case", sorted(BAD_INPUT))
def test_bad_input_gives_one_located_line_and_exit_1(tmp_path: Path, case: str) -> None:
    files, expected = BAD_INPUT[case]
    root = make_repo(tmp_path, files)
    result = run(root)
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert len(lines) == 2, lines  # the problem, then the summary
    assert expected in lines[0], lines[0]
    assert lines[1] == "1 problem in 1 file"
    assert "Traceback" not in result.output


def test_unset_secret_gets_a_placeholder_and_a_note(tmp_path: Path) -> None:
    """A pre-commit hook runs where no production secret is set: validate still passes."""
    root = make_repo(tmp_path, {"services/s.yaml": SECRET_SPEC})
    result = run(root, env={"FASTLYSYNC_TEST_UNSET": None})
    assert result.exit_code == 0, result.stderr
    assert result.stdout == "ok: 1 service in 1 file\n"
    assert result.stderr == ("fastlysync: note: secrets not set (placeholders used): "
                             "FASTLYSYNC_TEST_UNSET\n")


def test_require_secrets_makes_an_unset_secret_an_error(tmp_path: Path) -> None:
    root = make_repo(tmp_path, {"services/s.yaml": SECRET_SPEC})
    result = run(root, "--require-secrets", env={"FASTLYSYNC_TEST_UNSET": None})
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == (
        "services/s.yaml:5:19: environment variable FASTLYSYNC_TEST_UNSET is not set "
        "(referenced as ${env:FASTLYSYNC_TEST_UNSET})")


def test_json_output(tmp_path: Path) -> None:
    root = make_repo(tmp_path, {"services/s.yaml": "name: s\nbackends:\n  - {name: b}\n"
                                                   "domains: [{name: 'not a host'}]\n"})
    result = run(root, "--format", "json")
    assert result.exit_code == 1
    problems = json.loads(result.stdout)
    assert [sorted(p) for p in problems] == [["column", "line", "message", "path"]] * 2
    assert problems[0] == {"path": "services/s.yaml", "line": 3, "column": 5,
                           "message": "backend 'b': missing required key 'address'"}
    assert json.loads(run(make_repo(tmp_path / "ok", {"services/s.yaml": GOOD}),
                          "--format", "json").stdout) == []


def test_paths_and_missing_paths(tmp_path: Path) -> None:
    root = make_repo(tmp_path, {"services/s.yaml": GOOD, "other/o.yaml": "name: o\n"})
    assert run(root, "other/o.yaml").stdout == "ok: 1 service in 1 file\n"
    result = run(root, "nope.yaml")
    assert result.exit_code == 1 and result.stderr.startswith("nope.yaml: no such file")


def test_no_specs_at_all(tmp_path: Path) -> None:
    result = run(tmp_path)
    assert result.exit_code == 1
    assert result.stderr.startswith("fastlysync: no service specs found")


def test_examples_validate_with_their_secret(tmp_path: Path) -> None:
    result = run(ROOT, env={"SHOP_DATADOG_API_KEY": "dd-key-for-tests"})
    assert result.exit_code == 0, result.stderr
    assert result.stdout == "ok: 3 services in 2 files\n"


def test_secret_values_never_reach_the_output(tmp_path: Path) -> None:
    spec = "name: s\nbackends:\n  - {name: b, address: b.example.com, port: '${env:P}'}\n"
    root = make_repo(tmp_path, {"services/s.yaml": spec})
    result = run(root, env={"P": "hunter2-secret"})
    assert result.exit_code == 1
    assert "hunter2-secret" not in result.output and "********" in result.stderr


def test_entry_point_in_a_subprocess(tmp_path: Path) -> None:
    """The real console path: errors on stderr, no traceback, exit 1."""
    root = make_repo(tmp_path, {"services/s.yaml": "name: a\nname: b\n"})
    proc = subprocess.run([sys.executable, "-m", "fastlysync", "validate"], cwd=root,
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 1
    assert proc.stderr.startswith("services/s.yaml:2:1: duplicate key 'name'")
    assert "Traceback" not in proc.stderr


def test_unexpected_errors_become_one_line(tmp_path: Path, monkeypatch) -> None:
    import fastlysync.cli.validate as module

    def boom(*args: object, **kwargs: object) -> None:
        raise RuntimeError("something broke\nsecond line")

    monkeypatch.setattr(module, "load_specs", boom)
    root = make_repo(tmp_path, {"services/s.yaml": GOOD})
    result = run(root)
    assert result.exit_code == 1
    assert result.stderr == "fastlysync: internal error: RuntimeError: something broke\n"


def test_a_bad_ignore_file_fails_validation(tmp_path: Path) -> None:
    root = make_repo(tmp_path, {"services/s.yaml": GOOD,
                                "drift-ignore.yaml": "ignore:\n  - kind: backnd\n"})
    result = run(root)
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0].startswith(
        "drift-ignore.yaml:2:11: kind 'backnd' matches no kind")


def test_text_problems_stop_at_a_cap(tmp_path: Path) -> None:
    """Thousands of problems print as at most MAX_PRINTED lines plus a count; json has all."""
    from fastlysync.cli.output import MAX_PRINTED

    backends = "".join(f"  - {{name: b{i}, address: 'not a host {i}'}}\n"
                       for i in range(MAX_PRINTED + 25))
    root = make_repo(tmp_path, {"services/s.yaml": f"name: s\nbackends:\n{backends}"})
    result = run(root)
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert sum(line.startswith("services/s.yaml:") for line in lines) == MAX_PRINTED
    assert ("fastlysync: 25 more problems not shown (--format json lists them all)"
            in lines)
    assert len(json.loads(run(root, "--format", "json").stdout)) == MAX_PRINTED + 25
