"""Run the LALR(1) tables of grammar/vcl.lark over VCL text: lexer and parser in one loop.

Why not Lark's own lexer and parser loop: this runs once per token, and per-token Python
overhead is what limits lint speed. So the lexer is a single master regex (assembled from the
grammar's terminal patterns) driven by the same loop that shifts and reduces; it settles the
context-dependent cases by looking at the parser's current state, as Lark's contextual lexer
does: a keyword is read as a name where only a name fits (so ``return(restart)`` or a sub
called ``log`` still parse), ``foo:`` is a goto label only where a statement may start,
and ``~`` is a comparison or the marker of ``case ~ "regex":``. Literal tokens become AST nodes
right away; the builder (``parser._Builder``) makes the rest from each reduced rule.

Fast paths skip the per-token loop for the commonest shapes of real VCL: one-line simple
statements, `.name = value;` properties, `name OP operand` comparisons, conditions of those
joined by && / || / !, blocks of simple statements and whole simple else-if arms. Each is read
with a regex (or a few), built into exactly the nodes the general path would build, and fed to
the LR machine as a pseudo-terminal that stands for the goto on its rule (see
``Engine._augment``), so everything around them is still the grammar's business; anything a
fast path does not fully match is left to the general path. tests/vcl/test_parser_corpus.py
checks both paths build the same trees.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from operator import itemgetter

from fastlysync.vcl import ast as A
from fastlysync.vcl.grammar import Rule, Tables

TYPE_CHECKING = False  # typing itself costs a cold lint its import
if TYPE_CHECKING:
    from typing import Any

__all__ = ["Engine", "LexError", "ParseError", "Token"]

_CMP_OPS = ("==", "!=", "!~", "~", "<=", ">=", "<", ">")
_ASSIGN_OPS = ("=", "+=", "-=", "*=", "/=", "%=", "|=", "&=", "^=", "<<=", ">>=", "rol=",
               "ror=", "&&=", "||=")
_RTIME_UNITS = {
    "ms": 0.001, "s": 1.0, "m": 60.0, "h": 3600.0, "d": 86400.0, "w": 604800.0, "y": 31536000.0,
}
_WORD_RE = re.compile(r"[A-Za-z_]+\Z")
_LONG_OPEN = re.compile(r'\{[A-Za-z0-9_]*"')
# Markers in the keyword table for words that need more than a lookup.
_TRUE, _FALSE, _SYNTHETIC = "\0true", "\0false", "\0synthetic"
_PERCENT_ESCAPE_RE = re.compile(r"%(?:u\{([0-9A-Fa-f]{1,6})\}|u([0-9A-Fa-f]{4})|([0-9A-Fa-f]{2}))")


class Token(tuple):  # type: ignore[type-arg]
    """A keyword or punctuation token with its 1-based position (``end_column`` exclusive).

    A tuple subclass because tokens are made by the hundred thousand and tuples are the
    cheapest thing Python builds; fields are read by name through properties.
    """

    __slots__ = ()

    type = property(itemgetter(0))
    value = property(itemgetter(1))
    start_pos = property(itemgetter(2))
    line = property(itemgetter(3))
    column = property(itemgetter(4))
    end_line = property(itemgetter(5))
    end_column = property(itemgetter(6))
    end_pos = property(itemgetter(7))

    def __new__(cls, type: str, value: str, start_pos: int, line: int, column: int,
                end_line: int, end_column: int, end_pos: int) -> Token:
        return tuple.__new__(cls, (type, value, start_pos, line, column, end_line, end_column,
                                   end_pos))

    def __str__(self) -> str:
        return self[1]

    def __repr__(self) -> str:
        return f"Token({self[0]!r}, {self[1]!r}, {self[3]}:{self[4]})"


class LexError(Exception):
    """No token can start at ``pos``; ``allowed`` are the terminals the parser wanted."""

    def __init__(self, pos: int, line: int, column: int, allowed: set[str]) -> None:
        super().__init__(f"unexpected character at line {line} column {column}")
        self.pos = pos
        self.line = line
        self.column = column
        self.allowed = allowed


class ParseError(Exception):
    """``token`` is not allowed here; ``expected`` are the terminals that would have been.

    ``states`` is the parser stack at the error and ``previous`` the last thing parsed (a node
    or token), so messages can say exactly what may follow and where a ';' is missing.
    """

    def __init__(self, token: Token, expected: set[str], states: list[int] | None = None,
                 previous: Any = None) -> None:
        super().__init__(f"unexpected {token.type}")
        self.token = token
        self.expected = expected
        self.states = states or []
        self.previous = previous


def terminals_of(row: dict[str, int]) -> set[str]:
    """The terminals in an action row (nonterminal gotos are lowercase)."""
    return {k for k in row if k.isupper() or k == "$END"}


def decode_escapes(body: str) -> str:
    """Decode Fastly's ``%XX`` (UTF-8 bytes), ``%uXXXX`` and ``%u{X..}`` string escapes."""
    out: list[str] = []
    pending = bytearray()
    pos = 0
    for m in _PERCENT_ESCAPE_RE.finditer(body):
        if pending and (m.start() != pos or not m.group(3)):
            out.append(pending.decode("utf-8", "replace"))
            pending.clear()
        out.append(body[pos : m.start()])
        if m.group(3):
            pending.append(int(m.group(3), 16))
        else:
            code = int(m.group(1) or m.group(2), 16)
            out.append(chr(code) if code <= 0x10FFFF and not 0xD800 <= code <= 0xDFFF else "\ufffd")
        pos = m.end()
    if pending:
        out.append(pending.decode("utf-8", "replace"))
    out.append(body[pos:])
    return "".join(out)


def _string(value: str) -> A.StringLit:
    node: Any = object.__new__(A.StringLit)
    body = value[1:-1]
    node.value = decode_escapes(body) if "%" in body else body
    node.raw = value
    node.long = False
    node.delimiter = ""
    return node  # type: ignore[no-any-return]


def _long_string(value: str) -> A.StringLit:
    node: Any = object.__new__(A.StringLit)
    quote = value.index('"')
    delim = value[1:quote]
    node.value = value[quote + 1 : len(value) - len(delim) - 2]
    node.raw = value
    node.long = True
    node.delimiter = delim
    return node  # type: ignore[no-any-return]


def _int(value: str) -> A.IntLit:
    node: Any = object.__new__(A.IntLit)
    node.value = int(value, 16) if value[:2] in ("0x", "0X") else int(value)
    node.raw = value
    return node  # type: ignore[no-any-return]


def _float(value: str) -> A.FloatLit:
    node: Any = object.__new__(A.FloatLit)
    node.value = float.fromhex(value) if value[:2] in ("0x", "0X") else float(value)
    node.raw = value
    return node  # type: ignore[no-any-return]


def _rtime(value: str) -> A.RTimeLit:
    node: Any = object.__new__(A.RTimeLit)
    unit = "ms" if value.endswith("ms") else value[-1]
    node.seconds = float(value[: -len(unit)].rstrip(" \t")) * _RTIME_UNITS[unit]
    node.unit = unit
    node.raw = value
    return node  # type: ignore[no-any-return]


def _percent(value: str) -> A.PercentLit:
    node: Any = object.__new__(A.PercentLit)
    node.value = float(value[:-1])
    node.raw = value
    return node  # type: ignore[no-any-return]


# Literal terminal -> the function making its node (positions are set by the caller).
_LITERALS: dict[str, Callable[[str], A.Expression]] = {
    "STRING": _string, "LONG_STRING": _long_string, "INT": _int, "FLOAT": _float,
    "RTIME": _rtime, "PERCENT": _percent,
}


