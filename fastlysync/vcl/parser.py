"""Parse Fastly VCL into the AST of ``fastlysync.vcl.ast``.

``parse(source, path, mode=...)`` never raises on bad input: binary data, bad UTF-8, oversized
files, templates and syntax errors all come back as ``SyntaxDiagnostic``s. Lark is not needed
at run time (``grammar.py`` ships the compiled tables), so import and first parse stay cheap.
"""

from __future__ import annotations

import _thread
import gc
import re

from fastlysync.vcl import ast as A
from fastlysync.vcl.driver import Engine, LexError, ParseError, Token, make_engine
from fastlysync.vcl.errors import SyntaxDiagnostic, describe_expected, join_words
from fastlysync.vcl.records import field, record

TYPE_CHECKING = False  # typing itself costs a cold lint its import
if TYPE_CHECKING:
    from typing import Any, Literal

__all__ = ["MAX_SOURCE_BYTES", "ParseResult", "parse", "warm_up"]

if TYPE_CHECKING:
    Mode = Literal["file", "statements", "expression"]

# Fastly refuses a custom VCL file or a snippet over 1 MB (1,048,576 bytes: the "VCL file size"
# row of Fastly's VCL constraints page; falco's MaxCustomVCLFileSize). Bigger input is reported
# and still parsed, for its other findings, up to 4 MiB; beyond that it is not VCL anyone can
# upload, so rather than spend seconds on it we only say so.
FASTLY_MAX_VCL_BYTES = 1024 * 1024
MAX_SOURCE_BYTES = 4 * 1024 * 1024
MAX_ERRORS = 20

_ACTION_RE = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")
_TOP_LEVEL_RE = re.compile(
    r"^(?:sub|acl|backend|director|table|ratecounter|penaltybox|include|import|pragma)\b", re.M
)
_TEMPLATE_RE = re.compile(r"\$\{|<%|%\{[ ~]*(?:if|for|else|endif|endfor)\b|####[A-Z][A-Z0-9_]*####")
_LONG_OPEN_RE = re.compile(r"\{[A-Za-z0-9_]*\"")


@record(slots=True)
class ParseResult:
    """``program`` is None when the input had errors; ``diagnostics`` then says why."""

    program: A.Program | None
    diagnostics: list[SyntaxDiagnostic] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.program is not None and not self.diagnostics

    @property
    def expression(self) -> A.Expression | None:
        """The parsed expression of ``mode="expression"`` input."""
        if self.program and self.program.declarations:
            root = self.program.declarations[0]
            if isinstance(root, A.ExpressionRoot):
                return root.expr
        return None

    @property
    def statements(self) -> list[A.Statement]:
        """The statements of ``mode="statements"`` input."""
        if self.program and self.program.declarations:
            root = self.program.declarations[0]
            if isinstance(root, A.StatementList):
                return root.statements
        return []


class _TransformError(Exception):
    """A construct the grammar accepts but VCL does not (e.g. ``declare foo var.x STRING``)."""

    def __init__(self, at: Any, message: str) -> None:
        super().__init__(message)
        self.at = at
        self.message = message


# --------------------------------------------------------------------------- builder helpers

# Hot builders fill a node's slots directly rather than through its generated __init__.
_new = object.__new__


def _at(node: Any, first: Any, last: Any) -> Any:
    node.line = first.line
    node.column = first.column
    node.end_line = last.end_line
    node.end_column = last.end_column
    return node


def _tt(node: Any, first: Any, last: Any) -> Any:
    """``_at`` for a span from token to token (tokens are tuples: index beats property)."""
    node.line = first[3]
    node.column = first[4]
    node.end_line = last[5]
    node.end_column = last[6]
    return node


def _tn(node: Any, first: Any, last: Any) -> Any:
    node.line = first[3]
    node.column = first[4]
    node.end_line = last.end_line
    node.end_column = last.end_column
    return node


def _nt(node: Any, first: Any, last: Any) -> Any:
    node.line = first.line
    node.column = first.column
    node.end_line = last[5]
    node.end_column = last[6]
    return node


def _nodes(children: list[Any]) -> list[Any]:
    return [c for c in children if isinstance(c, A.Node)]


