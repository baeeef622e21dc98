"""Find test files and run them all: YAML cases and falco ``*.test.vcl`` files."""

from __future__ import annotations

from pathlib import Path

from fastlysync.spec import find_root
from fastlysync.spec.loader import SERVICES_DIR, display_path

from .falco import run_falco_file
from .load import LoadError, is_test_file, load_test_file
from .results import RunResult
from .run_yaml import run_file
from .services import ServiceError, Services

TESTS_DIR = "tests"
"""Default home of test files, beside services/ (top level only: YAML below it is not ours)."""
VCL_DIR = "vcl"


def _yaml_tests(folder: Path) -> list[Path]:
    """The YAML test files directly in ``folder`` (not below: YAML there is not ours)."""
    return sorted(p for p in folder.iterdir() if p.suffix in (".yaml", ".yml")
                  and p.is_file() and is_test_file(p))


def discover(paths: list[Path], root: Path) -> tuple[list[Path], list[str]]:
    """Test files under ``paths`` (default: tests/*.yaml and **/*.test.vcl of the repository)."""
    found: list[Path] = []
    problems: list[str] = []
    if not paths:
        tests = root / TESTS_DIR
        if tests.is_dir():
            found += _yaml_tests(tests)
        for folder in (tests, root / VCL_DIR, root / SERVICES_DIR):
            if folder.is_dir():
                found += sorted(folder.rglob("*.test.vcl"))
        return [display_path(p) for p in dict.fromkeys(found)], problems
    for path in paths:
        if path.is_dir():
            found += _yaml_tests(path)
            found += sorted(path.rglob("*.test.vcl"))
        elif path.is_file():
            found.append(path)
        else:
            problems.append(f"{path}: no such file or folder")
    return [display_path(p) for p in dict.fromkeys(found)], problems


def run_tests(paths: list[Path], trace: bool = False, root: Path | None = None) -> RunResult:
    root = root or find_root(paths[0] if paths else None)
    result = RunResult()
    files, result.problems = discover(paths, root)
    services = Services(root)
    for path in files:
        if path.name.endswith(".vcl"):
            cases, problem = run_falco_file(path, services)
            result.cases += cases
            if problem:
                result.problems.append(problem)
            continue
        try:
            tf = load_test_file(path)
            result.cases += run_file(tf, services, trace)
        except LoadError as exc:
            result.problems.append(str(exc))
        except ServiceError as exc:
            key = "vcl" if tf.model.vcl else "service"
            line, column = tf.positions.locate((key,))
            result.problems.append(f"{path}:{line}:{column}: {exc}")
    if not files and not result.problems:
        where = ", ".join(map(str, paths)) if paths else str(root / TESTS_DIR)
        result.problems.append(f"no test files found in {where}")
        result.none_found = True
    return result