def _literal(kind: str, value: str) -> A.Expression:
    """The AST node for a STRING/LONG_STRING/number token (positions set by the caller)."""
    return _LITERALS[kind](value)


# ------------------------------------------------------------------ fast paths
#
# Simple one-line statements (`set x = "v";`, `return(pass);`, ...) and `name OP operand`
# comparisons are matched by one regex at their first token and built here directly, as the
# tokens would have been: the same nodes with the same positions. Each match is one line, so
# positions are (line, offset - line_start + 1). The parser then feeds the node as a
# pseudo-terminal (see ``Engine._augment``), which takes the same reductions and goto as
# shifting the statement's tokens would have.

# Fast-path regex group -> the literal it matched.
_OPERAND_MAKERS: dict[str | None, Callable[[str], A.Expression]] = {
    "vs": _string, "vl": _long_string, "vr": _rtime, "vp": _percent, "vf": _float, "vi": _int,
}


def _operand(m: re.Match[str], line: int, line_start: int) -> Any:
    """The value node that ends a fast-path match (its group is the match's last one)."""
    group = m.lastgroup
    start, end = m.span(group)
    raw = m.string[start:end]
    node: Any
    if group == "vs":  # the commonest operand: a string (built inline, as `_string` does)
        node = object.__new__(A.StringLit)
        body = raw[1:-1]
        node.value = decode_escapes(body) if "%" in body else body
        node.raw = raw
        node.long = False
        node.delimiter = ""
    elif (make := _OPERAND_MAKERS.get(group)) is not None:
        node = make(raw)
    else:
        return _name_node(raw, start, end, line, line_start)
    node.line = node.end_line = line
    node.column = start - line_start + 1
    node.end_column = end - line_start + 1
    return node


def _name_node(word: str, start: int, end: int, line: int, line_start: int) -> Any:
    """A BoolLit for `true`/`false`, else an Ident, spanning ``start``-``end`` of one line."""
    node: Any
    if word == "true" or word == "false":
        node = object.__new__(A.BoolLit)
        node.value = word == "true"
    else:
        node = object.__new__(A.Ident)
        node.name = word
    node.line = node.end_line = line
    node.column = start - line_start + 1
    node.end_column = end - line_start + 1
    return node


def _ident_group(m: re.Match[str], group: int, line: int, line_start: int) -> A.Ident:
    start, end = m.span(group)
    node = object.__new__(A.Ident)
    node.name = m.string[start:end]
    node.line = node.end_line = line
    node.column = start - line_start + 1
    node.end_column = end - line_start + 1
    return node


def _statement_at(node: Any, m: re.Match[str], line: int, line_start: int) -> Any:
    start, end = m.span()
    node.line = node.end_line = line
    node.column = start - line_start + 1
    node.end_column = end - line_start + 1
    return node


def _assignment(cls: type[A.Set] | type[A.Add], m: re.Match[str], line: int,
                line_start: int) -> Any:
    """`set`/`add`: the commonest statements, so built inline rather than from the helpers."""
    new = object.__new__
    start, end = m.span(1)
    target = new(A.Ident)
    target.name = m.string[start:end]
    target.line = target.end_line = line
    target.column = start - line_start + 1
    target.end_column = end - line_start + 1
    node = new(cls)
    node.target = target
    node.op = m.group(2)
    node.value = _operand(m, line, line_start)
    start, end = m.span()
    node.line = node.end_line = line
    node.column = start - line_start + 1
    node.end_column = end - line_start + 1
    return node


# `set`/`add` (the commonest statements) go straight to `_assignment`.
_fast_set = functools.partial(_assignment, A.Set)
_fast_add = functools.partial(_assignment, A.Add)


def _fast_unset(m: re.Match[str], line: int, line_start: int) -> A.Unset:
    node = object.__new__(A.Unset)
    node.target = _ident_group(m, 1, line, line_start)
    return _statement_at(node, m, line, line_start)  # type: ignore[no-any-return]


def _fast_remove(m: re.Match[str], line: int, line_start: int) -> A.Remove:
    node = object.__new__(A.Remove)
    node.target = _ident_group(m, 1, line, line_start)
    return _statement_at(node, m, line, line_start)  # type: ignore[no-any-return]


def _fast_call(m: re.Match[str], line: int, line_start: int) -> A.Call:
    node = object.__new__(A.Call)
    node.name = _ident_group(m, 1, line, line_start)
    node.args = []
    return _statement_at(node, m, line, line_start)  # type: ignore[no-any-return]


def _fast_return(m: re.Match[str], line: int, line_start: int) -> A.Return:
    node = object.__new__(A.Return)
    node.action = action = m.group(1)
    node.value = None
    node.parenthesized = action is not None
    return _statement_at(node, m, line, line_start)  # type: ignore[no-any-return]


def _fast_error(m: re.Match[str], line: int, line_start: int) -> A.Error:
    node = object.__new__(A.Error)
    node.status = node.response = None
    for group, kind, attr in ((1, "INT", "status"), (2, "STRING", "response")):
        start, end = m.span(group)
        if start >= 0:
            value: Any = _literal(kind, m.string[start:end])
            value.line = value.end_line = line
            value.column = start - line_start + 1
            value.end_column = end - line_start + 1
            setattr(node, attr, value)
    return _statement_at(node, m, line, line_start)  # type: ignore[no-any-return]


def _fast_declare(m: re.Match[str], line: int, line_start: int) -> A.Declare:
    node: Any = object.__new__(A.Declare)
    node.scope = m.group(1)
    node.name = _ident_group(m, 2, line, line_start)
    node.type = m.group(3)
    node.value = None
    return _statement_at(node, m, line, line_start)  # type: ignore[no-any-return]


def _fast_esi(m: re.Match[str], line: int, line_start: int) -> A.Esi:
    return _statement_at(object.__new__(A.Esi), m, line, line_start)  # type: ignore[no-any-return]


def _fast_restart(m: re.Match[str], line: int, line_start: int) -> A.Restart:
    return _statement_at(object.__new__(A.Restart), m, line,  # type: ignore[no-any-return]
                         line_start)


def _fast_property(m: re.Match[str], line: int, line_start: int) -> A.Property:
    node: Any = object.__new__(A.Property)
    node.name = m.group(1)[1:]
    node.value = _operand(m, line, line_start)
    return _statement_at(node, m, line, line_start)  # type: ignore[no-any-return]


def _fast_comparison(m: re.Match[str], line: int, line_start: int) -> A.Binary:
    """The Binary node for a match of ``Engine.fast_expr``."""
    start, end = m.span(1)
    left = _name_node(m.string[start:end], start, end, line, line_start)
    right = _operand(m, line, line_start)
    node = object.__new__(A.Binary)
    node.op = m.group(2)
    node.left = left
    node.right = right
    node.line = line
    node.column = left.column
    node.end_line = line
    node.end_column = right.end_column
    return node


def _binary(op: str, left: Any, right: Any) -> A.Binary:
    """The Binary the `binary` rule builds for ``left op right``."""
    node: Any = object.__new__(A.Binary)
    node.op = op
    node.left = left
    node.right = right
    node.line = left.line
    node.column = left.column
    node.end_line = right.end_line
    node.end_column = right.end_column
    return node  # type: ignore[no-any-return]


_SPACES = re.compile(r"[ \t]*").match


