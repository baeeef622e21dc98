"""What the CLI tests share: a repository written to disk, and `fastlysync` run in-process
against the emulator with the API endpoint and token in its environment."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from click.testing import CliRunner, Result

from fastlysync.cli.main import cli


def write_repo(root: Path, files: Mapping[str, str]) -> Path:
    """`services/` and `vcl/` under `root`, plus `files` (relative path -> text)."""
    (root / "services").mkdir(parents=True, exist_ok=True)
    (root / "vcl").mkdir(exist_ok=True)
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    return root


def api_env(emulator: Any, token: str | None = None) -> dict[str, str]:
    return {"FASTLY_API_ENDPOINT": emulator.url, "FASTLY_API_TOKEN": token or emulator.token}


def invoke(emulator: Any, *args: str, token: str | None = None,
           env: Mapping[str, str | None] | None = None) -> Result:
    """`fastlysync *args` against the emulator; `env` adds to (or overrides) its variables."""
    return CliRunner().invoke(cli, list(args), env={**api_env(emulator, token), **(env or {})},
                              catch_exceptions=False)
