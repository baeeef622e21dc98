"""One problem in a spec, pointing into the YAML the user wrote."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import asdict, dataclass


@dataclass(frozen=True)
class SpecError:
    """A problem at `path:line:column` (1-based). Line 0 means the whole file (no position)."""

    path: str
    line: int
    column: int
    message: str

    def __str__(self) -> str:
        if self.line <= 0:
            return f"{self.path}: {self.message}"
        return f"{self.path}:{self.line}:{self.column}: {self.message}"

    def as_dict(self) -> dict[str, object]:
        return asdict(self)


class SpecProblem(Exception):
    """Raised inside the loader for a problem at a known position; turned into a SpecError."""

    def __init__(self, message: str, line: int = 0, column: int = 0) -> None:
        super().__init__(message)
        self.message = message
        self.line = line
        self.column = column


def did_you_mean(word: str, candidates: Iterable[str]) -> str:
    """` (did you mean 'x'?)` for the closest candidate, or nothing."""
    close = difflib.get_close_matches(word, sorted(set(candidates)), n=1, cutoff=0.6)
    return f" (did you mean {close[0]!r}?)" if close else ""


def sort_errors(errors: Iterable[SpecError]) -> list[SpecError]:
    """Stable, readable order: by file, then position; duplicates dropped."""
    unique = dict.fromkeys(errors)
    return sorted(unique, key=lambda e: (e.path, e.line, e.column))
