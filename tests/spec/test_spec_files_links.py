"""A spec file that is a broken symbolic link (its target missing from the checkout, or a
loop) was skipped without a word: the service it holds went unchecked and `validate`, `plan`
and `drift` came out green. It is a located error now, like any unreadable spec."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from fastlysync.cli.main import cli
from fastlysync.spec.loader import load_specs

OK = "name: ok\ndomains:\n  - name: ok.example.com\n"


@pytest.fixture
def root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "services").mkdir()
    (tmp_path / "services" / "ok.yaml").write_text(OK)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_a_dangling_link_is_an_error(root: Path) -> None:
    os.symlink("../common/shop.yaml", root / "services" / "shop.yaml")
    result = load_specs(root=root)
    assert [s.service.name for s in result.services] == ["ok"]
    assert [(e.path, e.message) for e in result.errors] == [
        ("services/shop.yaml", "cannot read spec file: No such file or directory")]


def test_a_link_loop_is_an_error(root: Path) -> None:
    os.symlink("b.yaml", root / "services" / "a.yaml")
    os.symlink("a.yaml", root / "services" / "b.yaml")
    result = load_specs(root=root)
    assert sorted((e.path, e.message) for e in result.errors) == [
        ("services/a.yaml", "cannot read spec file: Too many levels of symbolic links"),
        ("services/b.yaml", "cannot read spec file: Too many levels of symbolic links")]


def test_links_to_a_file_or_a_folder_still_work(root: Path) -> None:
    (root / "common").mkdir()
    (root / "common" / "two.yaml").write_text(OK.replace("ok", "two"))
    os.symlink("../common/two.yaml", root / "services" / "two.yaml")
    (root / "more").mkdir()
    (root / "more" / "three.yaml").write_text(OK.replace("ok", "three"))
    os.symlink("../more", root / "services" / "more.yaml")  # a folder named like a spec:
    result = load_specs(root=root)  # not a spec file, and (as before) not walked into
    assert not result.errors
    assert sorted(s.service.name for s in result.services) == ["ok", "two"]


def test_validate_fails_on_a_dangling_link(root: Path) -> None:
    os.symlink("../common/shop.yaml", root / "services" / "shop.yaml")
    result = CliRunner().invoke(cli, ["validate"], catch_exceptions=False)
    assert result.exit_code == 1
    assert ("services/shop.yaml: cannot read spec file: No such file or directory"
            in result.output)