# Statement keyword -> the builder of its fast path, and the class it builds.
_FAST_STATEMENTS: dict[str, Callable[[re.Match[str], int, int], A.Node]] = {
    "set": _fast_set, "add": _fast_add, "unset": _fast_unset, "remove": _fast_remove,
    "return": _fast_return, "call": _fast_call, "error": _fast_error, "esi": _fast_esi,
    "restart": _fast_restart, "declare": _fast_declare,
}
_FAST_CLASSES: dict[str, type[A.Node]] = {
    "set": A.Set, "add": A.Add, "unset": A.Unset, "remove": A.Remove, "return": A.Return,
    "call": A.Call, "error": A.Error, "esi": A.Esi, "restart": A.Restart, "declare": A.Declare,
}
# The pseudo-terminal a fast comparison is fed as: the goto on `cmp_expr`, so that it can be
# an operand of && and || as well as a whole condition.
_CMP_GOTO = "cmp_expr"
_EXPR_PSEUDO = "<cmp>"
# ... a whole condition between parentheses (the goto on `expr`) ...
_PAREN_EXPR = "<expr>"
# ... and a block of simple statements (the goto on `block`).
_BLOCK_PSEUDO = "<block>"
_UNKNOWN: Any = object()  # not yet in a memo


class Engine:
    """The tables, the master regex and the rule actions, ready to parse any number of texts."""

    def __init__(self, tables: Tables, builder: Any) -> None:
        self.tables = tables
        terms = tables.terminals

        self.keywords: dict[str, str] = {}  # word -> keyword terminal
        ops: dict[str, list[str]] = {}  # operator text -> candidate terminals, in order
        for name, (_, literal) in terms.items():
            if literal is None:
                continue
            if _WORD_RE.match(literal):
                self.keywords[literal] = name
            else:
                ops.setdefault(literal, []).append(name)
        for regex_terminal, texts in (("CMP_OP", _CMP_OPS), ("ASSIGN_OP", _ASSIGN_OPS)):
            pattern = re.compile(terms[regex_terminal][0])
            for text in texts:
                if pattern.fullmatch(text):
                    ops.setdefault(text, []).append(regex_terminal)
        self.ops = ops
        self.single_ops = {text: names[0] for text, names in ops.items() if len(names) == 1}
        self.keywords.update({"true": _TRUE, "false": _FALSE, "synthetic": _SYNTHETIC,
                              "synthetic.base64": _SYNTHETIC})
        self.label_re = re.compile(terms["LABEL"][0])

        # One match per token yields (whitespace, token, long-string delimiter) groups, so the
        # regex engine does the scanning in C and Python only classifies each token by its
        # first character. The last branch takes any single character, so nothing is skipped
        # silently; characters no token can start with become LexErrors. Tokens are matched
        # one at a time as the parser goes (not all at once with findall) so that the first
        # unterminated {"... or /*... (whose branch scans to the end of the text before
        # failing) stops lexing: with findall every later opener would scan to the end again,
        # quadratic on hostile input; and so that fast paths can skip ahead. Branches
        # sharing a first character keep the grammar's priorities: C!/W! and rol=/ror= before
        # names, comments before '/', long strings before '{', RTIME > PERCENT > FLOAT > INT.
        word_ops = sorted((o for o in ops if o[0].isalpha()), key=len, reverse=True)
        sym_ops = sorted((o for o in ops if not o[0].isalpha()), key=len, reverse=True)
        branches = [
            terms["FASTLY_CONTROL"][0],
            "|".join(map(re.escape, word_ops)),
            terms["IDENT"][0] + r"(?::(?![A-Za-z0-9_:]))?",  # a trailing ':' marks a label
            terms["STRING"][0],
            terms["COMMENT"][0],
            terms["LONG_STRING"][0],
            "|".join(map(re.escape, sym_ops)),
            terms["PROP_NAME"][0],
            terms["RTIME"][0], terms["PERCENT"][0], terms["FLOAT"][0], terms["INT"][0],
            r"(?s:.)",
        ]
        ws = terms["WS"][0].replace("]+", "]*+")
        self.scanner = re.compile(f"({ws})(" + "|".join(f"(?:{b})" for b in branches) + ")")
        word = dict.fromkeys("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz_", "w")
        self.first: dict[str, str] = {**word, **dict.fromkeys("0123456789", "n"),
                                      '"': "s", "{": "{", "#": "c", "/": "/", ".": ".",
                                      "(": "("}

        self._compile_fast_paths(terms)
        self.transparent = _transparent(tables)
        self.rules = [self._classify(rule, builder) for rule in tables.rules]
        self.actions = self._fold_units(self._augment(tables.actions))
        self.ends = self._ends()
        self.unit_memo: dict[tuple[int, int, str], int] = {}

    def _compile_fast_paths(self, terms: dict[str, tuple[str, str | None]]) -> None:
        """Regexes for one-line simple statements, matched at their keyword. Anything they do
        not match (a comment inside, an expression, a line break) takes the general path."""
        name = terms["IDENT"][0]
        # Names the lexer would not read as names: where an expression may start, `if` is the
        # keyword of `if(c, a, b)` (a longer name such as `if.x` or `if-x` is a name), and
        # `rol=` / `ror=` are operators, whatever follows.
        not_if = r"(?!if(?![A-Za-z0-9_\-.:*])|ro[lr]=)"
        end = r"[ \t]*;"
        value = (f"(?:(?P<vs>{terms['STRING'][0]})|(?P<vr>{terms['RTIME'][0]})"
                 f"|(?P<vf>{terms['FLOAT'][0]})|(?P<vi>{terms['INT'][0]})"
                 f"|(?P<vn>{not_if}{name}))")
        assign = "|".join(map(re.escape, sorted((o for o, t in self.ops.items()
                                                 if "ASSIGN_OP" in t), key=len, reverse=True)))
        set_re = rf"[ \t]+(?!ro[lr]=)(?P<t>{name})[ \t]*(?P<op>{assign})[ \t]*{value}{end}"
        # (Statements of one shape share one pattern: `re` compiles it once.)
        target_only = rf"(?:unset|remove|call)[ \t]+(?P<t>{name}){end}"
        patterns = {
            "set": "(?:set|add)" + set_re,
            "add": "(?:set|add)" + set_re,
            "unset": target_only,
            "remove": target_only,
            "return": (rf"return[ \t]*(?:\([ \t]*{not_if}(?P<a>[A-Za-z_][A-Za-z0-9_]*)[ \t]*\)"
                       r"[ \t]*)?;"),
            "call": target_only,
            "error": (rf"error(?:[ \t]+(?P<code>[0-9]+)(?![0-9A-Za-z_.])"
                      rf"(?:[ \t]*(?P<s>{terms['STRING'][0]}))?)?{end}"),
            "esi": f"esi{end}",
            "restart": f"restart{end}",
            "declare": (rf"declare[ \t]+(?P<s>local|block)[ \t]+(?P<n>{name})[ \t]+"
                        rf"(?P<ty>{name}){end}"),
        }
        cmp = "|".join(map(re.escape, sorted((o for o, t in self.ops.items() if "CMP_OP" in t),
                                              key=len, reverse=True)))
        # The long string is atomic: otherwise the lazy body could stretch past its first
        # closing "} to a later one that happens to be followed by ')'. It stays on one line,
        # as everything a fast path matches does (positions are computed within the line).
        long_string = terms["LONG_STRING"][0].replace(r"[\s\S]", r"[^\n]")
        operand = value.replace("(?:(?P<vs>", f"(?:(?P<vl>(?>{long_string}))|(?P<vs>")
        self.fast_expr = re.compile(
            rf"[ \t]*{not_if}(?P<t>{name})[ \t]*(?P<op>{cmp})[ \t]*{operand}[ \t]*"
            r"(?=[),;]|&&|\|\|)")
        # keyword terminal -> (match, pseudo-terminal, node builder)
        self.fast: dict[str, tuple[Callable[..., re.Match[str] | None], str,
                                   Callable[[re.Match[str], int, int], A.Node]]] = {}
        self.pseudo: dict[str, str] = {_EXPR_PSEUDO: "IDENT"}  # pseudo -> real terminal
        self.fast_rule: dict[str, str] = {}  # pseudo -> the rule its node stands for
        self.fast_pseudo: dict[type, str] = {}  # node class -> its pseudo-terminal
        for word, pattern in patterns.items():
            terminal = self.keywords.get(word)
            if terminal is not None and terminal[0] != "\0":
                pseudo = f"<{word}>"
                self.fast[terminal] = (re.compile(pattern).match, pseudo, _FAST_STATEMENTS[word])
                self.pseudo[pseudo] = terminal
                self.fast_rule[pseudo] = word
                self.fast_pseudo[_FAST_CLASSES[word]] = pseudo
        # Inside a block, one step: whitespace, then a comment, the closing '}' or the keyword
        # of a fast statement (group 4 on: `block_words` holds their terminals).
        words = [w for w in patterns if self.keywords.get(w, "\0")[0] != "\0"]
        self.block_step = re.compile(
            rf"([ \t\f\r\n]*+)(?:({terms['COMMENT'][0]})|(\}})|"
            + "|".join(f"({w})" for w in words) + ")").match
        self.block_words = [""] * 4 + [self.keywords[w] for w in words]
        self.pseudo[_BLOCK_PSEUDO] = self.single_ops["{"]
        # `.name = literal-or-name;`: the properties of backends, directors, probes, ...
        prop_value = value.replace("|(?P<vf>", f"|(?P<vp>{terms['PERCENT'][0]})|(?P<vf>")
        self.fast["PROP_NAME"] = (
            re.compile(rf"(?P<n>{terms['PROP_NAME'][0]})[ \t]*=[ \t]*{prop_value}{end}").match,
            "<property>", _fast_property)
        self.pseudo["<property>"] = "PROP_NAME"
        self.fast_rule["<property>"] = "property"
        # `( condition )`, an if/else-if head, is the commonest parenthesis of all: a condition
        # of comparisons and names joined by &&, || and ! is read by `_condition`.
        self.cond_name = re.compile(rf"{not_if}({name})").match
        self.pseudo[_PAREN_EXPR] = "IDENT"
        self.brace_after = re.compile(r"[ \t]*\{").match
        self.lpar = self.single_ops["("]
        self.rpar = self.single_ops[")"]
        self.paren_runs: dict[int, list[int] | None] = {}
        # A whole `elseif (name OP operand) { simple statements }` arm (or elsif, else if), the
        # stuff of long redirect maps, is read in one go and fed as the goto on `elif`.
        self.elif_head = re.compile(r"(?:elseif|elsif|else[ \t]+if)[ \t]*\(").match
        self.elif_words: dict[str, str] = {}  # keyword terminal -> its arm's pseudo-terminal
        for word in ("else", "elseif", "elsif"):
            terminal = self.keywords[word]
            self.elif_words[terminal] = f"<elif:{word}>"
            self.pseudo[f"<elif:{word}>"] = terminal
        self.elif_spelling = {self.keywords["else"]: "else if", self.keywords["elseif"]: "elseif",
                              self.keywords["elsif"]: "elsif"}  # IfBranch.keyword

    def _augment(self, actions: tuple[dict[str, int], ...]) -> tuple[dict[str, int], ...]:
        """Copies of the action rows with the fast paths' pseudo-terminals added.

        A statement built by a fast path is fed as ``<set>`` (etc.): where the table reduces on
        the keyword ``SET``, ``<set>`` reduces the same way; where it shifts ``SET``, ``<set>``
        goes straight to the state after a whole ``set`` statement (the goto on ``set``).
        Likewise ``<property>`` (on PROP_NAME) and the else-if arms ``<elif:...>`` (on ELSE,
        ELSEIF, ELSIF; the goto on ``elif``). A fast comparison is fed as ``<cmp>``, the goto
        on ``cmp_expr`` (no row that has one reduces on IDENT, so nothing is reduced first); a
        parenthesised condition as ``<expr>``, the goto on ``expr``; and a block as
        ``<block>``, the goto on ``block``, tried only where that goto exists (so '{' there
        starts a block and nothing else). Pseudo-terminal names are not UPPERCASE, so
        ``terminals_of`` and error messages never see them.
        """
        rows = []
        for row in actions:
            row = dict(row)
            for pseudo, terminal in self.pseudo.items():
                if pseudo == _EXPR_PSEUDO:
                    if _CMP_GOTO in row:
                        act = row.get("IDENT")
                        if act is None or act < 0:
                            raise RuntimeError("a row with a `cmp_expr` goto reduces on IDENT")
                        row[pseudo] = row[_CMP_GOTO]
                elif pseudo == _PAREN_EXPR:
                    if "expr" in row:
                        row[pseudo] = row["expr"]
                elif pseudo.startswith("<elif:"):
                    act = row.get(terminal)
                    if act is not None:
                        if act >= 0 and "elif" not in row:
                            raise RuntimeError(f"{terminal} shifts where no `elif` can start")
                        row[pseudo] = act if act < 0 else row["elif"]
                elif pseudo == _BLOCK_PSEUDO:
                    if "block" in row:
                        act = row.get(terminal)
                        if act is None or act < 0:
                            raise RuntimeError("a row with a `block` goto reduces on '{'")
                        row[pseudo] = row["block"]
                elif terminal in row:
                    act = row[terminal]
                    row[pseudo] = act if act < 0 else row[self.fast_rule[pseudo]]
            rows.append(row)
        return tuple(rows)

    def _fold_units(self, actions: tuple[dict[str, int], ...]) -> tuple[dict[str, int], ...]:
        """Skip states whose only action is a unit reduction, where that cannot be noticed.

        After ``ident -> IDENT``-style unit rules (``?rule`` with one child, `_statement: set`)
        the parser lands in a state S that reduces, whatever comes next, to the goto T on the
        rule's origin: the value is unchanged, only the state moves. Shifting (or going) straight
        to T saves a loop turn per unit rule. It is done only where S and T accept the very same
        lookaheads, so errors are found at the same token with the same expected set (and
        ``viable`` replays the same moves from T as from S), and where the lexer's decisions,
        which look at the top row, cannot differ (T has no ``cmp_expr`` goto that S lacks).
        """
        rules = self.rules
        finals = set(self.tables.end_states.values())
        # What the parser and the lexer look at in a row: terminals (and pseudo-terminals)
        # and the `cmp_expr` goto. Rows keep their keys; only targets change below.
        lookaheads = [frozenset(k for k in row if not k[0].islower() or k == _CMP_GOTO)
                      for row in actions]
        unit_origin: dict[int, str] = {}  # pure unit-reduce state -> the rule's origin
        for state, row in enumerate(actions):
            acts = set(row.values())
            if (len(acts) == 1 and state not in finals and len(lookaheads[state]) == len(row)
                    and (act := acts.pop()) < 0 and rules[~act][0] == 0):
                unit_origin[state] = rules[~act][1]
        rows = [dict(row) for row in actions]
        for row in rows:
            for symbol, target in row.items():
                # Follow the chain: each goto is taken from this same row.
                while (origin := unit_origin.get(target)) is not None:
                    goto = row.get(origin)
                    if (goto is None or goto in finals
                            or lookaheads[target] != lookaheads[goto]):
                        break
                    target = row[symbol] = goto
        return tuple(rows)

    def _ends(self) -> dict[str, Any]:
        """The state the general path is in right after a block's '}' (empty and not) and
        after a property's ';'. LALR merges the states of one finished rule across contexts,
        so each is one state whatever the context; its lookaheads are the union over all of
        them, wider than the row of the goto a fast path leaves the parser in, and the lexer
        decides on that wider row (e.g. `sub` after an unclosed block is the keyword)."""
        lbrace, rbrace, semicolon = (self.single_ops[c] for c in "{};")
        equal = next(t for t in self.ops["="] if t != "ASSIGN_OP")
        restart = self.keywords["restart"]
        runs = {
            "block": ((lbrace, rbrace), (lbrace, restart, semicolon, rbrace)),
            "property": (("PROP_NAME", equal, "STRING", semicolon),),
        }
        ends: dict[str, Any] = {}
        for rule, sequences in runs.items():
            found = []
            for symbols in sequences:
                finals = {self._simulate(state, symbols) for state, row in
                          enumerate(self.tables.actions) if rule in row} - {None}
                if len(finals) != 1:
                    raise RuntimeError(f"no single state ends `{rule}`: {finals}")
                found.append(finals.pop())
            ends[rule] = tuple(found) if len(found) > 1 else found[0]
        return ends

    def _simulate(self, state: int, symbols: tuple[str, ...]) -> int | None:
        """The state after feeding ``symbols`` from ``state`` with the shipped tables."""
        actions = self.tables.actions
        stack = [state]
        for symbol in symbols:
            while True:
                act = actions[stack[-1]].get(symbol)
                if act is None:
                    return None
                if act >= 0:
                    stack.append(act)
                    break
                _, origin, size, *_ = self.rules[~act]
                if size:
                    del stack[-size:]
                if not stack:
                    return None
                stack.append(actions[stack[-1]][origin])
        return stack[-1]

    def _classify(self, rule: Rule, builder: Any) -> tuple[Any, ...]:
        """(kind, origin, size, callback, splice, expand1). Kinds: 0 unit (the value passes
        through, only the state changes), 1 general, 2 append to a left-recursive list,
        3 wrap the single child in a new list."""
        transparent = self.transparent
        origin = rule.origin
        inlined = origin.startswith("_")

        def is_list(sym: str) -> bool:
            return sym.startswith("_") and sym not in transparent

        callback = getattr(builder, rule.callback, None) if rule.callback else None
        if rule.callback and callback is None and not rule.expand1:
            raise RuntimeError(f"no AST builder for grammar rule {rule.callback!r}")
        kind = 1
        if rule.size == 1:
            child_list = is_list(rule.expansion[0])
            if inlined:
                kind = 0 if origin in transparent or child_list else 3
            elif rule.expand1 and not child_list:
                kind = 0
        elif (rule.size == 2 and inlined and origin not in transparent
              and rule.expansion[0] == origin and rule.splice and rule.splice[0] == 0):
            kind = 2
        return (kind, origin, rule.size, callback, rule.splice, rule.expand1)

    def _word(self, value: str, kw: str | None, row: dict[str, int], start_at: int, line: int,
              col: int, pos: int) -> tuple[str, Any, bool]:
        """The rarer words: keywords, true/false, synthetic, labels, rol=/ror=, C!/W!.
        Returns (terminal, token or node, followed by a ':'); terminal "" means skip."""
        size = len(value)
        last = value[-1]
        if last == ":":
            name = value[:-1]
            if "LABEL" in row and name != "default" and "." not in name:
                label = A.Label(name, line=line, column=col, end_line=line,
                                end_column=col + size)
                return "LABEL", label, False
            ttype, obj, _ = self._word(name, self.keywords.get(name), row, start_at, line, col,
                                       pos - 1)
            return ttype, obj, True
        if last == "!" and size == 2:
            return "", None, False
        if last == "=":  # rol= / ror=
            ttype = self.ops[value][0]
            return ttype, Token(ttype, value, start_at, line, col, line, col + size, pos), False
        special = kw
        if kw is not None and kw[0] != "\0":
            # A keyword doubles as a name only where a name may stand and the keyword may
            # not, and not right after an operand: there a name would be read as string
            # concatenation and `x = a\n set y = b;` (a forgotten ';') would parse silently.
            if kw in row or "IDENT" not in row or "CMP_OP" in row:
                return kw, Token(kw, value, start_at, line, col, line, col + size, pos), False
            special = None
        if special == _SYNTHETIC and "SYNTHETIC" in row:
            return "SYNTHETIC", Token("SYNTHETIC", value, start_at, line, col, line, col + size,
                                      pos), False
        node: Any = A.BoolLit(special == _TRUE) if special in (_TRUE, _FALSE) else A.Ident(value)
        node.line = line
        node.column = col
        node.end_line = line
        node.end_column = col + size
        return "IDENT", node, False

    def _scan_block(self, text: str, start: int, line: int,
                    line_start: int) -> tuple[Any, ...]:
        """Read the simple statements and comments of the block whose '{' is at ``start``,
        without the LR loop, up to its '}' or to the first thing that needs the general path.

        Returns (block node or None, statements, their offsets, comments, offset after what was
        read, line, line start there); the node only if the block held nothing else.
        """
        new = object.__new__
        step = self.block_step
        fast = self.fast
        block_words = self.block_words
        statements: list[A.Node] = []
        offsets: list[int] = []  # where each statement starts (for a partial block)
        found: list[A.Comment] = []
        pos = start + 1
        first_line, first_line_start = line, line_start
        while True:
            m = step(text, pos)
            if m is None:
                break
            at = m.end(1)
            which = m.lastindex
            if which >= 4:  # a statement keyword
                spec = fast.get(block_words[which])  # type: ignore[index]
                fm = spec[0](text, at) if spec is not None else None
                if fm is None:
                    break  # (the general path reads on from `pos`)
                if at != pos and (breaks := text.count("\n", pos, at)):
                    line += breaks
                    line_start = text.rindex("\n", pos, at) + 1
                statements.append(spec[2](fm, line, line_start))
                offsets.append(at)
                pos = fm.end()
                continue
            if at != pos and (breaks := text.count("\n", pos, at)):
                line += breaks
                line_start = text.rindex("\n", pos, at) + 1
            if which == 2:
                comment = m.group(2)
                c, line, line_start = _comment(comment, at, line, line_start)
                found.append(c)
                pos = at + len(comment)
                continue
            # The closing '}': the whole block is simple.
            block: Any = new(A.Block)
            block.statements = statements
            block.line = first_line
            block.column = start - first_line_start + 1
            block.end_line = line
            block.end_column = at - line_start + 2
            return block, statements, offsets, found, at + 1, line, line_start
        return None, statements, offsets, found, pos, line, line_start

    def _open_block(self, top: int, text: str, start: int, line: int, line_start: int,
                    comments: list[A.Comment], states: list[int],
                    values: list[Any]) -> tuple[int, int, int, int, int] | None:
        """At a '{' that opens a block (the top row has the `block` goto): read its simple
        statements and comments with `_scan_block`.

        If the block holds nothing else, its node is pushed as the goto on `block`. Otherwise
        the '{' and the statements read so far are fed as the general path would have fed them
        (the statements as their fast-path pseudo-terminals), and scanning resumes at the first
        thing that needs the general path. Returns (top state, offset to resume at, line,
        line start there, the state the lexer should read the next token in or -1 for the
        top), or None if nothing was read.
        """
        block, statements, offsets, found, pos, end_line, end_line_start = self._scan_block(
            text, start, line, line_start)
        if block is not None:
            comments.extend(found)
            top = self.actions[top][_BLOCK_PSEUDO]
            states.append(top)
            values.append(block)
            return top, pos, end_line, end_line_start, self.ends["block"][bool(statements)]
        if pos == start + 1:
            return None  # nothing read: the general path takes the '{'
        comments.extend(found)
        column = start - line_start + 1
        lbrace = self.single_ops["{"]
        top = self._feed(top, lbrace, Token(lbrace, "{", start, line, column, line, column + 1,
                                            start + 1),
                         states, values, text, start, line, column, start + 1)
        for node, offset in zip(statements, offsets, strict=True):
            pseudo = self.fast_pseudo[type(node)]  # "<set>": the keyword is len - 2 long
            top = self._feed(top, pseudo, node, states, values, text, offset, node.line,
                             node.column, offset + len(pseudo) - 2)
        return top, pos, end_line, end_line_start, -1

    def _elif_arm(self, kw: str, text: str, start: int, line: int,
                  line_start: int) -> tuple[A.IfBranch, list[A.Comment], int, int, int] | None:
        """``elseif (condition) { simple statements }`` (or ``elsif``, ``else if``) at ``start``,
        read whole: (the IfBranch the `elif` rule would build, the comments in its block,
        offset after it, line, line start there), or None if it is anything else. (A block
        that turns out not to be simple is then read again by the general path.)"""
        head = self.elif_head(text, start)
        if head is None:
            return None
        got = self._condition(text, head.end(), line, line_start, 0)
        if got is None:
            return None
        condition, closing = got
        brace = self.brace_after(text, closing + 1)
        if brace is None:
            return None
        block, _, _, found, end, end_line, end_line_start = self._scan_block(
            text, brace.end() - 1, line, line_start)
        if block is None:
            return None
        node: Any = object.__new__(A.IfBranch)
        node.condition = condition
        node.block = block
        node.keyword = self.elif_spelling[kw]
        node.line = line
        node.column = start - line_start + 1
        node.end_line = block.end_line
        node.end_column = block.end_column
        return node, found, end, end_line, end_line_start

    def _paren_run(self, top: int, start: int, text: str, line: int, line_start: int,
                   comments: list[A.Comment], states: list[int],
                   values: list[Any]) -> tuple[int, int, int, int, int] | None:
        """Push ``( condition )`` (the '(' at ``start``) in one step, and open the block after it,
        if any. Returns what `_open_block` does, or None where the parser would do more than
        shift the three, or the condition is not one `_condition` reads."""
        run = self.paren_runs.get(top, _UNKNOWN)
        if run is _UNKNOWN:
            run = self._run(self.paren_runs, top, (self.lpar, _PAREN_EXPR, self.rpar))
        if run is None:
            return None
        got = self._condition(text, start + 1, line, line_start, 0)
        if got is None:
            return None
        condition, closing = got
        end = closing + 1
        col = start - line_start + 1
        states.extend(run)
        new = tuple.__new__
        values.extend((
            new(Token, (self.lpar, "(", start, line, col, line, col + 1, start + 1)),
            condition,
            new(Token, (self.rpar, ")", closing, line, end - line_start, line,
                        end - line_start + 1, end))))
        top = run[-1]
        brace = self.brace_after(text, end)
        if brace is not None and _BLOCK_PSEUDO in self.actions[top]:
            got = self._open_block(top, text, brace.end() - 1, line, line_start, comments,
                                   states, values)
            if got is not None:
                return got
        return top, end, line, line_start, -1

    def _condition(self, text: str, pos: int, line: int, line_start: int,
                   depth: int) -> tuple[Any, int] | None:
        """A condition from ``pos`` to the ')' that closes it, all on one line: comparisons
        (`fast_expr`) and names joined by ``&&`` and ``||``, maybe negated with ``!`` or
        parenthesised. Returns (its node, as the expression rules would build it, offset of
        the ')'), or None for anything else (the general path then parses it)."""
        if depth > 50:
            return None
        either: Any = None
        while True:  # and-chains joined by ||
            both: Any = None
            while True:  # terms joined by &&
                got = self._condition_term(text, pos, line, line_start, depth)
                if got is None:
                    return None
                term, pos = got
                both = term if both is None else _binary("&&", both, term)
                if not text.startswith("&&", pos):
                    break
                pos += 2
            either = both if either is None else _binary("||", either, both)
            if text.startswith("||", pos):
                pos += 2
            elif text.startswith(")", pos):
                return either, pos
            else:
                return None

    def _condition_term(self, text: str, pos: int, line: int, line_start: int,
                        depth: int) -> tuple[Any, int] | None:
        """One operand of ``&&``/``||`` in `_condition`: (node, offset of what follows it past
        spaces, which must be &&, || or ')')."""
        fm = self.fast_expr.match(text, pos)  # the commonest term (it skips spaces around)
        if fm is not None:
            pos = fm.end()
            if text.startswith(("&&", "||", ")"), pos):
                return _fast_comparison(fm, line, line_start), pos
            return None
        pos = _SPACES(text, pos).end()
        bangs: list[int] = []  # offsets of leading '!'s
        while text.startswith("!", pos) and not text.startswith(("!=", "!~"), pos):
            bangs.append(pos)
            pos = _SPACES(text, pos + 1).end()
        node: Any
        if text.startswith("(", pos):
            got = self._condition(text, pos + 1, line, line_start, depth + 1)
            if got is None:
                return None
            inner, closing = got
            node = object.__new__(A.Grouped)
            node.expr = inner
            node.line = node.end_line = line
            node.column = pos - line_start + 1
            node.end_column = closing - line_start + 2
            pos = closing + 1
        else:
            nm = self.cond_name(text, pos)
            if nm is None:
                return None
            start, pos = nm.span(1)
            node = _name_node(nm.group(1), start, pos, line, line_start)
        for bang in reversed(bangs):
            operand = node
            node = object.__new__(A.Unary)
            node.op = "!"
            node.operand = operand
            node.line = node.end_line = line
            node.column = bang - line_start + 1
            node.end_column = operand.end_column
        pos = _SPACES(text, pos).end()
        if text.startswith(("&&", "||", ")"), pos):
            return node, pos
        return None

    def _run(self, memo: dict[int, list[int] | None], top: int,
             symbols: tuple[str, ...]) -> list[int] | None:
        """The states to push for ``symbols`` fed from state ``top``, if the parser only
        shifts them (with unit reductions among them); else None. Memoised per ``top``."""
        if top in memo:
            return memo[top]
        actions = self.actions
        stack = [top]
        run: list[int] | None = None
        for symbol in symbols:
            while True:
                act = actions[stack[-1]].get(symbol)
                if act is None:
                    break
                if act >= 0:
                    stack.append(act)
                    break
                kind, origin, *_ = self.rules[~act]
                if kind != 0 or len(stack) < 2:
                    act = None
                    break
                stack[-1] = actions[stack[-2]][origin]
            if act is None:
                break
        else:
            run = stack[1:]
        memo[top] = run
        return run

    def _feed(self, top: int, ttype: str, obj: Any, states: list[int], values: list[Any],
              text: str, start_at: int, line: int, col: int, pos: int) -> int:
        """Feed one token the plain way (rare path); returns the new top state."""
        actions = self.actions
        while True:
            act = actions[top].get(ttype)
            if act is None:
                raise ParseError(Token(self.pseudo.get(ttype, ttype), text[start_at:pos],
                                       start_at, line, col, line, col + pos - start_at, pos),
                                 terminals_of(actions[top]), list(states),
                                 values[-1] if values else None)
            if act >= 0:
                states.append(act)
                values.append(obj)
                return act
            self._reduce(self.rules[~act], states, values, actions)
            top = states[-1]

    def viable(self, states: list[int], terminals: set[str]) -> set[str]:
        """Those of ``terminals`` the parser could really shift next from ``states``: LALR
        action rows also list lookaheads that only a merged sibling state can use."""
        actions = self.actions
        rules = self.rules
        finals = set(self.tables.end_states.values())
        out = set()
        for terminal in terminals:
            stack = list(states)
            for _ in range(10_000):
                if terminal == "$END" and stack[-1] in finals:
                    out.add(terminal)
                    break
                act = actions[stack[-1]].get(terminal)
                if act is None:
                    break
                if act >= 0:
                    out.add(terminal)
                    break
                _, origin, size, *_ = rules[~act]
                if size:
                    del stack[-size:]
                goto = actions[stack[-1]].get(origin)
                if goto is None:
                    break
                stack.append(goto)
        return out or terminals

    def _unit_chain(self, below: int, top: int, ttype: str) -> int:
        actions = self.actions
        rules = self.rules
        while True:
            act = actions[top].get(ttype)
            if act is None or act >= 0:
                return top
            rule = rules[~act]
            if rule[0] != 0:
                return top
            top = actions[below][rule[1]]

    @staticmethod
    def _reduce(rule: tuple[Any, ...], states: list[int], values: list[Any],
                actions: tuple[dict[str, int], ...]) -> None:
        kind, origin, size, callback, splice, expand1 = rule
        if kind == 0:
            states[-1] = actions[states[-2]][origin]
            return
        if kind == 2:  # list := list item
            item = values.pop()
            if type(item) is list:
                values[-1].extend(item)
            else:
                values[-1].append(item)
            states.pop()
            states[-1] = actions[states[-2]][origin]
            return
        if kind == 3:
            values[-1] = [values[-1]]
            states[-1] = actions[states[-2]][origin]
            return
        value = _build(states, values, size, callback, splice, expand1)
        states.append(actions[states[-1]][origin])
        values.append(value)

    # ------------------------------------------------------------------ the loop

    def parse(self, text: str, start: str, comments: list[A.Comment]) -> Any:
        """Parse ``text`` from ``start``; raises ParseError, LexError or builder errors."""
        actions = self.actions
        rules = self.rules
        unit_memo = self.unit_memo
        unit_chain = self._unit_chain
        reduce = self._reduce
        build = _build
        keywords = self.keywords
        ops = self.ops
        first_kind = self.first
        new = object.__new__
        tnew = tuple.__new__
        Ident = A.Ident
        string_literal = _string
        literals = _LITERALS

        end_state = self.tables.end_states[start]
        top = self.tables.start_states[start]
        states = [top]
        values: list[Any] = []
        pos = 0  # offset of the current token
        line = 1
        line_start = 0
        obj: Any
        single_ops = self.single_ops

        match = self.scanner.match
        fast = self.fast
        fast_expr = self.fast_expr.match
        fast_comparison = _fast_comparison
        expr_pseudo = _EXPR_PSEUDO
        block_pseudo = _BLOCK_PSEUDO
        open_block = self._open_block
        elif_words = self.elif_words
        prop_spec = fast.get("PROP_NAME")
        elif_arm = self._elif_arm
        paren_run = self._paren_run
        block_ends = self.ends["block"]
        property_end = self.ends["property"]
        lpar = single_ops["("]
        # One token per turn: `match` at `pos` yields (whitespace, token text, long-string
        # delimiter) groups. Fast paths move `pos` past what they read.
        after = -1  # the state whose row the lexer reads instead of the top's (see below)
        while True:
            m = match(text, pos)
            if m is None:
                break  # only whitespace is left
            # What the next token is (keyword or name, which operator) depends on the parser
            # state, as with Lark's contextual lexer. After a block or property built by a fast
            # path that is the state the general path would be in after its last token (`}`,
            # `;`), whose lookaheads LALR merges over every context: see `Engine.ends`.
            row = actions[top if after < 0 else after]
            held, after = after, -1  # (comments keep it for the token after them)
            ws, value, _ = m.groups()
            if ws:
                if "\n" in ws:
                    line += ws.count("\n")
                    line_start = pos + ws.rindex("\n") + 1
                pos += len(ws)
            start_at = pos
            col = pos - line_start + 1
            size = len(value)
            pos += size
            kind = first_kind.get(value[0], "o")

            if kind == "w":
                kw = keywords.get(value)
                if kw is None and value[-1] not in ":!=":  # the common case: a plain name
                    fm = fast_expr(text, start_at) if expr_pseudo in row else None
                    if fm is not None:
                        # `name OP literal-or-name` before `)`, `;`, `,`, && or ||: the
                        # comparison, fed as the goto on `cmp_expr`.
                        ttype = expr_pseudo
                        obj = fast_comparison(fm, line, line_start)
                        pos = fm.end()
                    else:
                        ttype = "IDENT"
                        obj = new(Ident)
                        obj.name = value
                        obj.line = line
                        obj.column = col
                        obj.end_line = line
                        obj.end_column = col + size
                elif kw in row:  # a keyword where the keyword fits
                    spec = fast.get(kw)
                    fm = spec[0](text, start_at) if spec is not None else None
                    if fm is not None:
                        # A one-line simple statement (`set x = "v";`, `return(pass);`,
                        # ...): its node, fed as the pseudo-terminal for the whole rule.
                        ttype = spec[1]  # type: ignore[index]
                        obj = spec[2](fm, line, line_start)  # type: ignore[index]
                        pos = fm.end()
                    elif kw in elif_words and (arm := elif_arm(kw, text, start_at, line,
                                                               line_start)) is not None:
                        # A whole simple else-if arm: fed as the goto on `elif`.
                        node, found, end, end_line, end_line_start = arm
                        top = self._feed(top, elif_words[kw], node, states, values, text,
                                         start_at, line, col, pos)
                        comments.extend(found)
                        pos, line, line_start = end, end_line, end_line_start
                        after = block_ends[bool(node.block.statements)]
                        continue
                    else:
                        ttype = kw
                        obj = tnew(Token, (kw, value, start_at, line, col, line, col + size,
                                           pos))
                else:
                    ttype, obj, colon = self._word(value, kw, row, start_at, line, col,
                                                   pos)
                    if ttype == "":  # `C!` / `W!` of generated VCL carry no meaning
                        after = held
                        continue
                    if colon:  # `name:` where no label may stand: the name, then a ':'
                        top = self._feed(top, ttype, obj, states, values, text, start_at,
                                         line, col, pos - 1)
                        start_at = pos - 1
                        col += size - 1
                        ttype = ops[":"][0]
                        obj = tnew(Token, (ttype, ":", start_at, line, col, line, col + 1, pos))
            elif kind == "(":
                got = paren_run(top, start_at, text, line, line_start, comments, states, values)
                if got is not None:
                    top, pos, line, line_start, after = got
                    continue  # pushed already
                ttype = lpar
                obj = tnew(Token, (ttype, value, start_at, line, col, line, col + 1, pos))
            elif kind == "o":
                ttype = single_ops.get(value)
                if ttype is None:
                    candidates = ops.get(value)
                    if candidates is None:
                        raise LexError(start_at, line, col, terminals_of(row))
                    ttype = candidates[0]
                    for cand in candidates:
                        if cand in row:
                            ttype = cand
                            break
                obj = tnew(Token, (ttype, value, start_at, line, col, line, col + size, pos))
            elif kind == "s":
                if size < 2 or value[-1] != '"':
                    raise LexError(start_at, line, col, terminals_of(row))
                ttype = "STRING"
                obj = string_literal(value)
                obj.line = line
                obj.column = col
                obj.end_line = line
                obj.end_column = col + size
            elif kind == "{":
                if size == 1:
                    if _LONG_OPEN.match(text, start_at):  # unterminated: fatal, stop here
                        raise LexError(start_at, line, col, terminals_of(row))
                    if fast and block_pseudo in row:
                        got = open_block(top, text, start_at, line, line_start, comments,
                                         states, values)
                        if got is not None:
                            top, pos, line, line_start, after = got
                            continue  # pushed already
                    ttype = single_ops["{"]
                    obj = tnew(Token, (ttype, value, start_at, line, col, line, col + 1, pos))
                else:
                    ttype = "LONG_STRING"
                    obj = _long_string(value)
                    line, line_start = _span(obj, value, start_at, line, line_start)
            elif kind == "n":
                last = value[-1]
                if last == "%":
                    ttype = "PERCENT"
                elif last in "smhdwy" and value[:2] not in ("0x", "0X"):
                    ttype = "RTIME"
                elif "." in value or (("e" in value or "E" in value)
                                      and value[:2] not in ("0x", "0X")):
                    ttype = "FLOAT"
                else:
                    ttype = "INT"
                obj = literals[ttype](value)
                obj.line = line
                obj.column = col
                obj.end_line = line
                obj.end_column = col + size
            elif kind == "c" or (kind == "/" and size > 1 and value[1] in "/*"):
                c, line, line_start = _comment(value, start_at, line, line_start)
                comments.append(c)
                after = held
                continue
            elif kind == "/":  # '/' or '/='
                if size == 1 and text.startswith("/*", start_at):  # unterminated: fatal
                    raise LexError(start_at, line, col, terminals_of(row))
                ttype = ops[value][0]
                obj = tnew(Token, (ttype, value, start_at, line, col, line, col + size, pos))
            else:  # "." PROP_NAME, or a lone '.'
                if size == 1:
                    raise LexError(start_at, line, col, terminals_of(row))
                ttype = "PROP_NAME"
                fm = (prop_spec[0](text, start_at)
                      if prop_spec is not None and ttype in row else None)
                if fm is not None:  # `.name = value;`: fed as the goto on `property`
                    ttype = "<property>"
                    obj = _fast_property(fm, line, line_start)
                    pos = fm.end()
                    after = property_end
                else:
                    obj = tnew(Token, (ttype, value, start_at, line, col, line, col + size, pos))

            # Feed the token: reduce as the table says, then shift.
            while True:
                act = actions[top].get(ttype)
                if act is None:
                    real = self.pseudo.get(ttype)
                    if real is not None:  # a fast path's node: report its first token
                        ttype, pos = real, start_at + size
                    raise ParseError(
                        Token(ttype, text[start_at:pos], start_at, line, col,
                              line, col + pos - start_at, pos),
                        terminals_of(actions[top]), list(states),
                        values[-1] if values else None)
                if act >= 0:
                    states.append(act)
                    values.append(obj)
                    top = act
                    break
                rule = rules[~act]
                rkind = rule[0]
                if rkind == 0:
                    # Chains of unit reductions (ident -> atom -> unary -> ... -> expr) only
                    # change the top state, as a function of (state below, top, lookahead).
                    key = (states[-2], top, ttype)
                    nxt = unit_memo.get(key)
                    if nxt is None:
                        nxt = unit_chain(states[-2], top, ttype)
                        unit_memo[key] = nxt
                    top = states[-1] = nxt
                elif rkind == 2:  # list := list item
                    item = values.pop()
                    if type(item) is list:
                        values[-1].extend(item)
                    else:
                        values[-1].append(item)
                    states.pop()
                    top = states[-1] = actions[states[-2]][rule[1]]
                elif rkind == 3:  # list := item
                    values[-1] = [values[-1]]
                    top = states[-1] = actions[states[-2]][rule[1]]
                else:  # build a node: the builder method gets the children
                    _, origin, rsize, callback, splice, expand1 = rule
                    built = build(states, values, rsize, callback, splice, expand1)
                    top = actions[states[-1]][origin]
                    states.append(top)
                    values.append(built)


        # End of input: reduce until the start symbol is complete.
        rest = text[pos:]
        if "\n" in rest:
            line += rest.count("\n")
            line_start = pos + rest.rindex("\n") + 1
        pos = len(text)
        end_col = pos - line_start + 1
        while True:
            act = actions[top].get("$END")
            if act is None or act >= 0:
                raise ParseError(Token("$END", "", pos, line, end_col, line, end_col, pos),
                                 terminals_of(actions[top]), list(states),
                                 values[-1] if values else None)
            reduce(rules[~act], states, values, actions)
            top = states[-1]
            if top == end_state:
                return values[-1]