def _name(x: Any) -> A.Ident:
    """A name position (IDENT in the grammar) as an Ident, even if it spelled true/false."""
    if type(x) is A.Ident:
        return x
    return _at(A.Ident(_word(x)), x, x)  # type: ignore[no-any-return]


def _word(x: Any) -> str:
    """The source text of an IDENT position."""
    if type(x) is A.Ident:
        return x.name
    if type(x) is A.BoolLit:
        return "true" if x.value else "false"
    return str(x.value)


def _raw(x: Any) -> str:
    """Source text of a literal or name (pragma arguments)."""
    raw = getattr(x, "raw", None)
    return raw if isinstance(raw, str) else _word(x)


class _Else:
    __slots__ = ("block",)

    def __init__(self, block: A.Block) -> None:
        self.block = block


class _Params(list):  # type: ignore[type-arg]
    """The parameter list of a sub (a list, but distinguishable from a return type)."""


# --------------------------------------------------------------------------- the builder


class _Builder:
    """One method per grammar rule (or ``->`` alias), called as the rule is reduced with its
    children already built: AST nodes, literal nodes made by the lexer, and tokens for
    keywords and punctuation (which give each node its exact start and end)."""

    # ---- entry points
    def file(self, c: list[Any]) -> list[Any]:
        return c

    def statements(self, c: list[Any]) -> list[Any]:
        return c

    def expression(self, c: list[Any]) -> Any:
        return c[0]

    # ---- declarations
    def acl(self, c: list[Any]) -> A.Acl:
        return _tt(A.Acl(_name(c[1]), _nodes(c[3:-1])), c[0], c[-1])  # type: ignore[no-any-return]

    def acl_entry(self, c: list[Any]) -> A.AclEntry:
        negated = type(c[0]) is Token
        lit = c[1] if negated else c[0]
        address = _at(A.IPLit(lit.value), lit, lit)
        prefix = c[-2].value if isinstance(c[-2], A.IntLit) else None
        return _at(A.AclEntry(address, prefix, negated), c[0], c[-1])  # type: ignore[no-any-return]

    def backend(self, c: list[Any]) -> A.Backend:
        return _tt(A.Backend(_name(c[1]), c[3:-1]), c[0], c[-1])  # type: ignore[no-any-return]

    def property(self, c: list[Any]) -> A.Property:
        node = _new(A.Property)
        node.name = c[0][1][1:]
        node.value = c[2]
        return _at(node, c[0], c[-1])  # type: ignore[no-any-return]

    def object(self, c: list[Any]) -> A.ObjectValue:
        return _tt(A.ObjectValue(c[1:-1]), c[0], c[-1])  # type: ignore[no-any-return]

    def director(self, c: list[Any]) -> A.Director:
        items = c[4:-1]
        props = [x for x in items if type(x) is A.Property]
        backends = [x for x in items if type(x) is A.DirectorBackend]
        node = A.Director(_name(c[1]), _word(c[2]), props, backends)
        return _tt(node, c[0], c[-1])  # type: ignore[no-any-return]

    def director_backend(self, c: list[Any]) -> A.DirectorBackend:
        return _tt(A.DirectorBackend(c[1:-1]), c[0], c[-1])  # type: ignore[no-any-return]

    def table(self, c: list[Any]) -> A.Table:
        typed = isinstance(c[2], A.Node)
        entries = [x for x in c[4 if typed else 3 : -1] if type(x) is A.TableEntry]
        node = A.Table(_name(c[1]), _word(c[2]) if typed else None, entries)
        return _tt(node, c[0], c[-1])  # type: ignore[no-any-return]

    def table_entry(self, c: list[Any]) -> A.TableEntry:
        return _at(A.TableEntry(c[0], c[2]), c[0], c[-1])  # type: ignore[no-any-return]

    def negative(self, c: list[Any]) -> A.Expression:
        lit = c[1]
        node: A.Expression
        if isinstance(lit, A.IntLit):
            node = A.IntLit(-lit.value, "-" + lit.raw)
        else:
            node = A.FloatLit(-lit.value, "-" + lit.raw)
        return _tn(node, c[0], lit)  # type: ignore[no-any-return]

    def ratecounter(self, c: list[Any]) -> A.RateCounter:
        return _tt(A.RateCounter(_name(c[1]), c[3:-1]), c[0], c[-1])  # type: ignore[no-any-return]

    def penaltybox(self, c: list[Any]) -> A.PenaltyBox:
        return _tt(A.PenaltyBox(_name(c[1]), c[3:-1]), c[0], c[-1])  # type: ignore[no-any-return]

    def include(self, c: list[Any]) -> A.Include:
        return _at(A.Include(c[1].value), c[0], c[-1])  # type: ignore[no-any-return]

    def include_statement(self, c: list[Any]) -> A.IncludeStatement:
        return _at(A.IncludeStatement(c[1].value), c[0], c[-1])  # type: ignore[no-any-return]

    def import_decl(self, c: list[Any]) -> A.Import:
        return _tt(A.Import(_word(c[1])), c[0], c[-1])  # type: ignore[no-any-return]

    def pragma(self, c: list[Any]) -> A.Pragma:
        node = A.Pragma(_word(c[1]), [_raw(x) for x in c[2:-1]])
        return _tt(node, c[0], c[-1])  # type: ignore[no-any-return]

    def subroutine(self, c: list[Any]) -> A.Subroutine:
        params: list[A.Param] = []
        return_type = None
        for item in c[2:-1]:
            if isinstance(item, _Params):
                params = list(item)
            else:
                return_type = _word(item)
        node = A.Subroutine(_name(c[1]), params, return_type, c[-1])
        return _tn(node, c[0], c[-1])  # type: ignore[no-any-return]

    def params(self, c: list[Any]) -> _Params:
        return _Params(x for x in c if type(x) is A.Param)

    def param(self, c: list[Any]) -> A.Param:
        return _at(A.Param(_word(c[0]), _name(c[1])), c[0], c[1])  # type: ignore[no-any-return]

    # ---- statements
    def block(self, c: list[Any]) -> A.Block:
        node = _new(A.Block)
        node.statements = c[1:-1]
        return _tt(node, c[0], c[-1])  # type: ignore[no-any-return]

    def declare(self, c: list[Any]) -> A.Declare:
        scope = _word(c[1])
        if scope not in ("local", "block"):
            raise _TransformError(c[1], f"expected 'local' after 'declare', found '{scope}'")
        value = c[5] if len(c) > 5 else None
        node = A.Declare(_name(c[2]), _word(c[3]), value, scope)
        return _tt(node, c[0], c[-1])  # type: ignore[no-any-return]

    def set(self, c: list[Any]) -> A.Set:
        return _tt(A.Set(_name(c[1]), c[2][1], c[3]), c[0], c[-1])  # type: ignore[no-any-return]

    def add(self, c: list[Any]) -> A.Add:
        return _tt(A.Add(_name(c[1]), c[2][1], c[3]), c[0], c[-1])  # type: ignore[no-any-return]

    def unset(self, c: list[Any]) -> A.Unset:
        return _tt(A.Unset(_name(c[1])), c[0], c[-1])  # type: ignore[no-any-return]

    def remove(self, c: list[Any]) -> A.Remove:
        return _tt(A.Remove(_name(c[1])), c[0], c[-1])  # type: ignore[no-any-return]

    def call(self, c: list[Any]) -> A.Call:
        return _tt(A.Call(_name(c[1]), _nodes(c[2:])), c[0], c[-1])  # type: ignore[no-any-return]

    def error(self, c: list[Any]) -> A.Error:
        parts = c[1:-1]
        status = parts[0] if parts else None
        response = parts[1] if len(parts) > 1 else None
        return _tt(A.Error(status, response), c[0], c[-1])  # type: ignore[no-any-return]

    def restart(self, c: list[Any]) -> A.Restart:
        return _tt(A.Restart(), c[0], c[-1])  # type: ignore[no-any-return]

    def esi(self, c: list[Any]) -> A.Esi:
        return _tt(A.Esi(), c[0], c[-1])  # type: ignore[no-any-return]

    def break_(self, c: list[Any]) -> A.Break:
        return _tt(A.Break(), c[0], c[-1])  # type: ignore[no-any-return]

    def fallthrough(self, c: list[Any]) -> A.Fallthrough:
        return _tt(A.Fallthrough(), c[0], c[-1])  # type: ignore[no-any-return]

    def return_(self, c: list[Any]) -> A.Return:
        node = A.Return()
        if len(c) == 3:
            value = c[1]
            if type(value) is A.Grouped:
                node.parenthesized = True
                inner = value.expr
                if type(inner) is A.Ident and _ACTION_RE.match(inner.name):
                    node.action = inner.name
                else:
                    node.value = inner
            else:
                node.value = value
        return _tt(node, c[0], c[-1])  # type: ignore[no-any-return]

    def synthetic(self, c: list[Any]) -> A.Synthetic:
        node = A.Synthetic(c[1], c[0][1].endswith(".base64"))
        return _tt(node, c[0], c[-1])  # type: ignore[no-any-return]

    def log(self, c: list[Any]) -> A.Log:
        return _tt(A.Log(c[1]), c[0], c[-1])  # type: ignore[no-any-return]

    def goto(self, c: list[Any]) -> A.Goto:
        return _tt(A.Goto(_word(c[1])), c[0], c[-1])  # type: ignore[no-any-return]

    def expr_statement(self, c: list[Any]) -> A.ExprStatement:
        return _nt(A.ExprStatement(c[0]), c[0], c[-1])  # type: ignore[no-any-return]

    def if_(self, c: list[Any]) -> A.If:
        first = _tn(A.IfBranch(c[2], c[4], "if"), c[0], c[4])
        branches = [first]
        else_block = None
        for item in c[5:]:
            if type(item) is A.IfBranch:
                branches.append(item)
            else:
                else_block = item.block
        last = else_block or branches[-1]
        return _tn(A.If(branches, else_block), c[0], last)  # type: ignore[no-any-return]

    def elif_(self, c: list[Any]) -> A.IfBranch:
        # The commonest node of long redirect maps: built slot by slot, without __init__.
        node = _new(A.IfBranch)
        keyword = c[0]
        if keyword[1] == "else":
            node.condition = c[3]
            node.keyword = "else if"
        else:
            node.condition = c[2]
            node.keyword = keyword[1]
        node.block = block = c[-1]
        node.line = keyword[3]
        node.column = keyword[4]
        node.end_line = block.end_line
        node.end_column = block.end_column
        return node  # type: ignore[no-any-return]

    def else_(self, c: list[Any]) -> _Else:
        return _Else(c[1])

    def switch(self, c: list[Any]) -> A.Switch:
        cases = [x for x in c[5:-1] if type(x) is A.Case]
        return _tt(A.Switch(c[2], cases), c[0], c[-1])  # type: ignore[no-any-return]

    def case(self, c: list[Any]) -> A.Case:
        if c[0][1] == "default":
            value, regex, body = None, False, c[2:]
        else:
            regex, value = c[1]
            body = c[3:]
        fall = bool(body) and type(body[-1]) is A.Fallthrough
        last = body[-1] if body else c[2]
        return _at(A.Case(value, body, fall, regex), c[0], last)  # type: ignore[no-any-return]

    def case_value(self, c: list[Any]) -> tuple[bool, A.Expression]:
        return (len(c) == 2, c[-1])

    # ---- expressions
    def binary(self, c: list[Any]) -> A.Binary:
        node = _new(A.Binary)
        node.op = c[1][1]
        node.left = left = c[0]
        node.right = right = c[2]
        return _at(node, left, right)  # type: ignore[no-any-return]

    def concat_plus(self, c: list[Any]) -> A.Concat:
        return self._concat(c[0], c[2], True)

    def concat(self, c: list[Any]) -> A.Concat:
        return self._concat(c[0], c[1], False)

    @staticmethod
    def _concat(left: A.Expression, right: A.Expression, explicit: bool) -> A.Concat:
        if type(left) is A.Concat:
            left.parts.append(right)
            left.explicit.append(explicit)
            left.end_line, left.end_column = right.end_line, right.end_column
            return left
        return _at(A.Concat([left, right], [explicit]), left, right)  # type: ignore[no-any-return]

    def unary(self, c: list[Any]) -> A.Unary:
        return _tn(A.Unary(c[0][1], c[1]), c[0], c[1])  # type: ignore[no-any-return]

    def grouped(self, c: list[Any]) -> A.Grouped:
        node = _new(A.Grouped)
        node.expr = c[1]
        return _tt(node, c[0], c[2])  # type: ignore[no-any-return]

    def function_call(self, c: list[Any]) -> A.FunctionCall:
        node = A.FunctionCall(_word(c[0]), _nodes(c[2:-1]))
        return _nt(node, c[0], c[-1])  # type: ignore[no-any-return]

    def if_expr(self, c: list[Any]) -> A.IfExpr:
        return _tt(A.IfExpr(c[2], c[4], c[6]), c[0], c[-1])  # type: ignore[no-any-return]


