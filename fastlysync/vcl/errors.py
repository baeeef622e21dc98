"""Syntax diagnostics: where the parse failed, in plain words, with the source line and a caret."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from .records import field, record

TYPE_CHECKING = False  # typing itself costs a cold lint its import
if TYPE_CHECKING:
    from typing import Any

SYNTAX_CODE = "VCL001"
SYNTAX_NAME = "syntax-error"

# Named terminals of grammar/vcl.lark in plain words.
TERMINAL_WORDS: dict[str, str] = {
    "IDENT": "a name",
    "LABEL": "a label",
    "PROP_NAME": "a property such as .host",
    "STRING": "a string",
    "LONG_STRING": 'a long string {"..."}',
    "INT": "an integer",
    "FLOAT": "a number",
    "RTIME": "a relative time such as 10s",
    "PERCENT": "a percentage",
    "CMP_OP": "a comparison operator",
    "ASSIGN_OP": "an assignment operator ('=', '+=', ...)",
    "SYNTHETIC": "'synthetic'",
    "$END": "end of file",
}

# Keywords that start a statement / a declaration, and terminals that start an expression.
_STATEMENT_STARTS = frozenset({
    "declare", "set", "unset", "remove", "add", "call", "error", "restart", "return", "esi",
    "log", "goto", "if", "switch", "break", "fallthrough", "include",
})
_DECLARATION_STARTS = frozenset({
    "acl", "backend", "director", "table", "ratecounter", "penaltybox", "include", "import",
    "pragma", "sub",
})
_EXPRESSION_STARTS = frozenset(
    {"IDENT", "STRING", "LONG_STRING", "INT", "FLOAT", "RTIME", "PERCENT"}
)
_EXPRESSION_START_LITERALS = frozenset({"(", "!", "-", "+", "if"})
_OPERATOR_LITERALS = frozenset({"&&", "||", "+", "-"})
# Punctuation in the order it is most likely the missing piece.
_PUNCTUATION_ORDER = (";", ")", "}", "{", ",", ":", "=", "(")


def describe_expected(expected: Iterable[str], literals: Mapping[str, str]) -> list[str]:
    """Turn terminal names into a short list of plain words, grouping the long sets."""
    names = set(expected)
    lit = {n: literals.get(n) for n in names}
    keywords = {w for w in lit.values() if w}
    out: list[str] = []
    tail: list[str] = []

    if len(keywords & _STATEMENT_STARTS) >= 8:
        names = {n for n in names if lit[n] not in _STATEMENT_STARTS and lit[n] != "{"
                 and n not in ("LABEL", "IDENT", "SYNTHETIC")}
        out.append("a statement")
    elif len(keywords & _DECLARATION_STARTS) >= 6:
        names = {n for n in names if lit[n] not in _DECLARATION_STARTS}
        out.append("a declaration (sub, acl, backend, director, table, include, ...)")

    after_operand = "CMP_OP" in names or bool(keywords & {"&&", "||"})
    if after_operand:
        names = {n for n in names if n != "CMP_OP" and lit.get(n) not in _OPERATOR_LITERALS
                 and n not in _EXPRESSION_STARTS
                 and lit.get(n) not in _EXPRESSION_START_LITERALS}
        tail.append("an operator")
    elif names >= _EXPRESSION_STARTS:
        names = {n for n in names if n not in _EXPRESSION_STARTS
                 and lit.get(n) not in _EXPRESSION_START_LITERALS}
        out.append("an expression")

    def key(name: str) -> tuple[int, int, str]:
        literal = literals.get(name)
        if literal in _PUNCTUATION_ORDER:
            return (0, _PUNCTUATION_ORDER.index(literal), literal)
        if literal is not None and not literal.isalpha():
            return (1, 0, literal)
        return (2, 0, literal or TERMINAL_WORDS.get(name, name))

    punctuation = []
    for name in sorted(names, key=key):
        if name in literals:
            punctuation.append(f"'{literals[name]}'")
        else:
            punctuation.append(TERMINAL_WORDS.get(name, name))
    return punctuation + out + tail


def join_words(words: list[str], limit: int = 6) -> str:
    if len(words) > limit:
        words = [*words[:limit], "..."]
    if len(words) <= 1:
        return "".join(words)
    return ", ".join(words[:-1]) + " or " + words[-1]


@record(slots=True)
class SyntaxDiagnostic:
    """One parse problem. Lines and columns are 1-based; ``end_column`` is exclusive."""

    path: str
    line: int
    column: int
    message: str
    end_line: int = 0
    end_column: int = 0
    source_line: str = ""
    expected: tuple[str, ...] = field(default_factory=tuple)
    code: str = SYNTAX_CODE
    name: str = SYNTAX_NAME
    severity: str = "error"

    def __post_init__(self) -> None:
        if not self.end_line:
            self.end_line = self.line
        if not self.end_column or (self.end_line == self.line and self.end_column <= self.column):
            self.end_column = self.column + 1

    def location(self) -> str:
        return f"{self.path}:{self.line}:{self.column}"

    def __str__(self) -> str:
        return f"{self.location()}: {self.message}"

    def caret(self) -> str:
        """The source line and a ``^~~~`` marker under the offending text ('' if no source)."""
        if not self.source_line:
            return ""
        src = self.source_line.rstrip("\r\n")
        prefix = "".join(ch if ch == "\t" else " " for ch in src[: max(self.column - 1, 0)])
        width = 1
        if self.end_line == self.line:
            width = max(1, min(self.end_column, len(src) + 1) - self.column)
        return f"{src}\n{prefix}^{'~' * (width - 1)}"

    def render(self) -> str:
        """``path:line:col: message [VCL001]`` followed by the source line and caret."""
        head = f"{self} [{self.code}]"
        body = self.caret()
        return f"{head}\n{body}" if body else head

    def fastly_message(self) -> str:
        """The way Fastly's VCL compiler words it (used by the emulator)."""
        return f"Syntax error: {self.message} at: (input Line {self.line} Pos {self.column})"

    def to_dict(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
            "code": self.code,
            "name": self.name,
            "severity": self.severity,
            "message": self.message,
        }
