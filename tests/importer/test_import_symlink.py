"""`import --force` writes only inside `--out`: a symlink planted there (the file, or a folder
on the way) that leads outside is refused, never followed."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from fastlysync.cli.main import cli


def run(emulator: Any, *args: str) -> Result:
    env = {"FASTLY_API_ENDPOINT": emulator.url, "FASTLY_API_TOKEN": emulator.token}
    return CliRunner().invoke(cli, list(args), env=env, catch_exceptions=False)


@pytest.fixture
def out(emulator: Any, tmp_path: Path) -> Path:
    emulator.create_service("linked")
    folder = tmp_path / "out"
    folder.mkdir()
    return folder


def test_a_file_symlink_leading_outside_is_refused(emulator: Any, out: Path,
                                                   tmp_path: Path) -> None:
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me\n")
    (out / "services").mkdir()
    (out / "services" / "linked.yaml").symlink_to(victim)
    result = run(emulator, "import", "linked", "--out", str(out), "--force")
    assert result.exit_code == 1
    assert "leads outside" in result.stderr and "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert victim.read_text() == "keep me\n"


def test_a_folder_symlink_leading_outside_is_refused(emulator: Any, out: Path,
                                                     tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (out / "services").symlink_to(elsewhere, target_is_directory=True)
    result = run(emulator, "import", "linked", "--out", str(out), "--force")
    assert result.exit_code == 1 and "leads outside" in result.stderr
    assert list(elsewhere.iterdir()) == []


def test_a_symlink_inside_out_is_replaced_not_followed(emulator: Any, out: Path) -> None:
    (out / "services").mkdir()
    other = out / "services" / "other.yaml"
    other.write_text("name: other\n")
    (out / "services" / "linked.yaml").symlink_to(other)
    result = run(emulator, "import", "linked", "--out", str(out), "--force")
    assert result.exit_code == 0, result.stderr
    written = out / "services" / "linked.yaml"
    assert not written.is_symlink() and "name: linked" in written.read_text()
    assert other.read_text() == "name: other\n"


def test_a_symlink_loop_is_one_clear_error(emulator: Any, out: Path) -> None:
    (out / "services").symlink_to(out / "services")
    result = run(emulator, "import", "linked", "--out", str(out), "--force")
    assert result.exit_code == 1 and "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert "internal error" not in result.stderr
