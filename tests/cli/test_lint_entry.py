"""The console entry point's click-free path for a plain `fastlysync lint PATH...`."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from fastlysync.cli.lint_run import parse_simple
from fastlysync.cli.main import cli

BROKEN = 'sub vcl_recv {\n  #FASTLY recv\n  set beresp.ttl = 60s;\n  return(lookup);\n}\n'


@pytest.mark.parametrize(("args", "expected"), [
    (["a.vcl", "b"], ([Path("a.vcl"), Path("b")], "text", None)),
    (["--format", "json", "a.vcl"], ([Path("a.vcl")], "json", None)),
    (["--format=sarif", "--config=c.toml"], ([], "sarif", Path("c.toml"))),
    (["--explain", "VCL101"], None),
    (["--list-rules"], None),
    (["--help"], None),
    (["--format", "yaml", "a.vcl"], None),  # click reports the usage error
    (["--format"], None),
    (["-x"], None),
])
def test_parse_simple(args: list[str], expected: object) -> None:
    assert parse_simple(args) == expected


@pytest.mark.parametrize("fmt", ["text", "json"])
def test_entry_point_and_click_give_the_same_report(tmp_path: Path, fmt: str) -> None:
    path = tmp_path / "broken.vcl"
    path.write_text(BROKEN)
    proc = subprocess.run([sys.executable, "-m", "fastlysync", "lint", "--format", fmt,
                           str(path)], capture_output=True, text=True, cwd=tmp_path,
                          timeout=60)
    via_click = CliRunner().invoke(cli, ["lint", "--format", fmt, str(path)])
    assert proc.returncode == via_click.exit_code == 1
    assert proc.stdout == via_click.stdout and "VCL402" in proc.stdout
    assert "click" not in subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "fastlysync", "lint", str(path)],
        capture_output=True, text=True, cwd=tmp_path, timeout=60).stderr