# Rule names that clash with Python keywords.
for _rule, _method in (("if", "if_"), ("elif", "elif_"), ("else", "else_"),
                       ("return", "return_"), ("break", "break_")):
    setattr(_Builder, _rule, getattr(_Builder, _method))


# --------------------------------------------------------------------------- engine


_engine: Engine | None = None
_engine_lock = _thread.allocate_lock()  # (threading itself is a cold-start cost)


def _get_engine() -> Engine:
    global _engine
    if _engine is None:
        with _engine_lock:
            if _engine is None:
                _engine = make_engine(_Builder())
    return _engine


def warm_up() -> None:
    """Load the grammar tables now (e.g. before timing something)."""
    _get_engine()


def literals() -> dict[str, str]:
    """Terminal name -> literal text, for keyword and punctuation terminals."""
    tables = _get_engine().tables
    return {name: lit for name, (_, lit) in tables.terminals.items() if lit}


# --------------------------------------------------------------------------- diagnostics


def _line_at(text: str, line: int) -> str:
    start = _line_offset(text, line)
    end = text.find("\n", start)
    return text[start:] if end < 0 else text[start:end]


def _line_offset(text: str, line: int) -> int:
    pos = 0
    for _ in range(line - 1):
        nxt = text.find("\n", pos)
        if nxt < 0:
            return len(text)
        pos = nxt + 1
    return pos


