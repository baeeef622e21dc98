"""A throwaway repository (services/ + vcl/) per test, and a loader bound to it."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path

import pytest

from fastlysync.spec import LoadResult, load_specs

Files = Mapping[str, str | bytes]


def write_repo(root: Path, files: Files) -> Path:
    (root / "services").mkdir(parents=True, exist_ok=True)
    (root / "vcl").mkdir(exist_ok=True)
    for name, content in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    return root


@pytest.fixture
def repo(tmp_path: Path) -> Callable[..., Path]:
    def make(files: Files) -> Path:
        return write_repo(tmp_path / "repo", files)
    return make


@pytest.fixture
def load(repo: Callable[..., Path]) -> Callable[..., LoadResult]:
    """load(spec_text, env={}, **extra_files) -> LoadResult for services/s.yaml."""

    def run(spec: str | bytes, env: Mapping[str, str] | None = None,
            files: Files | None = None) -> LoadResult:
        root = repo({"services/s.yaml": spec, **(files or {})})
        return load_specs(root=root, env=env or {})

    return run

