"""Run the LALR(1) tables of grammar/vcl.lark over VCL text: lexer and parser in one loop.

Why not Lark's own lexer and parser loop: this runs once per token, and per-token Python
overhead is what limits lint speed. So the lexer is a single master regex (assembled from the
grammar's terminal patterns) driven by the same loop that shifts and reduces; it settles the
context-dependent cases by looking at the parser's current state, as Lark's contextual lexer
does: a keyword is read as a name where only a name fits (so ``return(restart)`` or a sub
called ``log`` still parse), ``foo:`` is a goto label only where a statement may start,
and ``~`` is a comparison or the marker of ``case ~ "regex":``. Literal tokens become AST nodes
right away; the builder (``parser._Builder``) makes the rest from each reduced rule.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from operator import itemgetter
from typing import Any

from fastlysync.vcl import ast as A
from fastlysync.vcl.grammar import Rule, Tables

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
    node.seconds = float(value[: -len(unit)]) * _RTIME_UNITS[unit]
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
    "vs": _string, "vl": _long_string, "vr": _rtime, "vf": _float, "vi": _int,
}


def _operand(m: re.Match[str], line: int, line_start: int) -> Any:
    """The value node that ends a fast-path match (its group is the match's last one)."""
    group = m.lastgroup
    start, end = m.span(group)
    raw = m.string[start:end]
    make = _OPERAND_MAKERS.get(group)
    node: Any
    if make is not None:
        node = make(raw)
    elif raw == "true" or raw == "false":
        node = object.__new__(A.BoolLit)
        node.value = raw == "true"
    else:
        node = object.__new__(A.Ident)
        node.name = raw
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


def _fast_esi(m: re.Match[str], line: int, line_start: int) -> A.Esi:
    return _statement_at(object.__new__(A.Esi), m, line, line_start)  # type: ignore[no-any-return]


def _fast_restart(m: re.Match[str], line: int, line_start: int) -> A.Restart:
    return _statement_at(object.__new__(A.Restart), m, line,  # type: ignore[no-any-return]
                         line_start)


def _fast_comparison(m: re.Match[str], line: int, line_start: int) -> A.Binary:
    """The Binary node for a match of ``Engine.fast_expr``."""
    start, end = m.span(1)
    word = m.string[start:end]
    left: Any
    if word == "true" or word == "false":
        left = object.__new__(A.BoolLit)
        left.value = word == "true"
    else:
        left = object.__new__(A.Ident)
        left.name = word
    left.line = left.end_line = line
    left.column = start - line_start + 1
    left.end_column = end - line_start + 1
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


# Statement keyword -> the builder of its fast path, and the class it builds.
_FAST_STATEMENTS: dict[str, Callable[[re.Match[str], int, int], A.Node]] = {
    "set": _fast_set, "add": _fast_add, "unset": _fast_unset, "remove": _fast_remove,
    "return": _fast_return, "call": _fast_call, "error": _fast_error, "esi": _fast_esi,
    "restart": _fast_restart,
}
_FAST_CLASSES: dict[str, type[A.Node]] = {
    "set": A.Set, "add": A.Add, "unset": A.Unset, "remove": A.Remove, "return": A.Return,
    "call": A.Call, "error": A.Error, "esi": A.Esi, "restart": A.Restart,
}
# The pseudo-terminal a fast comparison is fed as: the goto on `cmp_expr`, so that it can be
# an operand of && and || as well as a whole condition.
_CMP_GOTO = "cmp_expr"
_EXPR_PSEUDO = "<cmp>"
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

        # finditer over the whole text yields (whitespace, token, long-string delimiter)
        # groups, so the regex engine does the scanning in C and Python only classifies each
        # token by its first character. The last branch takes any single character, so nothing
        # is skipped silently; characters no token can start with become LexErrors. It is
        # finditer, not findall, so that the first unterminated {"... or /*... (whose branch
        # scans to the end of the text before failing) stops lexing: with findall every later
        # opener would scan to the end again, quadratic on hostile input. Branches
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
        self.unit_memo: dict[tuple[int, int, str], int] = {}

    def _compile_fast_paths(self, terms: dict[str, tuple[str, str | None]]) -> None:
        """Regexes for one-line simple statements, matched at their keyword. Anything they do
        not match (a comment inside, an expression, a line break) takes the general path."""
        name = terms["IDENT"][0]
        end = r"[ \t]*;"
        value = (f"(?:(?P<vs>{terms['STRING'][0]})|(?P<vr>{terms['RTIME'][0]})"
                 f"|(?P<vf>{terms['FLOAT'][0]})|(?P<vi>{terms['INT'][0]})|(?P<vn>{name}))")
        assign = "|".join(map(re.escape, sorted((o for o, t in self.ops.items()
                                                 if "ASSIGN_OP" in t), key=len, reverse=True)))
        set_re = rf"[ \t]+(?P<t>{name})[ \t]*(?P<op>{assign})[ \t]*{value}{end}"
        patterns = {
            "set": "set" + set_re,
            "add": "add" + set_re,
            "unset": rf"unset[ \t]+(?P<t>{name}){end}",
            "remove": rf"remove[ \t]+(?P<t>{name}){end}",
            "return": r"return[ \t]*(?:\([ \t]*(?P<a>[A-Za-z_][A-Za-z0-9_]*)[ \t]*\)[ \t]*)?;",
            "call": rf"call[ \t]+(?P<t>{name}){end}",
            "error": (rf"error(?:[ \t]+(?P<code>[0-9]+)(?![0-9A-Za-z_.])"
                      rf"(?:[ \t]*(?P<s>{terms['STRING'][0]}))?)?{end}"),
            "esi": f"esi{end}",
            "restart": f"restart{end}",
        }
        cmp = "|".join(map(re.escape, sorted((o for o, t in self.ops.items() if "CMP_OP" in t),
                                              key=len, reverse=True)))
        # The long string is atomic: otherwise the lazy body could stretch past its first
        # closing "} to a later one that happens to be followed by ')'. It stays on one line,
        # as everything a fast path matches does (positions are computed within the line).
        long_string = terms["LONG_STRING"][0].replace(r"[\s\S]", r"[^\n]")
        operand = value.replace("(?:(?P<vs>", f"(?:(?P<vl>(?>{long_string}))|(?P<vs>")
        self.fast_expr = re.compile(
            rf"[ \t]*(?P<t>{name})[ \t]*(?P<op>{cmp})[ \t]*{operand}[ \t]*(?=[),;]|&&|\|\|)")
        # keyword terminal -> (match, pseudo-terminal, node builder)
        self.fast: dict[str, tuple[Callable[..., re.Match[str] | None], str,
                                   Callable[[re.Match[str], int, int], A.Node]]] = {}
        self.pseudo: dict[str, str] = {_EXPR_PSEUDO: "IDENT"}  # pseudo -> real terminal
        self.fast_rule: dict[str, str] = {}  # pseudo -> the rule its node stands for
        self.fast_words: dict[str, tuple[Callable[..., re.Match[str] | None],
                                         Callable[[re.Match[str], int, int], A.Node]]] = {}
        for word, pattern in patterns.items():
            terminal = self.keywords.get(word)
            if terminal is not None and terminal[0] != "\0":
                pseudo = f"<{word}>"
                match = re.compile(pattern).match
                self.fast[terminal] = (match, pseudo, _FAST_STATEMENTS[word])
                self.fast_words[word] = (match, _FAST_STATEMENTS[word])
                self.pseudo[pseudo] = terminal
                self.fast_rule[pseudo] = word
        self.fast_pseudo = {_FAST_CLASSES[w]: f"<{w}>" for w in self.fast_words}
        # Inside a block, one step: whitespace, then a comment, a word or the closing '}'.
        self.block_step = re.compile(
            rf"([ \t\f\r\n]*+)(?:({terms['COMMENT'][0]})|([a-z]+)|\}})").match
        self.pseudo[_BLOCK_PSEUDO] = self.single_ops["{"]
        # `( name OP operand )`, an if/else-if head, is the commonest parenthesis of all: after
        # the '(', `fast_expr` and a ')' (see `_paren_run`).
        self.brace_after = re.compile(r"[ \t]*\{").match
        self.lpar = self.single_ops["("]
        self.rpar = self.single_ops[")"]
        self.paren_runs: dict[int, list[int] | None] = {}

    def _augment(self, actions: tuple[dict[str, int], ...]) -> tuple[dict[str, int], ...]:
        """Copies of the action rows with the fast paths' pseudo-terminals added.

        A statement built by a fast path is fed as ``<set>`` (etc.): where the table reduces on
        the keyword ``SET``, ``<set>`` reduces the same way; where it shifts ``SET``, ``<set>``
        goes straight to the state after a whole ``set`` statement (the goto on ``set``). A fast
        comparison is fed as ``<cmp>``, the goto on ``cmp_expr`` (no row that has one reduces on
        IDENT, so nothing is reduced first), and a block as ``<block>``, the goto on ``block``,
        tried only where that goto exists (so '{' there starts a block and nothing else). Pseudo-terminal names are not UPPERCASE, so
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

    def _open_block(self, top: int, text: str, start: int, line: int, line_start: int,
                    comments: list[A.Comment], states: list[int],
                    values: list[Any]) -> tuple[int, int, int, int] | None:
        """At a '{' that opens a block (the top row has the `block` goto): read the simple
        statements and comments that follow without the LR loop.

        If the block holds nothing else, its node is pushed as the goto on `block`. Otherwise
        the '{' and the statements read so far are fed as the general path would have fed them
        (the statements as their fast-path pseudo-terminals), and scanning resumes at the first
        thing that needs the general path. Returns (top state, offset to resume at, line,
        line start there), or None if nothing was read.
        """
        new = object.__new__
        step = self.block_step
        fast_words = self.fast_words
        statements: list[A.Node] = []
        offsets: list[int] = []  # where each statement starts (for a partial block)
        pos = start + 1
        first_line, first_line_start = line, line_start
        while True:
            m = step(text, pos)
            if m is None:
                break
            ws, comment, word = m.groups()
            at = pos + len(ws)
            if word is not None:
                spec = fast_words.get(word)
                fm = spec[0](text, at) if spec is not None else None
                if fm is None:
                    break
                if "\n" in ws:
                    line += ws.count("\n")
                    line_start = pos + ws.rindex("\n") + 1
                statements.append(spec[1](fm, line, line_start))  # type: ignore[index]
                offsets.append(at)
                pos = fm.end()
                continue
            if "\n" in ws:
                line += ws.count("\n")
                line_start = pos + ws.rindex("\n") + 1
            if comment is not None:
                c = new(A.Comment)
                c.text = comment
                c.style = "#" if comment[0] == "#" else comment[:2]
                c.line = line
                c.column = at - line_start + 1
                pos = at + len(comment)
                if "\n" in comment:
                    line += comment.count("\n")
                    line_start = at + comment.rindex("\n") + 1
                c.end_line = line
                c.end_column = pos - line_start + 1
                comments.append(c)
                continue
            # The closing '}': the whole block is ours.
            block: Any = new(A.Block)
            block.statements = statements
            block.line = first_line
            block.column = start - first_line_start + 1
            block.end_line = line
            block.end_column = at - line_start + 2
            top = self.actions[top][_BLOCK_PSEUDO]
            states.append(top)
            values.append(block)
            return top, at + 1, line, line_start
        if pos == start + 1:
            return None  # nothing read: the general path takes the '{'
        column = start - first_line_start + 1
        lbrace = self.single_ops["{"]
        top = self._feed(top, lbrace, Token(lbrace, "{", start, first_line, column, first_line,
                                            column + 1, start + 1),
                         states, values, text, start, first_line, column, start + 1)
        for node, offset in zip(statements, offsets, strict=True):
            pseudo = self.fast_pseudo[type(node)]  # "<set>": the keyword is len - 2 long
            top = self._feed(top, pseudo, node, states, values, text, offset, node.line,
                             node.column, offset + len(pseudo) - 2)
        return top, pos, line, line_start

    def _paren_run(self, top: int, start: int, m: re.Match[str], line: int, line_start: int,
                   comments: list[A.Comment], states: list[int],
                   values: list[Any]) -> tuple[int, int, int, int] | None:
        """Push ``( name OP operand )`` (a '(' at ``start``, then ``m``, a match of
        ``fast_expr``, then ')') in one step, and open the block after it, if any. Returns
        (top state, offset after, line, line start), or None where the parser would do more
        than shift the three (with unit reductions)."""
        run = self.paren_runs.get(top, _UNKNOWN)
        if run is _UNKNOWN:
            run = self._run(self.paren_runs, top, (self.lpar, _EXPR_PSEUDO, self.rpar))
        if run is None:
            return None
        end = m.end() + 1
        col = start - line_start + 1
        states.extend(run)
        new = tuple.__new__
        values.extend((
            new(Token, (self.lpar, "(", start, line, col, line, col + 1, start + 1)),
            _fast_comparison(m, line, line_start),
            new(Token, (self.rpar, ")", end - 1, line, end - line_start, line,
                        end - line_start + 1, end))))
        top = run[-1]
        brace = self.brace_after(m.string, end)
        if brace is not None and _BLOCK_PSEUDO in self.actions[top]:
            got = self._open_block(top, m.string, brace.end() - 1, line, line_start, comments,
                                   states, values)
            if got is not None:
                return got
        return top, end, line, line_start

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
        if kind == 3:
            values[-1] = [values[-1]]
            states[-1] = actions[states[-2]][origin]
            return
        if size:
            children = values[-size:]
            del values[-size:]
            del states[-size:]
        else:
            children = []
        if splice:
            children = _splice(children, splice)
        if expand1 and len(children) == 1:
            value = children[0]
        elif callback is None:
            value = children  # an inlined `_rule`: its parent splices it
        else:
            value = callback(children)
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

        scan = self.scanner.finditer
        fast = self.fast
        fast_expr = self.fast_expr.match
        fast_comparison = _fast_comparison
        expr_pseudo = _EXPR_PSEUDO
        block_pseudo = _BLOCK_PSEUDO
        open_block = self._open_block
        lpar = single_ops["("]
        matches = scan(text)
        while True:
            resume = -1
            for m in matches:
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
                        if expr_pseudo in actions[top]:
                            fm = fast_expr(text, start_at)
                            if fm is not None:
                                # `name OP literal-or-name` before `)`, `;`, `,`, && or ||:
                                # the comparison, fed as the goto on `cmp_expr`.
                                ttype = expr_pseudo
                                obj = fast_comparison(fm, line, line_start)
                                resume = fm.end()
                        if resume < 0:
                            ttype = "IDENT"
                            obj = new(Ident)
                            obj.name = value
                            obj.line = line
                            obj.column = col
                            obj.end_line = line
                            obj.end_column = col + size
                    elif kw in actions[top]:  # a keyword where the keyword fits
                        spec = fast.get(kw)
                        fm = spec[0](text, start_at) if spec is not None else None
                        if fm is not None:
                            # A one-line simple statement (`set x = "v";`, `return(pass);`,
                            # ...): its node, fed as the pseudo-terminal for the whole rule.
                            ttype = spec[1]  # type: ignore[index]
                            obj = spec[2](fm, line, line_start)  # type: ignore[index]
                            resume = fm.end()
                        else:
                            ttype = kw
                            obj = tnew(Token, (kw, value, start_at, line, col, line, col + size,
                                               pos))
                    else:
                        ttype, obj, colon = self._word(value, kw, actions[top], start_at, line, col,
                                                       pos)
                        if ttype == "":  # `C!` / `W!` of generated VCL carry no meaning
                            continue
                        if colon:  # `name:` where no label may stand: the name, then a ':'
                            top = self._feed(top, ttype, obj, states, values, text, start_at,
                                             line, col, pos - 1)
                            start_at = pos - 1
                            col += size - 1
                            ttype = ops[":"][0]
                            obj = tnew(Token, (ttype, ":", start_at, line, col, line, col + 1, pos))
                elif kind == "(":
                    fm = fast_expr(text, pos)
                    if fm is not None and text.startswith(")", fm.end()):
                        got = self._paren_run(top, start_at, fm, line, line_start, comments,
                                              states, values)
                        if got is not None:
                            top, pos, line, line_start = got
                            resume = pos
                            break  # pushed already: scan again from its end
                    ttype = lpar
                    obj = tnew(Token, (ttype, value, start_at, line, col, line, col + 1, pos))
                elif kind == "o":
                    ttype = single_ops.get(value)
                    if ttype is None:
                        candidates = ops.get(value)
                        if candidates is None:
                            raise LexError(start_at, line, col, terminals_of(actions[top]))
                        ttype = candidates[0]
                        row = actions[top]
                        for cand in candidates:
                            if cand in row:
                                ttype = cand
                                break
                    obj = tnew(Token, (ttype, value, start_at, line, col, line, col + size, pos))
                elif kind == "s":
                    if size < 2 or value[-1] != '"':
                        raise LexError(start_at, line, col, terminals_of(actions[top]))
                    ttype = "STRING"
                    obj = string_literal(value)
                    obj.line = line
                    obj.column = col
                    obj.end_line = line
                    obj.end_column = col + size
                elif kind == "{":
                    if size == 1:
                        if _LONG_OPEN.match(text, start_at):  # unterminated: fatal, stop here
                            raise LexError(start_at, line, col, terminals_of(actions[top]))
                        if block_pseudo in actions[top]:
                            got = open_block(top, text, start_at, line, line_start, comments,
                                             states, values)
                            if got is not None:
                                top, pos, line, line_start = got
                                resume = pos
                                break  # pushed already: scan again from its end
                        ttype = single_ops["{"]
                        obj = tnew(Token, (ttype, value, start_at, line, col, line, col + 1, pos))
                    else:
                        ttype = "LONG_STRING"
                        obj = _long_string(value)
                        obj.line = line
                        obj.column = col
                        if "\n" in value:
                            line += value.count("\n")
                            line_start = start_at + value.rindex("\n") + 1
                            obj.end_line = line
                            obj.end_column = pos - line_start + 1
                        else:
                            obj.end_line = line
                            obj.end_column = col + size
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
                    c = new(A.Comment)
                    c.text = value
                    c.style = "#" if kind == "c" else value[:2]
                    c.line = line
                    c.column = col
                    if "\n" in value:
                        line += value.count("\n")
                        line_start = start_at + value.rindex("\n") + 1
                        c.end_line = line
                        c.end_column = pos - line_start + 1
                    else:
                        c.end_line = line
                        c.end_column = col + size
                    comments.append(c)
                    continue
                elif kind == "/":  # '/' or '/='
                    if size == 1 and text.startswith("/*", start_at):  # unterminated: fatal
                        raise LexError(start_at, line, col, terminals_of(actions[top]))
                    ttype = ops[value][0]
                    obj = tnew(Token, (ttype, value, start_at, line, col, line, col + size, pos))
                else:  # "." PROP_NAME, or a lone '.'
                    if size == 1:
                        raise LexError(start_at, line, col, terminals_of(actions[top]))
                    ttype = "PROP_NAME"
                    obj = tnew(Token, (ttype, value, start_at, line, col, line, col + size, pos))

                # Feed the token: reduce as the table says, then shift.
                while True:
                    act = actions[top].get(ttype)
                    if act is None:
                        real = self.pseudo.get(ttype, ttype)
                        raise ParseError(
                            Token(real, text[start_at:pos], start_at, line, col,
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
                        if rsize:
                            children = values[-rsize:]
                            del values[-rsize:]
                            del states[-rsize:]
                        else:
                            children = []
                        if splice:
                            children = _splice(children, splice)
                        if expand1 and len(children) == 1:
                            built = children[0]
                        elif callback is None:
                            built = children  # an inlined `_rule`: its parent splices it
                        else:
                            built = callback(children)
                        top = actions[states[-1]][origin]
                        states.append(top)
                        values.append(built)
                if resume >= 0:
                    break  # a fast path matched past this token: scan again from its end
            if resume < 0:
                break
            pos = resume
            matches = scan(text, pos)

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
