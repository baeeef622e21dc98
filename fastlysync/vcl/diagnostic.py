"""The one finding type shared by syntax errors and lint rules."""

from __future__ import annotations

from .records import as_dict, record

TYPE_CHECKING = False  # typing itself costs a cold lint its import
if TYPE_CHECKING:
    from typing import Any

SEVERITIES = ("error", "warning", "info")
SEVERITY_RANK = {"error": 0, "warning": 1, "info": 2}


@record(slots=True)
class Diagnostic:
    path: str
    line: int
    column: int
    end_line: int
    end_column: int
    code: str
    name: str
    severity: str
    """error, warning or info."""
    message: str

    def to_dict(self) -> dict[str, Any]:
        return as_dict(self)

    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.path, self.line, self.column, self.code)

    def location(self) -> str:
        return f"{self.path}:{self.line}:{self.column}"
