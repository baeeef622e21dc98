"""Subroutines, backends, directors, ACLs, tables, rate counters and penalty boxes."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from .. import ast as A
from ..scopes import BUILTIN_SUBS
from .base import Rule

TYPE_CHECKING = False  # typing itself costs a cold lint its import
if TYPE_CHECKING:
    from ..diagnostic import Diagnostic
    from .analysis import Analysis, Occurrence

SERVICE_KINDS = ("backend", "director", "acl", "table")
"""Kinds a service can declare in its configuration instead of in VCL."""
_KIND_WORDS = {
    "backend": "backend", "director": "director", "acl": "ACL", "table": "table",
    "ratecounter": "ratecounter", "penaltybox": "penaltybox", "sub": "subroutine",
}
_NAMED_PREFIXES = (("backend.", ("backend", "director")), ("director.", ("director",)),
                   ("ratecounter.", ("ratecounter",)))


@lru_cache(maxsize=4096)
def _named_reference(base: str) -> tuple[str, tuple[str, ...]] | None:
    """For `backend.NAME.healthy`-style variables: (NAME, the kinds it may be)."""
    for prefix, kinds in _NAMED_PREFIXES:
        if base.startswith(prefix):
            return base[len(prefix):].split(".", 1)[0], kinds
    return None


def _missing_references(context: Analysis) -> list[tuple[Occurrence, str, tuple[str, ...]]]:
    """(occurrence, name, kinds it could be) for every name that no declaration provides."""
    cached = context.memo.get("missing_references")
    if cached is None:
        cached = context.memo["missing_references"] = _find_missing(context)
    return cached  # type: ignore[no-any-return]


def _find_missing(context: Analysis) -> list[tuple[Occurrence, str, tuple[str, ...]]]:
    out = []
    cat = context.catalogue
    for occ in context.reads:
        role = occ.role
        if role == "id":
            continue
        node = occ.node
        if not isinstance(node, A.Ident):
            continue
        base = node.name.split(":", 1)[0]
        if "." in base:
            named = _named_reference(base)
            if named is not None:
                middle, kinds = named
                if cat.variable(base) is not None and not any(
                    context.declared(k, middle) for k in kinds
                ):
                    out.append((occ, middle, kinds))
            continue
        if role in ("ratecounter", "penaltybox", "table", "acl"):
            kinds: tuple[str, ...] = (role,)
        elif role == "backend" and occ.container is None:
            kinds = ("backend",)  # a director member
        else:
            if cat.variable(base) is not None:
                continue
            if role == "backend" or base.startswith("F_"):
                kinds = ("backend", "director")
            else:
                kinds = ("backend", "director", "acl", "table")
        if not any(context.declared(k, base) for k in kinds):
            if role == "value" and context.decl_kind_of(base) is not None:
                continue
            out.append((occ, base, kinds))
    return out


def _assumed(context: Analysis, kinds: tuple[str, ...]) -> bool:
    """Standalone VCL may rely on the service for these names (or on snippets we cannot see)."""
    if not context.standalone:
        return False
    if all(k in SERVICE_KINDS for k in kinds):
        return True
    return context.has_unresolved_snippets()


def _kinds_text(kinds: tuple[str, ...]) -> str:
    words = [_KIND_WORDS[k] for k in kinds]
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " or " + words[-1]


class UndefinedSubroutine(Rule):
    """`call` of a subroutine that is not defined."""

    code = "VCL501"
    name = "undefined-subroutine"
    severity = "error"
    aliases = ("call-statement/subroutine-notfound",)
    doc = (
        "The called sub is defined nowhere in the file, the files it includes, or (in service "
        "context) the service's other VCL and snippets. In a standalone lint, while an `include` "
        "cannot be found (VCL506), calls are not checked: that file may define the sub. A file "
        "linted on its own whose neighbours include files that cannot be found gets a warning "
        "naming them instead of an error, and so does a snippet linted on its own (the main VCL "
        "or an init snippet may define the sub) unless the name is a builtin function's."
    )
    bad = "sub vcl_recv {\n  #FASTLY recv\n  call normalise_url;\n}\n"
    good = (
        "sub normalise_url {\n  set req.url = std.tolower(req.url);\n}\n\n"
        "sub vcl_recv {\n  #FASTLY recv\n  call normalise_url;\n}\n"
    )

    def check(self, context: Analysis) -> list[Diagnostic]:
        out = []
        if context.standalone and context.has_unresolved_snippets():
            return out  # reported as VCL507 notes instead
        if context.standalone and context.has_unresolved_files():
            return out  # a file we cannot see may define them: VCL506 reports it, once
        # Linted alone, beside a main VCL whose includes cannot be found (a shared library
        # kept elsewhere, a file a build step renders): the sub may well be defined there.
        lost = sorted(context.external.get("lost", ()))
        for name, occs in context.calls.items():
            if context.sub_defined(name):
                continue
            for occ in occs:
                if lost:
                    out.append(self.diag(
                        occ.node.name, occ.file, f"sub {name} is not defined here; it may be in "
                        f"{', '.join(repr(n) for n in lost[:3])}"
                        f"{f' (or {len(lost) - 3} more)' if len(lost) > 3 else ''}, included "
                        "beside this file but not found", severity="warning"))
                elif context.standalone and occ.container is not None and \
                        occ.container.kind == "snippet" and \
                        context.catalogue.function(name) is None:
                    # A snippet linted on its own runs inside a main VCL and beside init
                    # snippets we cannot see; either may define the sub (as with VCL421). A
                    # builtin function's name is no sub anywhere: `call header.filter(...)`.
                    out.append(self.diag(
                        occ.node.name, occ.file, f"sub {name} is not defined in this snippet; "
                        "assumed to be defined by the main VCL or an init snippet",
                        severity="warning"))
                else:
                    out.append(self.diag(occ.node.name, occ.file, f"sub {name} is not defined"))
        return out


class DuplicateDeclaration(Rule):
    """A subroutine, backend, director, ACL, table, ratecounter or penaltybox defined twice."""

    code = "VCL502"
    name = "duplicate-declaration"
    severity = "error"
    aliases = ("acl/duplicated", "backend/duplicated", "director/duplicated", "table/duplicated",
               "subroutine/duplicated", "penaltybox/duplicated", "ratecounter/duplicated")
    doc = (
        "Names must be unique per kind (backends and directors share one namespace, since both "
        "can be assigned to `req.backend`). In service context a VCL declaration also clashes "
        "with a backend, director, dictionary or ACL of the same name in the service spec."
    )
    bad = 'table redirects {\n  "/a": "/b",\n}\n\ntable redirects {\n  "/c": "/d",\n}\n'
    good = 'table redirects {\n  "/a": "/b",\n  "/c": "/d",\n}\n'

    def check(self, context: Analysis) -> list[Diagnostic]:
        out = []
        groups = (("backend", "director"), ("acl",), ("table",), ("ratecounter",),
                  ("penaltybox",), ("sub",))
        for kinds in groups:
            first: dict[str, tuple[int, str]] = {}
            for kind in kinds:
                for d in context.decls.get(kind, ()):
                    if kind == "sub" and d.name in BUILTIN_SUBS:
                        continue
                    if d.name in first:
                        line, path = first[d.name]
                        out.append(self.diag(
                            d.node.name, d.file,  # type: ignore[attr-defined]
                            f"{_KIND_WORDS[kind]} {d.name} is already defined at {path}:{line}",
                        ))
                        continue
                    first[d.name] = (d.node.line + d.file.line_offset, d.file.path)
                    svc = context.service
                    if svc is not None and kind in SERVICE_KINDS and self._in_service(
                            context, kind, d.name):
                        out.append(self.diag(
                            d.node.name, d.file,  # type: ignore[attr-defined]
                            f"{_KIND_WORDS[kind]} {d.name} is also declared by the service spec",
                        ))
        return out

    @staticmethod
    def _in_service(context: Analysis, kind: str, name: str) -> bool:
        svc = context.service
        assert svc is not None
        if kind in ("backend", "director"):
            return name in svc.backend_names() or name in svc.directors
        if kind == "table":
            return name in svc.tables
        return name in svc.acls


class UndefinedReference(Rule):
    """A backend, director, ACL, table, ratecounter or penaltybox that nothing declares."""

    code = "VCL503"
    name = "undefined-reference"
    severity = "error"
    aliases = ("backend/notfound",)
    doc = (
        "In service context every backend (`F_<name>`), director, dictionary (table) and ACL "
        "must be declared by the spec or the VCL; ratecounters and penaltyboxes must be declared "
        "in VCL. A backend `my origin.example` is `F_my_origin_example` in VCL (characters "
        "other than letters, digits and `_` become `_`), and the shield backends Fastly "
        "declares (`ssl_shield_<pop>`) are known. For dictionaries, ACLs and directors Fastly "
        "documents no spelling of spaces or capitals, so any spelling that matches a configured "
        "name once case and separators are ignored is accepted. Standalone VCL files may rely "
        "on names the service supplies; those are noted (VCL507) rather than reported."
    )
    bad = (
        "ratecounter requests {}\n\nsub vcl_recv {\n  #FASTLY recv\n"
        "  if (ratelimit.check_rate(client.ip, requests, 1, 10, 100, offenders, 2m)) {\n"
        "    error 429;\n  }\n}\n"
    )
    good = (
        "ratecounter requests {}\npenaltybox offenders {}\n\nsub vcl_recv {\n  #FASTLY recv\n"
        "  if (ratelimit.check_rate(client.ip, requests, 1, 10, 100, offenders, 2m)) {\n"
        "    error 429;\n  }\n}\n"
    )

    def check(self, context: Analysis) -> list[Diagnostic]:
        out = []
        for occ, name, kinds in _missing_references(context):
            if _assumed(context, kinds):
                continue
            where = " in the service or its VCL" if not context.standalone else ""
            out.append(self.diag(occ.node, occ.file,
                                 f"{_kinds_text(kinds)} {name} is not declared{where}"))
        return out


class AssumedFromService(Rule):
    """Standalone VCL uses a name the service is assumed to supply."""

    code = "VCL507"
    name = "assumed-from-service"
    severity = "info"
    doc = (
        "Linting plain VCL files without a spec, names that Fastly generates from the service "
        "configuration (backends `F_*`, directors, dictionaries as tables, ACLs, `snippet::` "
        "includes, and subs those snippets define) cannot be checked, so they are assumed to "
        "exist. Lint the service spec to check them."
    )
    bad = 'sub vcl_recv {\n  #FASTLY recv\n  if (client.ip ~ blocked) {\n    error 403;\n  }\n}\n'
    good = (
        'acl blocked {\n  "192.0.2.0"/24;\n}\n\nsub vcl_recv {\n  #FASTLY recv\n'
        '  if (client.ip ~ blocked) {\n    error 403;\n  }\n}\n'
    )

    def check(self, context: Analysis) -> list[Diagnostic]:
        if not context.standalone:
            return []
        out = []
        seen: set[tuple[str, str]] = set()
        for occ, name, kinds in _missing_references(context):
            if not _assumed(context, kinds) or (occ.file.path, name) in seen:
                continue
            seen.add((occ.file.path, name))
            out.append(self.diag(occ.node, occ.file,
                                 f"{_kinds_text(kinds)} {name} is not declared here; assumed to "
                                 f"come from the service"))
        for occ in context.unresolved:
            target = occ.node.target
            if target.startswith("snippet::"):
                out.append(self.diag(occ.node, occ.file,
                                     f"snippet {target[9:]!r} is assumed to come from the service"))
        if context.has_unresolved_snippets():
            for name, occs in context.calls.items():
                if not context.sub_defined(name):
                    for occ in occs:
                        out.append(self.diag(
                            occ.node.name, occ.file,
                            f"sub {name} is not defined here; assumed to come from a snippet"))
        return out


class IncludeNotFound(Rule):
    """An `include` whose file (or, in service context, snippet) does not exist."""

    code = "VCL506"
    name = "include-not-found"
    severity = "error"
    aliases = ("include/module-not-found", "include/module-load-failed")
    doc = (
        "`include \"name\";` is looked up next to the including file, then in `vcl/` (as `name` "
        "and `name.vcl`); in service context it names another custom VCL of the service. "
        "`include \"snippet::name\";` needs a snippet of that name in the service."
    )
    bad = 'include "does-not-exist";\n\nsub vcl_recv {\n  #FASTLY recv\n}\n'
    good = 'sub vcl_recv {\n  #FASTLY recv\n}\n'

    def check(self, context: Analysis) -> list[Diagnostic]:
        out = []
        for occ in context.unresolved:
            target = occ.node.target
            if target.startswith("snippet::"):
                if context.standalone:
                    continue
                out.append(self.diag(occ.node, occ.file,
                                     f"the service has no snippet named {target[9:]!r}"))
            elif context.standalone:
                out.append(self.diag(occ.node, occ.file, f"cannot find included file {target!r}"))
            else:
                out.append(self.diag(occ.node, occ.file,
                                     f"the service has no custom VCL named {target!r}"))
        return out


class IncludeCycle(Rule):
    """Files that include each other in a loop."""

    code = "VCL508"
    name = "include-cycle"
    severity = "error"
    doc = (
        "Fastly pastes an included file in place of its `include`, so `a.vcl` including "
        "`b.vcl` which includes `a.vcl` (or a file including itself) never ends and cannot be "
        "compiled. The finding names the chain of files; break the loop by moving the shared "
        "code into a third file that both include."
    )
    bad = 'include "vcl508";\n\nsub vcl_recv {\n  #FASTLY recv\n}\n'
    good = 'sub vcl_recv {\n  #FASTLY recv\n}\n'

    def check(self, context: Analysis) -> list[Diagnostic]:
        from ..includes import find_cycles

        out = []
        if not context.includes or not context.files:
            return out
        for f, node, chain in find_cycles(context.files[0], context.includes):
            names = " -> ".join(Path(p).name for p in chain)
            out.append(self.diag(node, f, f"include cycle: {names}"))
        return out


class UnusedDeclaration(Rule):
    """A declaration that nothing uses."""

    code = "VCL504"
    name = "unused-declaration"
    severity = "warning"
    aliases = ("unused/declaration",)
    doc = (
        "An ACL, backend, director, table, ratecounter, penaltybox or custom sub that nothing "
        "references is dead code (or a typo at the place that meant to use it)."
    )
    bad = 'acl internal {\n  "10.0.0.0"/8;\n}\n\nsub vcl_recv {\n  #FASTLY recv\n}\n'
    good = (
        'acl internal {\n  "10.0.0.0"/8;\n}\n\nsub vcl_recv {\n  #FASTLY recv\n'
        '  if (client.ip !~ internal) {\n    error 403;\n  }\n}\n'
    )

    def check(self, context: Analysis) -> list[Diagnostic]:
        out = []
        beside = context.external.get("used", set())  # named by the files beside a lone file
        for kind in ("acl", "backend", "director", "table", "ratecounter", "penaltybox"):
            used = context.used.get(kind, set())
            for d in context.decls.get(kind, ()):
                if d.name not in used and d.name not in beside:
                    out.append(self.diag(d.node.name, d.file,  # type: ignore[attr-defined]
                                         f"{_KIND_WORDS[kind]} {d.name} is never used"))
        called: set[str] = set(context.external.get("called", ()))  # by files linted along
        for callees in context.call_graph.values():
            called |= callees
        for d in context.decls.get("sub", ()):
            if d.name not in BUILTIN_SUBS and d.name not in called:
                out.append(self.diag(d.node.name, d.file,  # type: ignore[attr-defined]
                                     f"sub {d.name} is never called"))
        return out


class Recursion(Rule):
    """A subroutine that calls itself, directly or through others."""

    code = "VCL505"
    name = "recursion"
    severity = "error"
    aliases = ("subroutine/recursive-call",)
    doc = "VCL has no recursion: Fastly rejects a sub that can reach itself through calls."
    bad = (
        "sub a {\n  call b;\n}\n\nsub b {\n  call a;\n}\n\n"
        "sub vcl_recv {\n  #FASTLY recv\n  call a;\n}\n"
    )
    good = (
        "sub a {\n  call b;\n}\n\nsub b {\n  set req.http.X-B = \"1\";\n}\n\n"
        "sub vcl_recv {\n  #FASTLY recv\n  call a;\n}\n"
    )

    def check(self, context: Analysis) -> list[Diagnostic]:
        graph = {
            name: {c for c in context.call_graph.get(name, ()) if c in context.subs}
            for name in context.subs
        }
        out = []
        for component in _cycles(graph):
            names = sorted(component)
            for name in names:
                d = context.subs[name][0]
                path = " -> ".join([*names, names[0]]) if len(names) > 1 else f"{name} -> {name}"
                out.append(self.diag(d.node.name, d.file,  # type: ignore[attr-defined]
                                     f"sub {name} is recursive ({path})"))
        return out


def _cycles(graph: dict[str, set[str]]) -> list[set[str]]:
    """Strongly connected components that form cycles (iterative Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    out: list[set[str]] = []
    counter = 0
    for root in graph:
        if root in index:
            continue
        work = [(root, iter(sorted(graph[root])))]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack.add(root)
        while work:
            node, it = work[-1]
            advanced = False
            for nxt in it:
                if nxt not in index:
                    index[nxt] = low[nxt] = counter
                    counter += 1
                    stack.append(nxt)
                    on_stack.add(nxt)
                    work.append((nxt, iter(sorted(graph.get(nxt, ())))))
                    advanced = True
                    break
                if nxt in on_stack:
                    low[node] = min(low[node], index[nxt])
            if advanced:
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == index[node]:
                comp = set()
                while True:
                    top = stack.pop()
                    on_stack.discard(top)
                    comp.add(top)
                    if top == node:
                        break
                if len(comp) > 1 or node in graph.get(node, ()):
                    out.append(comp)
    return out
