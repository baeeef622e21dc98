"""One pass over an assembled VCL program that every rule reads from.

Rules must stay cheap: instead of each rule walking the tree, this module walks each sub, snippet
body and condition once and files every interesting node under its type, together with the
container (sub, snippet or condition) it sits in and the file it came from. It also gathers the
declarations, the call graph, the local variables and the scope of each container.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import defaultdict

from .. import ast as A
from ..catalogue import ALL_SCOPES, SCOPE_BIT, Catalogue, scope_names
from ..records import field, record
from ..scopes import BUILTIN_SUBS, infer_scopes, parse_scope_annotation

TYPE_CHECKING = False  # typing itself costs a cold lint its import
if TYPE_CHECKING:
    from typing import Any

    from ..context import ServiceContext
    from ..diagnostic import Diagnostic

DECL_KINDS = ("backend", "director", "acl", "table", "ratecounter", "penaltybox")
_DECL_TYPES: dict[type, str] = {
    A.Backend: "backend",
    A.Director: "director",
    A.Acl: "acl",
    A.Table: "table",
    A.RateCounter: "ratecounter",
    A.PenaltyBox: "penaltybox",
}
_KIND_TYPE = {
    "backend": "BACKEND",
    "director": "BACKEND",
    "acl": "ACL",
    "table": "TABLE",
    "ratecounter": "ID",
    "penaltybox": "ID",
}
LOCAL_TYPES = frozenset({"BOOL", "INTEGER", "FLOAT", "TIME", "RTIME", "STRING", "REGEX", "IP",
                         "BACKEND", "ACL"})

# Function parameters that name a declaration rather than take a value: (function, index) -> kind.
_NAMED_ARGS: dict[tuple[str, int], str] = {
    ("ratelimit.check_rate", 1): "ratecounter",
    ("ratelimit.check_rate", 5): "penaltybox",
    ("ratelimit.check_rates", 1): "ratecounter",
    ("ratelimit.check_rates", 5): "ratecounter",
    ("ratelimit.check_rates", 9): "penaltybox",
    ("ratelimit.penaltybox_add", 0): "penaltybox",
    ("ratelimit.penaltybox_has", 0): "penaltybox",
    ("ratelimit.ratecounter_increment", 0): "ratecounter",
}
_PARAM_ROLE = {"TABLE": "table", "ACL": "acl", "BACKEND": "backend", "ID": "id"}
# Regex-taking builtins: name -> index of the pattern argument.
REGEX_ARGS = {"regsub": 1, "regsuball": 1, "querystring.regfilter": 1,
              "querystring.regfilter_except": 1}
_LITERALS = frozenset({A.StringLit, A.IntLit, A.FloatLit, A.RTimeLit, A.BoolLit, A.PercentLit,
                       A.IPLit})
_RECORDED = frozenset({A.If, A.Switch, A.Set, A.Return, A.Error, A.Restart, A.Synthetic})
"""Statement types rules look up in `Analysis.occ` (others are gathered in their own lists)."""
_SIMPLE_TYPES: dict[type, str] = {
    A.StringLit: "STRING", A.IntLit: "INTEGER", A.FloatLit: "FLOAT", A.RTimeLit: "RTIME",
    A.BoolLit: "BOOL", A.IPLit: "IP", A.Concat: "STRING",
}
_SINGLE_BITS = tuple(SCOPE_BIT[scope] for scope in BUILTIN_SUBS.values())
GENERATED_LOCALS: dict[int, dict[str, str]] = {
    SCOPE_BIT["RECV"]: {"var.fastly_req_do_shield": "BOOL"},
    SCOPE_BIT["FETCH"]: {"var.fastly_disable_restart_on_error": "BOOL"},
}
"""Locals Fastly's generated VCL declares before the `#FASTLY` macro (seen in the VCL Fastly
renders for real services): snippets and the code after the macro may use them."""
_ANY_GENERATED = {k: v for names in GENERATED_LOCALS.values() for k, v in names.items()}
# A request condition also guards bereq headers (vcl_miss, vcl_pass); a response condition
# also guards logging endpoints (vcl_log).
_CONDITION_EXTRA = {SCOPE_BIT["RECV"]: SCOPE_BIT["MISS"] | SCOPE_BIT["PASS"],
                    SCOPE_BIT["DELIVER"]: SCOPE_BIT["LOG"]}
# Wildcard variables whose middle part names a declaration.
_NAMED_VARIABLES = (("backend.", "backend"), ("director.", "director"),
                    ("ratecounter.", "ratecounter"))
_USE_ROLES = frozenset({"value", "backend", "acl", "table", "ratecounter", "penaltybox"})
_USE_MARKS: dict[str, tuple[tuple[str, str], ...]] = {}


def _use_marks(name: str) -> tuple[tuple[str, str], ...]:
    """The (kind, name) pairs a read of ``name`` marks as used; memoised, as the same names
    are read over and over."""
    marks = _USE_MARKS.get(name)
    if marks is not None:
        return marks
    base = name.split(":", 1)[0]
    if "." not in base:
        marks = tuple((kind, base) for kind in ("backend", "director", "acl", "table",
                                                "ratecounter", "penaltybox"))
    else:
        marks = ()
        for prefix, kind in _NAMED_VARIABLES:
            if base.startswith(prefix):
                middle = base[len(prefix):].split(".", 1)[0]
                marks = ((kind, middle), ("director", middle)) if kind == "backend" else (
                    (kind, middle),)
                break
    if len(_USE_MARKS) > 50_000:  # a bound for long-running processes
        _USE_MARKS.clear()
    _USE_MARKS[name] = marks
    return marks


@record(eq=False, slots=True)
class SourceFile:
    """One parsed file (or snippet, or condition) taking part in a lint unit."""

    path: str
    text: str
    program: A.Program | None
    mode: str
    syntax: list[Diagnostic] = field(default_factory=list)
    line_offset: int = 0
    """Added to every line reported in this file (snippet content embedded in a spec)."""
    label: str = ""
    one_line: bool = False
    """Its lines do not map onto the spec's (a quoted or folded YAML string): every finding
    points at the line the string starts on."""
    scope_from_name: bool = False
    """A statement-only file whose scope is only guessed from its file name (`x_deliver.vcl`
    may well be uploaded as an error snippet): its scope findings are warnings."""

    def lines(self, line: int, end_line: int) -> tuple[int, int]:
        """Where lines `line`..`end_line` of this text are in its file."""
        if self.one_line:
            return self.line_offset + 1, self.line_offset + 1
        return line + self.line_offset, end_line + self.line_offset

    @property
    def comments(self) -> list[A.Comment]:
        return self.program.comments if self.program is not None else []


@record(eq=False, slots=True)
class Container:
    """A sub, a snippet body or a condition: a run of code with one scope."""

    name: str
    kind: str
    """sub, snippet or condition."""
    node: A.Node
    file: SourceFile
    scope: int = 0
    """Bit mask of scopes it runs in; 0 when unknown (scope checks are then skipped)."""
    fixed: bool = False
    return_type: str | None = None
    params: dict[str, str] = field(default_factory=dict)
    locals: dict[str, list[A.Declare]] = field(default_factory=dict)
    local_uses: list[tuple[A.Ident, SourceFile, bool]] = field(default_factory=list)
    """Every `var.*` reference: (ident, file, is_write)."""
    has_labels: bool = False
    guessed: bool = False
    """Its scope is only a guess from its name (`force_error`): nothing calls it."""
    shared: dict[str, list[A.Declare]] | None = None
    """The locals of the whole Fastly subroutine this runs in (every definition of a builtin
    sub, the snippets of its type, conditions placed there); None: just `locals`."""
    generated: dict[str, str] = field(default_factory=dict)
    """Locals Fastly's generated code declares where this runs (name -> type)."""

    @property
    def label(self) -> str:
        if self.kind == "sub":
            return f"sub {self.name}"
        return f"{self.kind} {self.name!r}"

    def local_type(self, name: str) -> str | None:
        if name in self.params:
            return self.params[name]
        decls = self.visible.get(name)
        if decls:
            return decls[0].type.upper()
        return self.generated.get(name)

    @property
    def visible(self) -> dict[str, list[A.Declare]]:
        """The locals this code can use: its own, or its whole subroutine's."""
        return self.locals if self.shared is None else self.shared

    def scope_text(self) -> str:
        return ", ".join(scope_names(self.scope)) or "unknown"


