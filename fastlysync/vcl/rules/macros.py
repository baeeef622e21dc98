"""`#FASTLY <sub>` macros in a main VCL's builtin subroutines."""

from __future__ import annotations

import re
from pathlib import Path

from .. import ast as A
from ..scopes import MACRO_SUBS
from .base import Rule

TYPE_CHECKING = False  # typing itself costs a cold lint its import
if TYPE_CHECKING:
    from ..diagnostic import Diagnostic
    from .analysis import Analysis, SourceFile

# Exactly `#FASTLY <name>` at the start of a `#` comment; text may follow the name.
MACRO = re.compile(r"#FASTLY[ \t]+([A-Za-z_]+)\b")
# Fastly-generated VCL renders expanded macros as `#--FASTLY RECV BEGIN` ... `END`.
GENERATED = re.compile(r"#--FASTLY[ \t]+([A-Za-z_]+)[ \t]+(BEGIN|END)", re.IGNORECASE)


def _macros(f: SourceFile) -> list[tuple[A.Comment, str]]:
    out = []
    for comment in f.comments:
        if comment.style != "#":
            continue
        match = MACRO.match(comment.text)
        if match:
            out.append((comment, "vcl_" + match.group(1).lower()))
    return out


def _is_generated(f: SourceFile) -> bool:
    if f.program is None:
        return False
    if any(isinstance(d, A.Pragma) for d in f.program.declarations):
        return True
    return any(GENERATED.match(c.text) for c in f.comments)


def _enclosing(subs: list[A.Subroutine], line: int) -> A.Subroutine | None:
    for sub in subs:
        if sub.line <= line <= sub.end_line:
            return sub
    return None


# `# @scope: init`, and the headers people give init snippet files: `# vcl_init`, `# place in
# VCL init`, or the name of the snippet Fastly's rate limiting UI creates
# (`# Snippet rate-limiter-v1-<name>-init`).
_INIT = re.compile(r"@scope\s*:?\s*init\b|\bvcl[ _]init\b|\bsnippet\s+\S*init\b",
                   re.IGNORECASE)


def _init_snippet(f: SourceFile) -> bool:
    """A file that says it is an init snippet (`init.vcl`, `waf-init.vcl`, or a header
    comment above its first declaration): Fastly joins the lifecycle subs it defines to those
    of the main VCL (its own default one, with every macro, when there is no custom VCL)."""
    if re.split(r"[^a-z]+", Path(f.path).stem.lower())[-1] == "init":
        return True
    assert f.program is not None
    first = min((d.line for d in f.program.declarations), default=0)
    return any(_INIT.search(c.text) for c in f.comments[:20] if c.line < first)


def _runs_only_in(context: Analysis, sub: str, stage: str) -> bool:
    """A custom sub called only from `stage` (vcl_recv, ...), not guessed from its name.
    Fastly expands a macro where its comment stands, so `#FASTLY recv` in a sub that only
    vcl_recv calls runs in vcl_recv (polyfill-service selects its backend after the macro)."""
    from ..scopes import BUILTIN_SUBS, SCOPE_BIT

    conts = context.subs.get(sub, ())
    return bool(conts) and all(
        c.scope == SCOPE_BIT[BUILTIN_SUBS[stage]] and not c.guessed for c in conts)