def _pos_to_line_col(text: str, pos: int) -> tuple[int, int]:
    line = text.count("\n", 0, pos) + 1
    return line, pos - (text.rfind("\n", 0, pos) + 1) + 1


def _diag(path: str, text: str, line: int, column: int, message: str, *,
          end_line: int = 0, end_column: int = 0,
          expected: tuple[str, ...] = ()) -> SyntaxDiagnostic:
    return SyntaxDiagnostic(path, line, column, message, end_line, end_column,
                            _line_at(text, line), expected)


def _describe_token(tok: Token) -> str:
    if tok.type == "$END":
        return "end of file"
    value = tok.value
    if len(value) > 40:
        value = value[:37] + "..."
    return f"'{value}'"


def _error_from_exception(exc: Exception, text: str, path: str, names: dict[str, str],
                          engine: Engine) -> tuple[SyntaxDiagnostic, bool]:
    """Diagnostic for one parse exception; the flag says whether recovery makes sense."""
    if isinstance(exc, _TransformError):
        at = exc.at
        return _diag(path, text, at.line, at.column, exc.message, end_line=at.end_line,
                     end_column=at.end_column), True

    if isinstance(exc, LexError):
        pos, line, col = exc.pos, exc.line, exc.column
        if _LONG_OPEN_RE.match(text, pos):
            return _unterminated_long(text, path, pos), False
        if text.startswith("/*", pos):
            return _diag(path, text, line, col, "unterminated comment: '/*' has no closing '*/'",
                         end_column=col + 2), False
        char = text[pos] if pos < len(text) else ""
        if char == '"':
            return _diag(path, text, line, col,
                         "unterminated string: a \"...\" string must close on the same line "
                         '(use {"..."} for multi-line text)'), True
        words = describe_expected(exc.allowed, names)
        found = f"unexpected character {char!r}"
        msg = f"{found}; expected {join_words(words)}" if words else found
        return _diag(path, text, line, col, msg, expected=tuple(words)), True

    if isinstance(exc, ParseError):
        tok = exc.token
        if tok.type != "$END" and text.startswith("/*", tok.start_pos):
            return _diag(path, text, tok.line, tok.column,
                         "unterminated comment: '/*' has no closing '*/'",
                         end_column=tok.column + 2), False
        if tok.type == "LBRACE" and _LONG_OPEN_RE.match(text, tok.start_pos):
            return _unterminated_long(text, path, tok.start_pos), False
        expected_set = engine.viable(exc.states, exc.expected) if exc.states else exc.expected
        words = describe_expected(expected_set, names)
        expected = f"expected {join_words(words)}" if words else "unexpected input"
        prev = exc.previous
        semicolon = names.get("SEMICOLON") == ";" and "SEMICOLON" in expected_set
        if semicolon and prev is not None and tok.line > prev.end_line:
            # The usual slip: a statement's ';' forgotten at the end of its line.
            line, col = prev.end_line, prev.end_column
            found = ("end of file" if tok.type == "$END"
                     else f"{_describe_token(tok)} on line {tok.line}")
            return _diag(path, text, line, col, f"missing ';' ({expected}, found {found})",
                         expected=tuple(words)), tok.type != "$END"
        if tok.type == "$END":
            line, col = (_pos_to_line_col(text, len(text.rstrip())) if text.strip()
                         else (1, 1))
            return _diag(path, text, line, col, f"{expected}, found end of file",
                         expected=tuple(words)), False
        return _diag(path, text, tok.line, tok.column, f"{expected}, found {_describe_token(tok)}",
                     end_line=tok.end_line, end_column=tok.end_column,
                     expected=tuple(words)), True

    return _diag(path, text, 1, 1, f"cannot parse: {exc}"), False


