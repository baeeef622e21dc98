"""VCL files that specs point at with `file:`, relative to the repository's `vcl/` folder."""

from __future__ import annotations

from pathlib import Path, PurePosixPath, PureWindowsPath

from .errors import SpecProblem
from .yamlread import read_text

VCL_DIR = "vcl"
MAX_VCL_BYTES = 1024 * 1024
"""Fastly's limit for one custom VCL file (1 MB); snippets share it."""


def vcl_path(root: Path, relative: str) -> Path:
    """Where `file: relative` points, after checking it stays inside the repository."""
    if not relative.strip():
        raise SpecProblem("file is empty: give a path under vcl/")
    if "\0" in relative:
        raise SpecProblem("file name contains a NUL byte")
    if PurePosixPath(relative).is_absolute() or PureWindowsPath(relative).is_absolute():
        raise SpecProblem(f"file {relative!r} must be relative to the repository's vcl/ folder")
    candidate = root / VCL_DIR / relative
    real_root = root.resolve()
    try:
        real = candidate.resolve()
    except (OSError, RuntimeError) as exc:  # symlink loops
        raise SpecProblem(f"file {relative!r} cannot be resolved: {exc}") from None
    if not real.is_relative_to(real_root):
        raise SpecProblem(f"file {relative!r} points outside the repository ({real_root})")
    if not real.exists():
        raise SpecProblem(f"file {relative!r} does not exist (looked for "
                          f"{VCL_DIR}/{PurePosixPath(relative)})")
    if not real.is_file():
        raise SpecProblem(f"file {relative!r} is not a regular file")
    return candidate


def read_vcl(root: Path, relative: str) -> str:
    """The VCL text: UTF-8, no NUL bytes, at most MAX_VCL_BYTES."""
    path = vcl_path(root, relative)
    try:
        return read_text(path, MAX_VCL_BYTES, what=f"VCL file {relative!r}")
    except SpecProblem as problem:
        where = f" (at line {problem.line}, column {problem.column})" if problem.line else ""
        raise SpecProblem(problem.message + where) from None