class MissingMacro(Rule):
    """A builtin subroutine of a main VCL lacks its `#FASTLY <sub>` macro."""

    code = "VCL201"
    name = "fastly-macro-missing"
    severity = "warning"
    aliases = ("subroutine/boilerplate-macro",)
    doc = (
        "Fastly inserts the VCL it generates from the service configuration (backends, "
        "conditions, headers, request settings, logging) and the VCL snippets of that type where "
        "`#FASTLY recv`, `#FASTLY fetch`, ... appear. Without the macro that code silently never "
        "runs, and a missing `#FASTLY hash` has made Fastly reject the VCL. The comment must be "
        "exactly `#FASTLY <name>` (`# FASTLY`, `//FASTLY` and comments that merely mention the "
        "macro do not count). Fastly joins every definition of a sub (the main VCL, included "
        "files, init snippets), so one macro in any of them is enough. Fastly-generated VCL "
        "(with `pragma` lines) is not checked, nor is a file that says it is an init snippet "
        "(`init.vcl`, `waf-init.vcl`, or a header comment such as `# @scope: init`, `# vcl_init` "
        "or `# Snippet rate-limiter-v1-x-init`). A macro in a custom sub "
        "that only that "
        "subroutine calls counts (Fastly expands it where it stands). A standalone file with no "
        "macro at all gets one finding naming every such sub. In a service, a sub "
        "that only init snippets define "
        "(no custom VCL, or a custom VCL without that sub) is joined to Fastly's default one, "
        "which has the macro."
    )
    bad = "sub vcl_recv {\n  # remember: #FASTLY recv must stay first\n  return(lookup);\n}\n"
    good = "sub vcl_recv {\n  #FASTLY recv\n  return(lookup);\n}\n"

    def check(self, context: Analysis) -> list[Diagnostic]:
        if context.service is not None and not context.service.vcls:
            # No custom VCL: Fastly's own main VCL holds every macro, and the subs an init
            # snippet defines are joined to its subs.
            return []
        # Fastly joins every definition of a sub (main VCL, included files, init snippets)
        # into one: one macro in any of them is enough.
        # A lone file that a file beside it includes is joined to that file's macros.
        found: set[str] = set(context.external.get("macros", ()))
        first: dict[str, tuple[A.Subroutine, SourceFile]] = {}
        custom: set[str] | None = None
        if context.service is not None:
            # A lifecycle sub the custom VCL leaves out is Fastly's default one, macro
            # included; an init snippet defining it is joined to that (PyPI's top-POPs
            # snippet adds a `sub vcl_log` to a main VCL that has none).
            custom = {s.name.name for f in context.files
                      if f.program is not None and f.mode == "file"
                      and not f.label.startswith("snippet ")
                      for s in f.program.subroutines()}
        for f in context.files:
            if f.program is None or f.mode != "file":
                continue
            if context.service is None and f is context.files[0] and _init_snippet(f):
                continue  # linted on its own, not as part of a main VCL that includes it
            every = list(f.program.subroutines())
            subs = [s for s in every if s.name.name in MACRO_SUBS]
            if subs and _is_generated(f):
                found.update(s.name.name for s in subs)
                continue
            for comment, name in _macros(f) if every else ():
                sub = _enclosing(every, comment.line)
                if sub is not None and (sub.name.name == name or (
                        name in MACRO_SUBS and _runs_only_in(context, sub.name.name, name))):
                    found.add(name)
            for sub in subs:
                first.setdefault(sub.name.name, (sub, f))
        out = []
        missing = [(name, sub, f) for name, (sub, f) in first.items()
                   if name not in found and (custom is None or name in custom)]
        if custom is None and len(missing) > 1 and not any(_macros(f) for f in context.files):
            # No macro anywhere (a redirect-only service, an init snippet): one finding that
            # names every sub says it, not one per sub.
            _name, sub, f = missing[0]
            names = ", ".join(name for name, _s, _f in missing)
            return [self.diag(
                sub.name, f,
                f"no `#FASTLY` macro in {names}: Fastly's generated VCL and snippets will not "
                "be inserted (an init snippet? say so with a `# @scope: init` comment)")]
        for name, sub, f in missing:
            hint = ("" if custom is not None or _macros(f) else
                    " (an init snippet? say so with a `# @scope: init` comment)")
            out.append(self.diag(
                sub.name, f,
                f"{name} has no `#FASTLY {name[4:]}` macro: Fastly's generated VCL and "
                f"{name[4:]} snippets will not be inserted{hint}",
            ))
        return out


class MisplacedMacro(Rule):
    """A `#FASTLY <sub>` macro sits outside its own subroutine, or appears twice."""

    code = "VCL202"
    name = "fastly-macro-misplaced"
    severity = "warning"
    doc = (
        "`#FASTLY fetch` inside vcl_recv inserts fetch-stage code where it cannot run (and "
        "usually fails to compile); a macro repeated in the same sub inserts the generated code "
        "twice; a macro outside any sub is ignored. Fastly expands a macro where its comment "
        "stands, so one in a custom sub that only its own subroutine calls (`#FASTLY recv` in a "
        "`set_backend` sub called only from vcl_recv) runs there and is accepted; in a sub "
        "called from other stages too it is misplaced."
    )
    bad = (
        "sub vcl_recv {\n  #FASTLY recv\n  return(lookup);\n}\n\n"
        "sub vcl_fetch {\n  #FASTLY recv\n  #FASTLY fetch\n  return(deliver);\n}\n"
    )
    good = (
        "sub vcl_recv {\n  #FASTLY recv\n  return(lookup);\n}\n\n"
        "sub vcl_fetch {\n  #FASTLY fetch\n  return(deliver);\n}\n"
    )

    def check(self, context: Analysis) -> list[Diagnostic]:
        out = []
        for f in context.files:
            if f.program is None or _is_generated(f):
                continue
            subs = list(f.program.subroutines())
            seen: set[tuple[int, str]] = set()
            for comment, name in _macros(f):
                if name not in MACRO_SUBS:
                    out.append(self.diag(comment, f, f"unknown macro `{comment.text.strip()}`"))
                    continue
                sub = _enclosing(subs, comment.line)
                if f.mode != "file":
                    continue  # a snippet or included statement file: placed by its includer
                if sub is None:
                    out.append(self.diag(
                        comment, f, f"`#FASTLY {name[4:]}` is outside any subroutine; it belongs "
                        f"in {name}"))
                elif sub.name.name != name and not _runs_only_in(context, sub.name.name, name):
                    out.append(self.diag(
                        comment, f, f"`#FASTLY {name[4:]}` is in {sub.name.name}; it belongs in "
                        f"{name}"))
                elif (sub.line, name) in seen:
                    out.append(self.diag(
                        comment, f, f"`#FASTLY {name[4:]}` appears more than once in {name}"))
                else:
                    seen.add((sub.line, name))
        return out