def _unterminated_long(text: str, path: str, pos: int) -> SyntaxDiagnostic:
    m = _LONG_OPEN_RE.match(text, pos)
    assert m is not None
    delim = m.group(0)[1:-1]
    line, col = _pos_to_line_col(text, pos)
    return _diag(path, text, line, col,
                 f"unterminated long string: '{m.group(0)}' has no closing '\"{delim}}}'",
                 end_column=col + len(m.group(0)))


def _template_diagnostic(text: str, path: str) -> SyntaxDiagnostic | None:
    m = _TEMPLATE_RE.search(text)
    if not m:
        return None
    line, col = _pos_to_line_col(text, m.start())
    marker = m.group(0)
    if marker == "<%":
        kind = "an ERB template ('<%')"
    elif marker.startswith("%{"):
        kind = "a Terraform template ('%{...}' directive)"
    elif marker.startswith("####"):
        kind = f"a template ('{marker}' placeholder, as in Fastly's Magento module)"
    else:
        kind = "a Terraform template ('${...}')"
    return _diag(path, text, line, col,
                 f"this file is {kind}, not VCL; render the template before linting it",
                 end_column=col + len(marker))


def _decode(source: str | bytes, path: str) -> tuple[str | None, SyntaxDiagnostic | None]:
    if isinstance(source, bytes | bytearray | memoryview):
        data = bytes(source)
        nul = data.find(b"\x00")
        if nul >= 0:
            line = data.count(b"\n", 0, nul) + 1
            col = nul - (data.rfind(b"\n", 0, nul) + 1) + 1
            return None, SyntaxDiagnostic(
                path, line, col, "binary file (contains a NUL byte), not VCL text")
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as exc:
            line = data.count(b"\n", 0, exc.start) + 1
            col = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
            bad = data[exc.start : exc.start + 1].hex()
            return None, SyntaxDiagnostic(
                path, line, col, f"not valid UTF-8 (byte 0x{bad}); VCL files must be UTF-8 text")
    else:
        text = source
        nul = text.find("\x00")
        if nul >= 0:
            line, col = _pos_to_line_col(text, nul)
            return None, SyntaxDiagnostic(
                path, line, col, "binary file (contains a NUL byte), not VCL text")
    if text.startswith("\ufeff"):
        text = text[1:]
    return text, None


