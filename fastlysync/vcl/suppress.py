"""Ignore comments.

    set req.http.X = 1;  # fastlysync: ignore[VCL404]      this line
    # fastlysync: ignore[unreachable-code]                  the next line
    # fastlysync: ignore-next-line[VCL404, VCL402]          the next line
    # fastlysync: ignore-start[VCL504] ... # fastlysync: ignore-end   a block
    # fastlysync: ignore-file[VCL201]                       the whole file

Without `[...]` every rule is ignored. falco's `falco-ignore`, `falco-ignore-next-line`,
`falco-ignore-start` and `falco-ignore-end` comments (rules separated by spaces or commas, falco
rule names mapped to ours) are honoured too. Syntax errors cannot be ignored.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from .diagnostic import Diagnostic
from .records import field, record

TYPE_CHECKING = False  # typing itself costs a cold lint its import
if TYPE_CHECKING:
    from .ast import Comment

ALL = "*"
_OWN = re.compile(
    r"fastlysync:\s*(ignore-next-line|ignore-start|ignore-end|ignore-file|ignore)\b"
    r"(?:\s*\[([^\]]*)\])?",
    re.IGNORECASE,
)
_FALCO = re.compile(
    r"falco-(ignore-next-line|ignore-start|ignore-end|ignore)\b([^\n*]*)", re.IGNORECASE
)


def _codes(text: str | None) -> set[str]:
    from .registry import find

    if text is None or not text.strip():
        return {ALL}
    out: set[str] = set()
    for part in re.split(r"[\s,]+", text.strip()):
        if not part:
            continue
        rule = find(part)
        out.add(rule.code if rule is not None else part.upper())
    return out or {ALL}


@record
class Suppressions:
    lines: dict[int, set[str]] = field(default_factory=dict)
    blocks: list[tuple[int, int, set[str]]] = field(default_factory=list)
    whole_file: set[str] = field(default_factory=set)

    def __bool__(self) -> bool:
        return bool(self.lines or self.blocks or self.whole_file)

    def hides(self, d: Diagnostic) -> bool:
        if d.code == "VCL001":
            return False
        if ALL in self.whole_file or d.code in self.whole_file:
            return True
        codes = self.lines.get(d.line)
        if codes and (ALL in codes or d.code in codes):
            return True
        for start, end, block in self.blocks:
            if start <= d.line <= end and (ALL in block or d.code in block):
                return True
        return False

    def filter(self, diagnostics: Iterable[Diagnostic]) -> list[Diagnostic]:
        return [d for d in diagnostics if not self.hides(d)]


def collect(text: str, comments: Iterable[Comment], line_offset: int = 0) -> Suppressions:
    """Suppressions declared by the comments of one file (lines shifted by `line_offset`)."""
    result = Suppressions()
    lines: list[str] | None = None
    open_blocks: list[tuple[int, set[str]]] = []
    for comment in comments:
        body = comment.text
        if "fastlysync" not in body and "falco-" not in body:
            continue
        match = _OWN.search(body)
        if match:
            kind, codes = match.group(1).lower(), _codes(match.group(2))
        else:
            match = _FALCO.search(body)
            if not match:
                continue
            kind, codes = match.group(1).lower(), _codes(match.group(2))
        if lines is None:
            lines = text.splitlines()
        line = comment.line
        shifted = line + line_offset
        if kind == "ignore-file":
            result.whole_file |= codes
        elif kind == "ignore-start":
            open_blocks.append((shifted, codes))
        elif kind == "ignore-end":
            if open_blocks:
                start, block = open_blocks.pop()
                result.blocks.append((start, shifted, block))
        elif kind == "ignore" and _has_code_before(lines, line, comment.column):
            result.lines.setdefault(shifted, set()).update(codes)
        else:
            target = _next_code_line(lines, comment.end_line or line)
            result.lines.setdefault(target + line_offset, set()).update(codes)
            if kind == "ignore":
                result.lines.setdefault(shifted, set()).update(codes)
    for start, block in open_blocks:  # an unclosed start runs to the end of the file
        result.blocks.append((start, 10**9, block))
    return result


def _has_code_before(lines: list[str], line: int, column: int) -> bool:
    if not 1 <= line <= len(lines):
        return False
    return bool(lines[line - 1][: max(column - 1, 0)].strip())


def _next_code_line(lines: list[str], after: int) -> int:
    for number in range(after + 1, len(lines) + 1):
        stripped = lines[number - 1].strip()
        if stripped and not stripped.startswith(("#", "//")):
            return number
    return after + 1
