"""Fixtures for plan/apply tests against the emulator."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from apply_harness import Harness


@pytest.fixture
def harness(emulator: Any, tmp_path: Path) -> Iterator[Harness]:
    (tmp_path / "services").mkdir()
    yield Harness(emulator, tmp_path)