# --------------------------------------------------------------------------- public API


def _run(engine: Engine, text: str, mode: Mode) -> tuple[Any, list[A.Comment], Exception | None]:
    comments: list[A.Comment] = []
    # The parser makes many small objects and no reference cycles; pausing the cyclic GC
    # while it runs saves its repeated scans of the growing tree.
    paused = gc.isenabled()
    gc.disable()
    try:
        return engine.parse(text, mode, comments), comments, None
    except (ParseError, LexError, _TransformError, RecursionError) as exc:
        return None, comments, exc
    finally:
        if paused:
            gc.enable()


def parse(source: str | bytes, path: str = "<input>", *, mode: Mode = "file",
          max_bytes: int | None = MAX_SOURCE_BYTES) -> ParseResult:
    """Parse VCL. Never raises for bad input; problems come back as diagnostics.

    ``mode``: ``"file"`` (declarations: a VCL file or init snippet), ``"statements"`` (the body
    of a recv/fetch/... snippet) or ``"expression"`` (a condition such as ``req.url ~ "^/a"``).
    """
    if mode not in ("file", "statements", "expression"):
        raise ValueError(f"unknown parse mode {mode!r}")
    text, problem = _decode(source, path)
    if problem is not None or text is None:
        return ParseResult(None, [problem] if problem else [])
    too_big: list[SyntaxDiagnostic] = []
    if len(text) > FASTLY_MAX_VCL_BYTES:
        size = len(text.encode("utf-8", "surrogatepass"))
        if size > FASTLY_MAX_VCL_BYTES:
            parsed = max_bytes is None or size <= max_bytes
            too_big.append(SyntaxDiagnostic(
                path, 1, 1,
                f"file is {size:,} bytes; Fastly accepts at most 1 MB ({FASTLY_MAX_VCL_BYTES:,} "
                f"bytes) of VCL per custom VCL file or snippet"
                + ("" if parsed else ", so it was not parsed")))
            if not parsed:
                return ParseResult(None, too_big)

    engine = _get_engine()
    result, comments, exc = _run(engine, text, mode)
    if exc is None:
        return ParseResult(_program(path, text, result, comments, mode), too_big)
    if isinstance(exc, RecursionError):  # defensive: nothing in the parser recurses
        return ParseResult(None, [SyntaxDiagnostic(path, 1, 1, "input is nested too deeply")])
    template = _template_diagnostic(text, path)
    if template is not None:
        return ParseResult(None, [*too_big, template])
    return ParseResult(None, too_big + _collect_errors(engine, text, path, mode, exc))


