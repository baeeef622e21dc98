"""The newcomer docs hold examples that work: the Terraform migration's spec validates, the
drift-ignore example loads, and the README links every page."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from cli_support import write_repo
from click.testing import CliRunner

from fastlysync.cli.main import cli
from fastlysync.drift.ignore import load_ignore

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs"
PAGES = ["apply-output.md", "drift-ignore.md", "fastly-cli-emulator.md",
         "migrating-from-terraform.md", "network.md", "token-scopes.md", "plan-schema.md"]


def blocks(page: str, language: str) -> list[str]:
    text = (DOCS / page).read_text()
    return re.findall(rf"^```{language}\n(.*?)^```$", text, re.MULTILINE | re.DOTALL)


def test_readme_links_every_page() -> None:
    readme = (ROOT / "README.md").read_text()
    for page in PAGES:
        assert f"(docs/{page})" in readme, page


def test_terraform_example_spec_validates(tmp_path: Path,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    [spec] = blocks("migrating-from-terraform.md", "yaml")
    write_repo(tmp_path, {"services/site.yaml": spec,
                          "vcl/main.vcl": "sub vcl_recv {\n#FASTLY recv\n}\n"})
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, ["validate"], catch_exceptions=False)
    assert result.exit_code == 0, result.output


def test_terraform_map_rows_match_the_hints() -> None:
    """Every renamed field in the doc's table is one the loader's hint knows."""
    from fastlysync.spec.terraform import FIELDS, LOGGING_FIELDS

    text = (DOCS / "migrating-from-terraform.md").read_text()
    known = {**LOGGING_FIELDS, **{k: v for m in FIELDS.values() for k, v in m.items()}}
    pairs = set(re.findall(r"`(\w+)` -> `(\w+)`", text))
    assert pairs == set(known.items())


def test_drift_ignore_example_loads(tmp_path: Path) -> None:
    [example] = blocks("drift-ignore.md", "yaml")
    path = tmp_path / "drift-ignore.yaml"
    path.write_text(example)
    assert len(load_ignore(path).rules) == 3
