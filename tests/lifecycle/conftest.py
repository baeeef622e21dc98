"""Fixtures every lifecycle test module uses: a spec repository to run in, and the Fastly CLI."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from lifecycle_support import FastlyCli, write_spec


@pytest.fixture
def root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A repository holding the one `shop` spec, as the working directory (a module that
    needs other services overrides this)."""
    write_spec(tmp_path)
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.fixture
def fastly(emulator: Any, tmp_path: Path) -> FastlyCli:
    return FastlyCli(emulator, tmp_path / "home")
