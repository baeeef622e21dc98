"""VCL abstract syntax tree: the contract between the parser and the lint rules.

Every node carries ``line``, ``column``, ``end_line`` and ``end_column`` (1-based; ``end_column``
is the column just past the node's last character, Lark's convention). Nodes are plain slotted
dataclasses for speed; treat them as immutable. Child lists are ordinary lists.

Walking is iterative (``walk``, ``Visitor``) so that deeply nested input (thousands of nested
``if`` blocks) never hits Python's recursion limit.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field, fields
from typing import ClassVar

__all__ = [
    "Acl",
    "AclEntry",
    "Add",
    "Backend",
    "Binary",
    "Block",
    "BoolLit",
    "Break",
    "Call",
    "Case",
    "Comment",
    "Concat",
    "Declaration",
    "Declare",
    "Director",
    "DirectorBackend",
    "Error",
    "Esi",
    "ExprStatement",
    "Expression",
    "ExpressionRoot",
    "Fallthrough",
    "FloatLit",
    "FunctionCall",
    "Goto",
    "Grouped",
    "IPLit",
    "Ident",
    "If",
    "IfBranch",
    "IfExpr",
    "Import",
    "Include",
    "IncludeStatement",
    "IntLit",
    "Label",
    "Log",
    "Node",
    "ObjectValue",
    "Param",
    "PenaltyBox",
    "PercentLit",
    "Pragma",
    "Program",
    "Property",
    "RTimeLit",
    "RateCounter",
    "Remove",
    "Restart",
    "Return",
    "Set",
    "Statement",
    "StatementList",
    "StringLit",
    "Subroutine",
    "Switch",
    "Synthetic",
    "Table",
    "TableEntry",
    "Unary",
    "Unset",
    "Visitor",
    "children",
    "walk",
    "walk_with_parents",
]


@dataclass(slots=True, eq=False)
class Node:
    """Base of every AST node; positions are keyword-only so subclasses keep positional fields."""

    line: int = field(default=0, kw_only=True, repr=False)
    column: int = field(default=0, kw_only=True, repr=False)
    end_line: int = field(default=0, kw_only=True, repr=False)
    end_column: int = field(default=0, kw_only=True, repr=False)

    # Names of the fields that may hold child nodes (filled lazily per class by ``children``).
    _child_fields: ClassVar[dict[type, tuple[str, ...]]] = {}

    @property
    def kind(self) -> str:
        """Class name, handy for dispatch tables and JSON dumps."""
        return type(self).__name__


# --------------------------------------------------------------------------- comments


@dataclass(slots=True, eq=False)
class Comment(Node):
    """A comment with its position. ``text`` is the full comment including its marker."""

    text: str
    style: str  # "#", "//" or "/*"

    @property
    def body(self) -> str:
        """The comment without its marker (and without ``*/``), stripped."""
        if self.style == "/*":
            return self.text[2:-2].strip() if self.text.endswith("*/") else self.text[2:].strip()
        return self.text[len(self.style):].strip()


# --------------------------------------------------------------------------- expressions


@dataclass(slots=True, eq=False)
class Expression(Node):
    """Base class of expressions."""


@dataclass(slots=True, eq=False)
class Ident(Expression):
    """A name: variable (``req.http.X-Foo``, ``req.http.Cookie:session``), backend, acl, action."""

    name: str

    @property
    def base(self) -> str:
        """Name without a ``:subfield`` part."""
        return self.name.split(":", 1)[0]

    @property
    def subfield(self) -> str | None:
        """The part after ``:`` in ``req.http.Cookie:session``, else None."""
        _, sep, sub = self.name.partition(":")
        return sub if sep else None


@dataclass(slots=True, eq=False)
class StringLit(Expression):
    """A string literal. ``value`` has ``%XX``/``%uXXXX`` escapes decoded (plain strings only)."""

    value: str
    raw: str  # exact source text including quotes / braces
    long: bool = False  # {"..."} or {DELIM"..."DELIM}
    delimiter: str = ""  # DELIM of a heredoc-style long string


@dataclass(slots=True, eq=False)
class IntLit(Expression):
    value: int
    raw: str


@dataclass(slots=True, eq=False)
class FloatLit(Expression):
    value: float
    raw: str


@dataclass(slots=True, eq=False)
class RTimeLit(Expression):
    """Relative time such as ``10s``, ``1.5m``, ``100ms``; ``seconds`` is the value in seconds."""

    seconds: float
    unit: str  # ms, s, m, h, d, w, y
    raw: str


@dataclass(slots=True, eq=False)
class PercentLit(Expression):
    """``50%`` as used by director ``.quorum``."""

    value: float
    raw: str


@dataclass(slots=True, eq=False)
class BoolLit(Expression):
    value: bool


@dataclass(slots=True, eq=False)
class IPLit(Expression):
    """An IP address (ACL entries). ``address`` is the text between the quotes."""

    address: str


@dataclass(slots=True, eq=False)
class Binary(Expression):
    """Infix operator: ``== != ~ !~ < > <= >= && || -``."""

    op: str
    left: Expression
    right: Expression


@dataclass(slots=True, eq=False)
class Unary(Expression):
    """Prefix operator: ``!``, ``-`` or ``+``."""

    op: str
    operand: Expression


@dataclass(slots=True, eq=False)
class Concat(Expression):
    """String concatenation, by juxtaposition or ``+``; ``explicit`` marks joins made with ``+``.

    ``len(explicit) == len(parts) - 1``: ``explicit[i]`` tells how ``parts[i]`` and ``parts[i+1]``
    were joined.
    """

    parts: list[Expression]
    explicit: list[bool] = field(default_factory=list)


@dataclass(slots=True, eq=False)
class FunctionCall(Expression):
    """A call such as ``std.tolower(req.url)`` or of a typed custom sub ``my_sub(a, b)``."""

    name: str
    args: list[Expression]


@dataclass(slots=True, eq=False)
class Grouped(Expression):
    """A parenthesised expression."""

    expr: Expression


@dataclass(slots=True, eq=False)
class IfExpr(Expression):
    """The ternary ``if(cond, then, otherwise)``."""

    condition: Expression
    then: Expression
    otherwise: Expression


# --------------------------------------------------------------------------- statements


@dataclass(slots=True, eq=False)
class Statement(Node):
    """Base class of statements."""


@dataclass(slots=True, eq=False)
class Block(Statement):
    """``{ ... }``: a sub body, an if branch, or a bare nested block."""

    statements: list[Statement]


@dataclass(slots=True, eq=False)
class Declare(Statement):
    """``declare local var.x TYPE [= expr];`` (``scope`` is ``local`` or ``block``)."""

    name: Ident
    type: str
    value: Expression | None = None
    scope: str = "local"


@dataclass(slots=True, eq=False)
class Set(Statement):
    """``set target op value;`` where op is one of ``= += -= ... rol= ror= &&= ||=``."""

    target: Ident
    op: str
    value: Expression


@dataclass(slots=True, eq=False)
class Unset(Statement):
    target: Ident


@dataclass(slots=True, eq=False)
class Remove(Statement):
    target: Ident


@dataclass(slots=True, eq=False)
class Add(Statement):
    target: Ident
    op: str
    value: Expression


@dataclass(slots=True, eq=False)
class Call(Statement):
    """``call name;`` / ``call name(args);``."""

    name: Ident
    args: list[Expression] = field(default_factory=list)


@dataclass(slots=True, eq=False)
class Error(Statement):
    """``error [status [response]];``."""

    status: Expression | None = None
    response: Expression | None = None


@dataclass(slots=True, eq=False)
class Restart(Statement):
    pass


@dataclass(slots=True, eq=False)
class Return(Statement):
    """``return;``, ``return(action);`` or ``return expr;`` (typed subs).

    A parenthesised bare word (``return(deliver)``, ``return (pass)``) is an ``action``;
    anything else is a ``value``. ``parenthesized`` records whether parentheses were used.
    """

    action: str | None = None
    value: Expression | None = None
    parenthesized: bool = False


@dataclass(slots=True, eq=False)
class Synthetic(Statement):
    value: Expression
    base64: bool = False


@dataclass(slots=True, eq=False)
class Esi(Statement):
    pass


@dataclass(slots=True, eq=False)
class Log(Statement):
    value: Expression


@dataclass(slots=True, eq=False)
class Goto(Statement):
    label: str


@dataclass(slots=True, eq=False)
class Label(Statement):
    """A goto destination ``name:``; ``name`` excludes the colon."""

    name: str


@dataclass(slots=True, eq=False)
class IfBranch(Node):
    """One ``if``/``else if`` arm. ``keyword`` is how it was spelled: if, else if, elseif, elsif."""

    condition: Expression
    block: Block
    keyword: str = "if"


@dataclass(slots=True, eq=False)
class If(Statement):
    """A whole if / else-if chain, flattened (so 50,000 arms are a list, not a deep tree)."""

    branches: list[IfBranch]
    else_block: Block | None = None


@dataclass(slots=True, eq=False)
class Case(Node):
    """``case value:`` (``value`` None means ``default:``)."""

    value: Expression | None
    statements: list[Statement]
    fallthrough: bool = False  # ends with ``fallthrough;``


@dataclass(slots=True, eq=False)
class Switch(Statement):
    subject: Expression
    cases: list[Case]


@dataclass(slots=True, eq=False)
class Break(Statement):
    pass


@dataclass(slots=True, eq=False)
class Fallthrough(Statement):
    pass


@dataclass(slots=True, eq=False)
class IncludeStatement(Statement):
    """``include "file";`` inside a sub body. ``target`` is the unquoted name."""

    target: str

    @property
    def snippet_name(self) -> str | None:
        return self.target[len("snippet::"):] if self.target.startswith("snippet::") else None


@dataclass(slots=True, eq=False)
class ExprStatement(Statement):
    """A bare function call used as a statement, e.g. ``h2.push("/style.css");``."""

    expr: Expression


# --------------------------------------------------------------------------- declarations


@dataclass(slots=True, eq=False)
class Declaration(Node):
    """Base class of top-level declarations."""


@dataclass(slots=True, eq=False)
class AclEntry(Node):
    """``[!]"address"[/prefix];``."""

    address: IPLit
    prefix: int | None = None
    negated: bool = False


@dataclass(slots=True, eq=False)
class Acl(Declaration):
    name: Ident
    entries: list[AclEntry]


@dataclass(slots=True, eq=False)
class ObjectValue(Node):
    """``{ .prop = value; ... }`` as the value of a property (``.probe``)."""

    properties: list[Property]


@dataclass(slots=True, eq=False)
class Property(Node):
    """``.name = value;`` (``name`` without the dot)."""

    name: str
    value: Expression | ObjectValue


@dataclass(slots=True, eq=False)
class Backend(Declaration):
    name: Ident
    properties: list[Property]

    def get(self, prop: str) -> Expression | ObjectValue | None:
        for p in self.properties:
            if p.name == prop:
                return p.value
        return None


@dataclass(slots=True, eq=False)
class DirectorBackend(Node):
    """One ``{ .backend = F_x; .weight = 1; }`` entry of a director."""

    properties: list[Property]


@dataclass(slots=True, eq=False)
class Director(Declaration):
    name: Ident
    type: str  # random, fallback, hash, client, chash, ...
    properties: list[Property]
    backends: list[DirectorBackend]


@dataclass(slots=True, eq=False)
class TableEntry(Node):
    key: StringLit
    value: Expression


@dataclass(slots=True, eq=False)
class Table(Declaration):
    """``table name [TYPE] { "k": v, ... }``; ``value_type`` None means STRING by default."""

    name: Ident
    value_type: str | None
    entries: list[TableEntry]


@dataclass(slots=True, eq=False)
class RateCounter(Declaration):
    name: Ident
    properties: list[Property] = field(default_factory=list)


@dataclass(slots=True, eq=False)
class PenaltyBox(Declaration):
    name: Ident
    properties: list[Property] = field(default_factory=list)


@dataclass(slots=True, eq=False)
class Include(Declaration):
    """Top-level ``include "target";``; ``snippet::name`` targets name a Fastly snippet."""

    target: str

    @property
    def snippet_name(self) -> str | None:
        return self.target[len("snippet::"):] if self.target.startswith("snippet::") else None


@dataclass(slots=True, eq=False)
class Import(Declaration):
    name: str


@dataclass(slots=True, eq=False)
class Pragma(Declaration):
    """``pragma name args...;`` (generated VCL); ``args`` are the raw following words."""

    name: str
    args: list[str] = field(default_factory=list)


@dataclass(slots=True, eq=False)
class Param(Node):
    """A custom sub parameter ``TYPE var.name``."""

    type: str
    name: Ident


@dataclass(slots=True, eq=False)
class Subroutine(Declaration):
    """``sub name[(params)] [RETTYPE] { body }``; ``return_type`` None means VOID."""

    name: Ident
    params: list[Param]
    return_type: str | None
    body: Block


@dataclass(slots=True, eq=False)
class StatementList(Declaration):
    """The whole body of a statement-only snippet file (recv/fetch/... snippets)."""

    statements: list[Statement]


@dataclass(slots=True, eq=False)
class ExpressionRoot(Declaration):
    """The single expression of ``mode="expression"`` input (spec conditions)."""

    expr: Expression


@dataclass(slots=True, eq=False)
class Program(Node):
    """One parsed file. ``comments`` holds every comment in source order."""

    path: str
    declarations: list[Declaration]
    comments: list[Comment] = field(default_factory=list)

    def subroutines(self) -> Iterator[Subroutine]:
        return (d for d in self.declarations if isinstance(d, Subroutine))

    def comments_between(self, start_line: int, end_line: int) -> list[Comment]:
        """Comments whose first line lies in ``[start_line, end_line]``."""
        return [c for c in self.comments if start_line <= c.line <= end_line]


# --------------------------------------------------------------------------- walking


def _fields_of(cls: type) -> tuple[str, ...]:
    names = Node._child_fields.get(cls)
    if names is None:
        skip = {"line", "column", "end_line", "end_column"}
        names = tuple(f.name for f in fields(cls) if f.name not in skip)
        Node._child_fields[cls] = names
    return names


def children(node: Node) -> Iterator[Node]:
    """Direct child nodes in source order."""
    for name in _fields_of(type(node)):
        value = getattr(node, name)
        if isinstance(value, Node):
            yield value
        elif isinstance(value, list):
            for item in value:
                if isinstance(item, Node):
                    yield item


def walk(node: Node) -> Iterator[Node]:
    """Pre-order traversal, iterative (safe for any depth). ``Program.comments`` are skipped."""
    stack: list[Node] = [node]
    pop, extend = stack.pop, stack.extend
    while stack:
        current = pop()
        yield current
        if isinstance(current, Program):
            extend(reversed(current.declarations))
        else:
            extend(reversed(list(children(current))))


def walk_with_parents(node: Node) -> Iterator[tuple[Node, tuple[Node, ...]]]:
    """Pre-order traversal yielding ``(node, ancestors)``; ancestors run root first."""
    stack: list[tuple[Node, tuple[Node, ...]]] = [(node, ())]
    while stack:
        current, parents = stack.pop()
        yield current, parents
        inner = (*parents, current)
        kids = current.declarations if isinstance(current, Program) else list(children(current))
        stack.extend((kid, inner) for kid in reversed(kids))


class Visitor:
    """Iterative visitor: override ``visit_<ClassName>(node)`` and/or ``leave_<ClassName>(node)``.

    ``self.stack`` holds the ancestors of the node being visited (root first). A ``visit_*``
    method returning ``False`` skips that node's children. ``generic_visit``/``generic_leave``
    run for classes without a specific method.
    """

    def __init__(self) -> None:
        self.stack: list[Node] = []

    def generic_visit(self, node: Node) -> bool | None:
        return None

    def generic_leave(self, node: Node) -> None:
        return None

    def visit(self, root: Node) -> None:
        self.stack = []
        leave_marker = object()
        todo: list[object] = [root]
        while todo:
            item = todo.pop()
            if item is leave_marker:
                node = self.stack.pop()
                getattr(self, "leave_" + type(node).__name__, self.generic_leave)(node)
                continue
            node = item  # type: ignore[assignment]
            assert isinstance(node, Node)
            result = getattr(self, "visit_" + type(node).__name__, self.generic_visit)(node)
            if result is False:
                getattr(self, "leave_" + type(node).__name__, self.generic_leave)(node)
                continue
            self.stack.append(node)
            todo.append(leave_marker)
            kids = node.declarations if isinstance(node, Program) else list(children(node))
            todo.extend(reversed(kids))
