"""Read a YAML test file: hostile input refused early, every problem reported as file:line."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from pydantic import ValidationError

from fastlysync.spec.errors import SpecProblem
from fastlysync.spec.nodes import Positions, YMap, to_python
from fastlysync.spec.yamlread import parse_yaml, read_text

from .model import TestFileModel

MAX_TEST_FILE_BYTES = 2 * 1024 * 1024


@dataclass
class LoadError(Exception):
    path: str
    line: int
    column: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}: {self.message}"


@dataclass
class TestFile:
    __test__ = False  # not a pytest class

    path: Path
    model: TestFileModel
    positions: Positions

    def case_line(self, index: int) -> int:
        return self.positions.locate(("cases", index))[0]


def is_test_file(path: Path) -> bool:
    """A YAML file is a behaviour test file when it has a top-level ``cases`` key."""
    try:
        node = parse_yaml(read_text(path, MAX_TEST_FILE_BYTES, "test file"))
    except SpecProblem:
        return True  # let load() report it
    return isinstance(node, YMap) and "cases" in node.entries


def load_test_file(path: Path) -> TestFile:
    shown = str(path)
    try:
        node = parse_yaml(read_text(path, MAX_TEST_FILE_BYTES, "test file"))
    except SpecProblem as exc:
        raise LoadError(shown, exc.line or 1, exc.column or 1, exc.message) from None
    if not isinstance(node, YMap):
        raise LoadError(shown, 1, 1, "a test file is a mapping with a `cases` list")
    positions = Positions()
    data = to_python(node, positions)
    try:
        model = TestFileModel.model_validate(data)
    except ValidationError as exc:
        err = exc.errors()[0]
        loc = tuple(p for p in err["loc"] if not (isinstance(p, str) and (
            p.startswith(("function-", "literal[", "BackendModel", "HeaderExpect",
                          "LogExpect", "str")))))
        line, column = _locate(positions, loc)
        where = ".".join(str(p) for p in loc)
        raise LoadError(shown, line, column, f"{where}: {err['msg']}" if where
                        else err["msg"]) from None
    if not model.service and not model.vcl:
        raise LoadError(shown, 1, 1, "say which service the cases run against: `service: NAME`"
                                     " (or `vcl: FILE`)")
    return TestFile(path, model, positions)


def _locate(positions: Positions, loc: tuple[object, ...]) -> tuple[int, int]:
    path = tuple(p for p in loc if isinstance(p, str | int))
    return positions.locate(path)