def _program(path: str, text: str, result: Any, comments: list[A.Comment],
             mode: Mode) -> A.Program:
    declarations: list[A.Declaration]
    if mode == "file":
        declarations = result
    elif mode == "statements":
        root: A.Declaration = A.StatementList(result)
        if result:
            _at(root, result[0], result[-1])
        declarations = [root]
    else:
        root = _at(A.ExpressionRoot(result), result, result)
        declarations = [root]
    program = A.Program(path, declarations, comments)
    program.line, program.column = 1, 1
    program.end_line = text.count("\n") + 1
    program.end_column = len(text) - (text.rfind("\n") + 1) + 1
    return program


def _collect_errors(engine: Engine, text: str, path: str, mode: Mode,
                    exc: Exception) -> list[SyntaxDiagnostic]:
    """The first error, then more by re-parsing from each later top-level declaration."""
    names = literals()
    diagnostics: list[SyntaxDiagnostic] = []
    offset_line = 0
    current = text
    while True:
        diag, recoverable = _error_from_exception(exc, current, path, names, engine)
        diag.line += offset_line
        diag.end_line += offset_line
        diagnostics.append(diag)
        if not recoverable or mode != "file" or len(diagnostics) >= MAX_ERRORS:
            break
        # Restart at the first top-level keyword that begins a line after the error.
        error_line_start = _line_offset(current, diag.line - offset_line)
        next_line = current.find("\n", error_line_start)
        if next_line < 0:
            break
        m = _TOP_LEVEL_RE.search(current, next_line + 1)
        if m is None:
            break
        offset_line += current.count("\n", 0, m.start())
        current = current[m.start():]
        _, _, next_exc = _run(engine, current, mode)
        if next_exc is None:
            break
        exc = next_exc
    if len(diagnostics) >= MAX_ERRORS:
        diagnostics[-1].message += f" (stopped after {MAX_ERRORS} errors)"
    return diagnostics
