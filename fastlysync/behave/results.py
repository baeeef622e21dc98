"""What running tests produced: one ``CaseResult`` per case, grouped per file."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from fastlysync.interp.state import Step


@dataclass
class Mismatch:
    """One expectation that did not hold."""

    what: str
    expected: Any
    actual: Any

    def text(self) -> str:
        return f"{self.what}: expected {_show(self.expected)}, got {_show(self.actual)}"


def _show(value: Any) -> str:
    if isinstance(value, str):
        return repr(value)
    return "nothing" if value is None else str(value)


@dataclass
class CaseResult:
    name: str
    path: str
    line: int
    status: str = "passed"  # passed, failed, error, skipped
    mismatches: list[Mismatch] = field(default_factory=list)
    message: str = ""
    """Why an errored case stopped (unsupported function, runtime error, limit)."""
    trace: list[Step] = field(default_factory=list)
    subs: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return self.status in ("passed", "skipped")

    def to_dict(self, with_trace: bool = False) -> dict[str, Any]:
        out: dict[str, Any] = {
            "name": self.name, "path": self.path, "line": self.line, "status": self.status,
            "message": self.message, "seconds": round(self.seconds, 6),
            "mismatches": [{"what": m.what, "expected": _plain(m.expected),
                            "actual": _plain(m.actual)} for m in self.mismatches],
            "subroutines": self.subs, "notes": self.notes,
        }
        if with_trace:
            out["trace"] = [{"path": s.path, "line": s.line, "text": s.text, "depth": s.depth}
                            for s in self.trace]
        return out


def _plain(value: Any) -> Any:
    if value is None or isinstance(value, str | int | float | bool | list | dict):
        return value
    return str(value)


@dataclass
class RunResult:
    cases: list[CaseResult] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    """Files that could not be run at all (bad YAML, VCL that does not parse), as file:line."""
    none_found: bool = False
    """No test file at all (its message is the one problem; no file went unrun)."""

    def count(self, status: str) -> int:
        return sum(c.status == status for c in self.cases)

    @property
    def ok(self) -> bool:
        return not self.problems and all(c.ok for c in self.cases)