def _span(node: Any, value: str, at: int, line: int, line_start: int) -> tuple[int, int]:
    """Place ``node`` on ``value`` read at offset ``at``, which may run over several lines;
    returns the line and line start where it ends."""
    node.line = line
    node.column = at - line_start + 1
    if "\n" in value:
        line += value.count("\n")
        line_start = at + value.rindex("\n") + 1
    node.end_line = line
    node.end_column = at + len(value) - line_start + 1
    return line, line_start


def _comment(value: str, at: int, line: int, line_start: int) -> tuple[A.Comment, int, int]:
    """The comment ``value`` read at ``at``, with the line and line start where it ends."""
    c = object.__new__(A.Comment)
    c.text = value
    c.style = "#" if value[0] == "#" else value[:2]
    line, line_start = _span(c, value, at, line, line_start)
    return c, line, line_start


def _build(states: list[int], values: list[Any], size: int, callback: Any,
           splice: tuple[int, ...], expand1: bool) -> Any:
    """Pop a rule's ``size`` children off the stacks and make its value: the node the builder
    returns, the lone child of an `?rule`, or the list of an inlined `_rule`."""
    if size:
        children = values[-size:]
        del values[-size:]
        del states[-size:]
    else:
        children = []
    if splice:
        children = _splice(children, splice)
    if expand1 and len(children) == 1:
        return children[0]
    if callback is None:
        return children  # an inlined `_rule`: its parent splices it
    return callback(children)


