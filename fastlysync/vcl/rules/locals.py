"""Local variables (`declare local var.x TYPE;`)."""

from __future__ import annotations

from .analysis import LOCAL_TYPES
from .base import Rule

TYPE_CHECKING = False  # typing itself costs a cold lint its import
if TYPE_CHECKING:
    from ..diagnostic import Diagnostic
    from .analysis import Analysis, Container


class UndeclaredLocal(Rule):
    """A `var.*` local used without `declare local` in the same subroutine."""

    code = "VCL421"
    name = "undeclared-local"
    severity = "error"
    doc = (
        "Locals live for one subroutine: they must be declared in it (or be one of its "
        "parameters) and are not visible in the subs it calls. Declare them with "
        "`declare local var.name TYPE;`. A lifecycle sub is everything Fastly puts in it: every "
        "definition of it, the snippets of its type (at its `#FASTLY` macro) and Fastly's "
        "generated code, which declares `var.fastly_req_do_shield` in vcl_recv and "
        "`var.fastly_disable_restart_on_error` in vcl_fetch; a condition sees the locals of the "
        "subs its type is placed in. A snippet file linted on its own may use a local that the "
        "main VCL or an earlier snippet of its type declares: that is a warning there."
    )
    bad = 'sub vcl_recv {\n  #FASTLY recv\n  set var.path = req.url.path;\n}\n'
    good = (
        'sub vcl_recv {\n  #FASTLY recv\n  declare local var.path STRING;\n'
        '  set var.path = req.url.path;\n  set req.http.X-Path = var.path;\n}\n'
    )

    def check(self, context: Analysis) -> list[Diagnostic]:
        out = []
        for cont in context.containers:
            for ident, f, _write in cont.local_uses:
                name = ident.name.split(":", 1)[0]
                if (name not in cont.visible and name not in cont.params
                        and name not in cont.generated):
                    if context.standalone and cont.kind == "snippet":
                        # Unseen code runs before a snippet in the same subroutine.
                        out.append(self.diag(
                            ident, f, f"local {name} is not declared in {cont.label}; "
                            f"assumed to be declared by the main VCL or an earlier snippet",
                            "warning"))
                        continue
                    out.append(self.diag(
                        ident, f, f"local {name} is not declared in {cont.label}"))
        return out


def _declaring(group: list[Container], name: str, decl: object, default: Container
               ) -> Container:
    """The container of a joined subroutine whose own locals hold `decl`."""
    return next((c for c in group if any(d is decl for d in c.locals.get(name, ()))), default)


class DuplicateLocal(Rule):
    """The same local declared twice in one subroutine."""

    code = "VCL422"
    name = "duplicate-local"
    severity = "error"
    aliases = ("declare-statement/duplicated",)
    doc = "A local can be declared once per subroutine (parameters count as declared)."
    bad = (
        'sub vcl_recv {\n  #FASTLY recv\n  declare local var.a STRING;\n'
        '  declare local var.a STRING;\n  set var.a = "x";\n}\n'
    )
    good = 'sub vcl_recv {\n  #FASTLY recv\n  declare local var.a STRING;\n  set var.a = "x";\n}\n'

    def check(self, context: Analysis) -> list[Diagnostic]:
        out = []
        for group in context.frame_groups():
            cont = group[0]
            for name, decls in cont.visible.items():
                extra = decls[1:] if name not in cont.params else decls
                for decl in extra:
                    if decl.scope != "local":
                        continue
                    first = decls[0] if decl is not decls[0] else None
                    where = f" (first declared on line {first.line})" if first else \
                        " (it is a parameter)"
                    if first is not None and len(group) > 1:
                        owner = _declaring(group, name, first, cont)
                        first_file = context.file_of(first, owner.file)
                        where = (f" (first declared in {owner.label}, "
                                 f"{first_file.path}:{first.line + first_file.line_offset})")
                    home = _declaring(group, name, decl, cont)
                    out.append(self.diag(decl.name, context.file_of(decl, home.file),
                                         f"local {name} is declared twice{where}"))
        return out


class InvalidLocalType(Rule):
    """A local declared with a type VCL does not have."""

    code = "VCL424"
    name = "invalid-local-type"
    severity = "error"
    aliases = ("declare-statement/invalid-type",)
    doc = "Local types are BOOL, INTEGER, FLOAT, TIME, RTIME, STRING, REGEX, IP, BACKEND and ACL."
    bad = 'sub vcl_recv {\n  #FASTLY recv\n  declare local var.n NUMBER;\n  set var.n = 1;\n}\n'
    good = 'sub vcl_recv {\n  #FASTLY recv\n  declare local var.n INTEGER;\n  set var.n = 1;\n}\n'

    def check(self, context: Analysis) -> list[Diagnostic]:
        out = []
        for cont in context.containers:
            for decls in cont.locals.values():
                for decl in decls:
                    if decl.type.upper() not in LOCAL_TYPES:
                        out.append(self.diag(decl, context.file_of(decl, cont.file),
                                             f"unknown type {decl.type} for {decl.name.name}"))
        return out


class UnusedLocal(Rule):
    """A local that is declared but never used."""

    code = "VCL423"
    name = "unused-local"
    severity = "warning"
    aliases = ("unused/variable",)
    doc = "A declared local that nothing sets or reads is dead code."
    bad = 'sub vcl_recv {\n  #FASTLY recv\n  declare local var.unused STRING;\n}\n'
    good = (
        'sub vcl_recv {\n  #FASTLY recv\n  declare local var.host STRING;\n'
        '  set var.host = req.http.host;\n  set req.http.X-Host = var.host;\n}\n'
    )

    def check(self, context: Analysis) -> list[Diagnostic]:
        out = []
        conditions = [c for c in context.containers if c.kind == "condition"]
        for group in context.frame_groups():
            if not any(c.locals for c in group):
                continue
            used = {ident.name.split(":", 1)[0] for c in (*group, *conditions)
                    for ident, _f, _w in c.local_uses}
            for cont in group:
                for name, decls in cont.locals.items():
                    if name not in used:
                        out.append(self.diag(decls[0].name, context.file_of(decls[0], cont.file),
                                             f"local {name} is declared but never used"))
        return out