@record(slots=True)
class Occurrence:
    node: Any
    container: Container | None
    file: SourceFile
    role: str = ""


@record(slots=True)
class Declared:
    name: str
    kind: str
    node: A.Node
    file: SourceFile


class _InFile:
    """A marker in `Analysis._walk`'s stack: the statements above it come from ``file``."""

    __slots__ = ("entering", "file")

    def __init__(self, file: SourceFile, entering: bool) -> None:
        self.file = file
        self.entering = entering


class Analysis:
    """Everything the rules need to know about one assembled unit."""

    def __init__(
        self,
        files: list[SourceFile],
        catalogue: Catalogue,
        *,
        service: ServiceContext | None = None,
        includes: dict[tuple[str, str], SourceFile | None] | None = None,
        fixed_containers: list[tuple[SourceFile, str, str, int]] | None = None,
        external: dict[str, set[str]] | None = None,
        main: bool = False,
    ) -> None:
        self.files = files
        self.catalogue = catalogue
        self.service = service
        self.standalone = service is None
        self.main = main
        self.includes = includes or {}
        """(including path, target) -> resolved file, None when it could not be found."""
        self.external = external or {}
        """Names declared outside this unit but visible to it (kind -> names)."""
        self.decls: dict[str, list[Declared]] = defaultdict(list)
        self.containers: list[Container] = []
        self.subs: dict[str, list[Container]] = defaultdict(list)
        self.occ: dict[type, list[Occurrence]] = defaultdict(list)
        self.reads: list[Occurrence] = []
        """Identifiers read in expressions; role is value, acl, table, backend, id, ... ."""
        self.writes: list[Occurrence] = []
        """Targets of set/unset/remove/add; role is the statement keyword."""
        self.regexes: list[Occurrence] = []
        """String literals used as regular expressions."""
        self.calls: dict[str, list[Occurrence]] = defaultdict(list)
        """Callee name -> the call statements/expressions naming it."""
        self.call_graph: dict[str, set[str]] = defaultdict(set)
        self.used: dict[str, set[str]] = defaultdict(set)
        """Declaration kind -> names referenced anywhere."""
        self.unresolved: list[Occurrence] = []
        """Include statements/declarations whose target was not found."""
        self.top_includes: list[Occurrence] = []
        self.memo: dict[str, object] = {}
        """Results shared between rules (computed by the first rule that needs them)."""
        self.frames: list[list[Container]] = []
        """Containers joined into one Fastly subroutine (only groups of two or more)."""
        self.decl_file: dict[int, SourceFile] = {}
        """Declare statements that came from an included file -> that file."""
        self._build(fixed_containers or [])

    # ------------------------------------------------------------------ building

    def _build(self, fixed: list[tuple[SourceFile, str, str, int]]) -> None:
        for f in self.files:
            if f.program is None or f.mode != "file":
                continue
            for decl in f.program.declarations:
                self._declaration(decl, f)
        for f, name, kind, scope in fixed:
            if f.program is None:
                continue
            for decl in f.program.declarations:
                if isinstance(decl, A.StatementList | A.ExpressionRoot):
                    cont = Container(name, kind, decl, f, scope=scope, fixed=True)
                    cont.guessed = f.scope_from_name
                    self.containers.append(cont)
        for cont in self.containers:
            self._walk(cont)
        annotated = {
            c.name: c.scope for c in self.containers if c.kind == "sub" and c.fixed
        }
        names = list(self.subs)
        scopes = infer_scopes(names, self.call_graph, annotated)
        called = {callee for callees in self.call_graph.values() for callee in callees}
        for cont in self.containers:
            if cont.kind == "sub" and not cont.fixed:
                cont.scope = scopes.get(cont.name, 0)
                cont.guessed = cont.name not in called
        self._join_frames()

    def _join_frames(self) -> None:
        """Fastly runs every definition of a lifecycle sub (main VCL, included files, init
        snippets), the snippets of its type at its macro and its generated code as one
        subroutine: they share their locals. Conditions see the locals of every subroutine
        their type may be placed in."""
        members: dict[int, list[Container]] = {}
        conditions = []
        for cont in self.containers:
            if cont.kind == "condition":
                conditions.append(cont)
                continue
            bit = 0
            if cont.kind == "sub" and cont.name in BUILTIN_SUBS:
                bit = SCOPE_BIT[BUILTIN_SUBS[cont.name]]
            elif cont.kind == "snippet" and cont.scope in _SINGLE_BITS:
                bit = cont.scope
            if bit:
                members.setdefault(bit, []).append(cont)
                cont.generated = GENERATED_LOCALS.get(bit, {})
            elif cont.kind == "snippet" and not cont.scope:
                cont.generated = _ANY_GENERATED  # placed we know not where
        self.frames = []
        joined: dict[int, dict[str, list[A.Declare]]] = {}
        for bit, group in members.items():
            if len(group) == 1:
                joined[bit] = group[0].locals
                continue
            merged: dict[str, list[A.Declare]] = {}
            for cont in group:
                for name, decls in cont.locals.items():
                    merged.setdefault(name, []).extend(decls)
                cont.shared = merged
            joined[bit] = merged
            self.frames.append(group)
        for cont in conditions:
            mask = cont.scope | _CONDITION_EXTRA.get(cont.scope, 0)
            seen: dict[str, list[A.Declare]] = {}
            for bit in _SINGLE_BITS:
                if mask & bit:
                    for name, decls in joined.get(bit, {}).items():
                        seen.setdefault(name, decls)
                    for name, vcl_type in GENERATED_LOCALS.get(bit, {}).items():
                        cont.generated.setdefault(name, vcl_type)
            cont.shared = seen

    def frame_groups(self) -> list[list[Container]]:
        """Containers by the locals they own: a joined subroutine is one group."""
        grouped = {id(c) for group in self.frames for c in group}
        return self.frames + [[c] for c in self.containers
                              if id(c) not in grouped and c.kind != "condition"]

    def _declaration(self, decl: A.Declaration, f: SourceFile) -> None:
        kind = _DECL_TYPES.get(type(decl))
        if kind is not None:
            name = decl.name.name  # type: ignore[attr-defined]
            self.decls[kind].append(Declared(name, kind, decl, f))
            if isinstance(decl, A.Director):
                for member in decl.backends:
                    for prop in member.properties:
                        if prop.name == "backend" and isinstance(prop.value, A.Ident):
                            self.reads.append(Occurrence(prop.value, None, f, "backend"))
                            self.used["backend"].add(prop.value.name)
                            self.used["director"].add(prop.value.name)
            elif isinstance(decl, A.Table) and decl.value_type in ("BACKEND", "ACL"):
                # `table routes BACKEND { "a": b0 }` uses b0 (Fastly's table declaration page).
                role = decl.value_type.lower()
                for entry in decl.entries:
                    if isinstance(entry.value, A.Ident):
                        self.reads.append(Occurrence(entry.value, None, f, role))
                        self.used[role].add(entry.value.name)
                        if role == "backend":
                            self.used["director"].add(entry.value.name)
            return
        if isinstance(decl, A.Subroutine):
            self._subroutine(decl, f)
        elif isinstance(decl, A.Include):
            occ = Occurrence(decl, None, f)
            self.top_includes.append(occ)
            target = self.includes.get((f.path, decl.target))
            if target is None:
                self.unresolved.append(occ)

    def _subroutine(self, decl: A.Subroutine, f: SourceFile) -> None:
        name = decl.name.name
        scope = 0
        fixed = False
        if name in BUILTIN_SUBS:
            scope, fixed = SCOPE_BIT[BUILTIN_SUBS[name]], True
        else:
            annotated = self.annotation_for(decl, f)
            if annotated:
                scope, fixed = annotated, True
        cont = Container(name, "sub", decl, f, scope=scope, fixed=fixed,
                         return_type=decl.return_type.upper() if decl.return_type else None)
        for param in decl.params:
            cont.params[param.name.name] = param.type.upper()
        self.subs[name].append(cont)
        self.containers.append(cont)
        self.decls["sub"].append(Declared(name, "sub", decl, f))

    @staticmethod
    def annotation_for(decl: A.Subroutine, f: SourceFile) -> int:
        """Scope from `@scope:` comments directly above the sub or on its opening line."""
        comments = f.comments
        if not comments:
            return 0
        mask = 0
        line = decl.line
        end = bisect_right(comments, line, key=lambda c: c.line)
        for comment in reversed(comments[max(end - 50, 0):end]):
            if comment.line == line and comment.column > decl.column:
                found = parse_scope_annotation(comment.text)  # trailing on the `sub` line
                mask |= found or 0
                continue
            if comment.end_line < line - 1:
                break
            found = parse_scope_annotation(comment.text)
            if found:
                mask |= found
            line = comment.line
        return mask

    # ------------------------------------------------------------------ walking

    def _walk(self, cont: Container) -> None:
        node = cont.node
        f = cont.file
        occ = self.occ
        if isinstance(node, A.Subroutine):
            stack: list[Any] = [node.body]
        elif isinstance(node, A.StatementList):
            stack = node.statements[::-1]
        else:
            assert isinstance(node, A.ExpressionRoot)
            self._expr(node.expr, cont, f, "value")
            return
        expr = self._expr
        sf = f  # the file the statements come from (an `include` inside a sub changes it)
        chain: list[SourceFile] = []  # included files being expanded
        pop = stack.pop
        while stack:
            stmt = pop()
            t = type(stmt)
            if t is A.Block:
                stack.extend(reversed(stmt.statements))  # type: ignore[attr-defined]
                continue
            if t in _RECORDED:
                occ[t].append(Occurrence(stmt, cont, sf))
            if t is A.If:
                if stmt.else_block is not None:  # type: ignore[attr-defined]
                    stack.append(stmt.else_block)  # type: ignore[attr-defined]
                branches = stmt.branches  # type: ignore[attr-defined]
                stack.extend([branch.block for branch in reversed(branches)])
                for branch in branches:
                    expr(branch.condition, cont, sf, "value")
            elif t is A.Set or t is A.Add:
                target = stmt.target  # type: ignore[attr-defined]
                self._write(target, cont, sf, "add" if t is A.Add else "set")
                value = stmt.value  # type: ignore[attr-defined]
                if type(value) not in _LITERALS:  # (a literal has nothing to record)
                    expr(value, cont, sf, "backend" if target.name == "req.backend" else "value")
            elif t is A.Unset or t is A.Remove:
                self._write(stmt.target, cont, sf, "unset")  # type: ignore[attr-defined]
            elif t is A.Declare:
                name = stmt.name.name  # type: ignore[attr-defined]
                cont.locals.setdefault(name, []).append(stmt)  # type: ignore[arg-type]
                if sf is not f:
                    self.decl_file[id(stmt)] = sf
                if stmt.value is not None:  # type: ignore[attr-defined]
                    expr(stmt.value, cont, sf, "value")  # type: ignore[attr-defined]
            elif t is A.Call:
                callee = stmt.name.name  # type: ignore[attr-defined]
                self.calls[callee].append(Occurrence(stmt, cont, sf))
                if cont.kind == "sub":
                    self.call_graph[cont.name].add(callee)
                else:
                    self.call_graph[f"{cont.kind}:{cont.name}"].add(callee)
                for arg in stmt.args:  # type: ignore[attr-defined]
                    expr(arg, cont, sf, "value")
            elif t is A.Error:
                status = stmt.status  # type: ignore[attr-defined]
                if status is not None and type(status) not in _LITERALS:
                    expr(status, cont, sf, "value")
                response = stmt.response  # type: ignore[attr-defined]
                if response is not None and type(response) not in _LITERALS:
                    expr(response, cont, sf, "value")
            elif t is A.Return:
                if stmt.value is not None:  # type: ignore[attr-defined]
                    expr(stmt.value, cont, sf, "value")  # type: ignore[attr-defined]
            elif t is A.Synthetic or t is A.Log:
                expr(stmt.value, cont, sf, "value")  # type: ignore[attr-defined]
            elif t is A.ExprStatement:
                expr(stmt.expr, cont, sf, "value")  # type: ignore[attr-defined]
            elif t is A.Switch:
                expr(stmt.subject, cont, sf, "value")  # type: ignore[attr-defined]
                for case in reversed(stmt.cases):  # type: ignore[attr-defined]
                    stack.extend(reversed(case.statements))
            elif t is A.Label:
                cont.has_labels = True
            elif t is A.IncludeStatement:
                target = self.includes.get((sf.path, stmt.target))  # type: ignore[attr-defined]
                if target is None:
                    self.unresolved.append(Occurrence(stmt, cont, sf))
                elif target.program is not None and target is not f and target not in chain:
                    # The included statements run here, but come from `target`: switch to it
                    # for them, and back after (the stack pops them in between). A file
                    # already being expanded is an include cycle (reported by the engine).
                    stack.append(_InFile(sf, False))
                    for decl in reversed(target.program.declarations):
                        if isinstance(decl, A.StatementList):
                            stack.extend(reversed(decl.statements))
                    stack.append(_InFile(target, True))
            elif t is _InFile:
                if stmt.entering:  # type: ignore[attr-defined]
                    chain.append(stmt.file)  # type: ignore[attr-defined]
                else:
                    chain.pop()
                sf = stmt.file  # type: ignore[attr-defined]

    def _write(self, target: A.Ident, cont: Container, f: SourceFile, role: str) -> None:
        if target.name.startswith("var."):
            cont.local_uses.append((target, f, True))
        else:
            self.writes.append(Occurrence(target, cont, f, role))

    def _expr(self, root: A.Expression, cont: Container, f: SourceFile, role: str) -> None:
        t = type(root)
        if t in _LITERALS:
            return
        occ = self.occ
        binaries = occ[A.Binary]
        if t is A.Ident:  # the commonest root: no need for a stack
            self._read(root, cont, f, role)  # type: ignore[arg-type]
            return
        stack: list[tuple[A.Expression, str]] = [(root, role)]
        while stack:
            e, r = stack.pop()
            t = type(e)
            if t in _LITERALS:
                continue
            if t is A.Ident:
                self._read(e, cont, f, r)  # type: ignore[arg-type]
            elif t is A.Binary:
                op = e.op  # type: ignore[attr-defined]
                if op != "&&" and op != "||":
                    binaries.append(Occurrence(e, cont, f))
                right = e.right  # type: ignore[attr-defined]
                right_role: str | None = "value"
                if op == "~" or op == "!~":
                    if type(right) is A.StringLit:
                        self.regexes.append(Occurrence(right, cont, f))
                        right_role = None
                    else:
                        right_role = "acl"
                left = e.left  # type: ignore[attr-defined]
                lt = type(left)
                if lt is A.Ident or lt in _LITERALS:
                    # A leaf on the left (the usual `name OP value`): done here, in the same
                    # order as popping it from the stack would have.
                    if lt is A.Ident:
                        self._read(left, cont, f, "value")
                    if right_role is not None:
                        rt = type(right)
                        if rt is A.Ident:
                            self._read(right, cont, f, right_role)
                        elif rt not in _LITERALS:
                            stack.append((right, right_role))
                else:
                    if right_role is not None:
                        stack.append((right, right_role))
                    stack.append((left, "value"))
            elif t is A.Concat:
                stack.extend((p, "value") for p in reversed(e.parts))  # type: ignore[attr-defined]
            elif t is A.FunctionCall:
                occ[A.FunctionCall].append(Occurrence(e, cont, f))
                name = e.name  # type: ignore[attr-defined]
                args = e.args  # type: ignore[attr-defined]
                fn = self.catalogue.function(name)
                if fn is None:
                    # A typed custom sub used as a function (or an unknown function).
                    key = cont.name if cont.kind == "sub" else f"{cont.kind}:{cont.name}"
                    self.call_graph[key].add(name)
                    stack.extend((a, "value") for a in reversed(args))
                    continue
                params = _overload_for(fn.overloads, len(args))
                regex_at = REGEX_ARGS.get(name, -1)
                for i in range(len(args) - 1, -1, -1):
                    arg = args[i]
                    if i == regex_at and type(arg) is A.StringLit:
                        self.regexes.append(Occurrence(arg, cont, f))
                        continue
                    named = _NAMED_ARGS.get((name, i))
                    if named is not None:
                        stack.append((arg, named))
                        continue
                    ptype = params[i] if params is not None and i < len(params) else "STRING"
                    stack.append((arg, _PARAM_ROLE.get(ptype, "value")))
            elif t is A.Grouped:
                stack.append((e.expr, r))  # type: ignore[attr-defined]
            elif t is A.Unary:
                stack.append((e.operand, "value"))  # type: ignore[attr-defined]
            elif t is A.IfExpr:
                stack.append((e.otherwise, r))  # type: ignore[attr-defined]
                stack.append((e.then, r))  # type: ignore[attr-defined]
                stack.append((e.condition, "value"))  # type: ignore[attr-defined]

    def _read(self, e: A.Ident, cont: Container, f: SourceFile, role: str) -> None:
        name = e.name
        if name.startswith("var."):
            cont.local_uses.append((e, f, False))
            return
        self.reads.append(Occurrence(e, cont, f, role))
        if role in _USE_ROLES:
            marks = _use_marks(name)
            if marks:
                used = self.used
                for kind, key in marks:
                    used[kind].add(key)

    # ------------------------------------------------------------------ queries

    def declared(self, kind: str, name: str) -> bool:
        if any(d.name == name for d in self.decls.get(kind, ())):
            return True
        if name in self.external.get(kind, ()):
            return True
        svc = self.service
        if svc is None:
            return False
        return svc.declares(kind, name)

    def decl_kind_of(self, name: str) -> str | None:
        """Which declaration kind a bare name refers to, if any."""
        for kind in DECL_KINDS:
            if self.declared(kind, name):
                return kind
        return None

    def file_of(self, decl: A.Node, default: SourceFile) -> SourceFile:
        return self.decl_file.get(id(decl), default)

    def sub_defined(self, name: str) -> bool:
        return name in self.subs or name in self.external.get("sub", ())

    def has_unresolved_files(self) -> bool:
        """An `include` of a file we cannot find: it may define the subs, tables, ... that look
        missing (the include itself is the finding, VCL506)."""
        return any(not o.node.target.startswith("snippet::") for o in self.unresolved)

    def has_unresolved_snippets(self) -> bool:
        """Top-level `snippet::` includes we cannot see may declare subs, tables, ..."""
        return any(
            isinstance(o.node, A.Include) and o.node.target.startswith("snippet::")
            for o in self.unresolved
        )

    # ------------------------------------------------------------------ types

    def type_of(self, e: A.Expression, cont: Container | None) -> str | None:
        """Best-effort static type of an expression; None when unknown (never recurses)."""
        while True:
            t = type(e)
            simple = _SIMPLE_TYPES.get(t)
            if simple is not None:
                return simple
            if t is A.Binary:
                if e.op != "-":  # type: ignore[attr-defined]
                    return "BOOL"
                e = e.left  # type: ignore[attr-defined]
            elif t is A.Grouped:
                e = e.expr  # type: ignore[attr-defined]
            elif t is A.Unary:
                if e.op == "!":  # type: ignore[attr-defined]
                    return "BOOL"
                e = e.operand  # type: ignore[attr-defined]
            elif t is A.IfExpr:
                e = e.then  # type: ignore[attr-defined]
            elif t is A.Ident:
                return self.ident_type(e.name, cont)  # type: ignore[attr-defined]
            elif t is A.FunctionCall:
                fn = self.catalogue.function(e.name)  # type: ignore[attr-defined]
                if fn is not None:
                    return None if fn.return_type == "VOID" else fn.return_type
                subs = self.subs.get(e.name)  # type: ignore[attr-defined]
                return subs[0].return_type if subs else None
            else:
                return None

    def ident_type(self, name: str, cont: Container | None) -> str | None:
        if name.startswith("var."):
            return cont.local_type(name) if cont is not None else None
        var = self.catalogue.variable(name)
        if var is not None:
            return var.type
        if "." not in name:
            kind = self.decl_kind_of(name)
            if kind is not None:
                return _KIND_TYPE[kind]
        return None

    # ------------------------------------------------------------------ helpers for rules

    def error_handlers(self) -> list[Container]:
        """vcl_error, every sub reachable from it, and error snippets."""
        seen: set[str] = set()
        todo = ["vcl_error"]
        out: list[Container] = []
        while todo:
            name = todo.pop()
            if name in seen:
                continue
            seen.add(name)
            for cont in self.subs.get(name, ()):
                out.append(cont)
            todo.extend(self.call_graph.get(name, ()))
        for cont in self.containers:
            if cont.kind == "snippet" and cont.scope == SCOPE_BIT["ERROR"]:
                out.append(cont)
                todo.extend(self.call_graph.get(f"snippet:{cont.name}", ()))
        while todo:
            name = todo.pop()
            if name in seen:
                continue
            seen.add(name)
            out.extend(self.subs.get(name, ()))
            todo.extend(self.call_graph.get(name, ()))
        return out

    def callers_text(self, cont: Container) -> str:
        """Why a custom sub has the scope it has, for messages."""
        if cont.fixed and cont.guessed:
            return f" (scope from its file name: {cont.scope_text()})"
        if cont.kind != "sub" or cont.fixed:
            return ""
        callers = sorted(
            name for name, callees in self.call_graph.items() if cont.name in callees
        )
        if not callers:
            return f" (scope from its name: {cont.scope_text()})"
        return f" (called from {', '.join(callers[:3])}{', ...' if len(callers) > 3 else ''})"


def _overload_for(overloads: tuple[tuple[str, ...], ...], count: int) -> tuple[str, ...] | None:
    for params in overloads:
        if len(params) == count:
            return params
        if params and params[-1] == "STRING_LIST" and count >= len(params) - 1:
            return params[:-1] + ("STRING",) * (count - len(params) + 1)
    return None


def scope_label(mask: int) -> str:
    if mask == ALL_SCOPES:
        return "any subroutine"
    return ", ".join("vcl_" + s for s in scope_names(mask))
