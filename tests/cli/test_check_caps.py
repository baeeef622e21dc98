"""`check` prints at most MAX_PRINTED spec problems as text, like `validate`: a generated spec
with 20,000 bad domains wrote all 20,000 lines (3.7 MB) to the CI log."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from fastlysync.cli.main import cli
from fastlysync.cli.output import MAX_PRINTED

COUNT = MAX_PRINTED + 300


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "services").mkdir()
    domains = "".join(f'  - name: "bad domain {n}"\n' for n in range(COUNT))
    (tmp_path / "services" / "many.yaml").write_text(f"name: many\ndomains:\n{domains}")
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.mark.parametrize("command", [["check", "--no-plan"], ["validate"]])
def test_text_output_is_capped_with_a_pointer_to_json(repo: Path, command: list[str]) -> None:
    result = CliRunner().invoke(cli, command, catch_exceptions=False,
                                env={"FASTLY_API_TOKEN": None})
    assert result.exit_code == 1
    shown = [line for line in result.stderr.splitlines() if "is not a valid host name" in line]
    assert len(shown) == MAX_PRINTED
    assert (f"fastlysync: {COUNT - MAX_PRINTED} more problems not shown (--format json lists "
            "them all)") in result.stderr


def test_json_still_lists_every_problem(repo: Path) -> None:
    import json

    result = CliRunner().invoke(cli, ["check", "--no-plan", "--format", "json"],
                                catch_exceptions=False, env={"FASTLY_API_TOKEN": None})
    assert len(json.loads(result.stdout)["validate"]["errors"]) == COUNT