def _splice(children: list[Any], splice: tuple[int, ...]) -> list[Any]:
    """Children with the lists of inlined `_rules` (at the ``splice`` indexes) spread out."""
    merged: list[Any] = []
    for i, child in enumerate(children):
        if i in splice and type(child) is list:
            if i == 0:
                merged = child  # left recursion: reuse the growing list
            else:
                merged.extend(child)
        else:
            merged.append(child)
    return merged


def _transparent(tables: Tables) -> set[str]:
    """Inlined `_rules` whose every production is one symbol that is a token, a node-building
    rule or itself transparent: their value can be the child itself rather than a list."""
    productions: dict[str, list[Rule]] = {}
    for rule in tables.rules:
        productions.setdefault(rule.origin, []).append(rule)
    transparent: set[str] = set()
    changed = True
    while changed:
        changed = False
        for origin, prods in productions.items():
            if origin in transparent or not origin.startswith("_"):
                continue
            if all(p.size == 1 and (not p.expansion[0].startswith("_")
                                    or p.expansion[0] in transparent) for p in prods):
                transparent.add(origin)
                changed = True
    return transparent


def make_engine(builder: Any, loader: Callable[[], Tables] | None = None) -> Engine:
    from fastlysync.vcl.grammar import load_tables

    return Engine((loader or load_tables)(), builder)
