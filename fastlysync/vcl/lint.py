"""The lint engine: parse, assemble includes, run every rule, apply ignores and config.

Two modes (see DESIGN.md "Lint modes"):

* standalone, `lint_paths([...])`: VCL files and folders with no spec. `include "name"` resolves
  next to the including file, then in `vcl/`; names the service would supply are assumed.
* service context, `lint_service(ServiceContext)`: a service's custom VCL, snippets and condition
  statements linted as Fastly assembles them; everything the service declares is known and
  anything else is an error.
"""

from __future__ import annotations

import functools
import gc
import re
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

from . import ast as A
from .diagnostic import SEVERITY_RANK, Diagnostic
from .records import field, record
from .rules.analysis import Analysis, SourceFile
from .scopes import BUILTIN_SUBS, CONDITION_SCOPES, SNIPPET_SCOPES, parse_scope_annotation

TYPE_CHECKING = False  # typing itself costs a cold lint its import
if TYPE_CHECKING:
    from typing import ParamSpec, TypeVar

    from .config import LintConfig
    from .context import ServiceContext
    from .rules.base import Rule

VCL_SUFFIXES = (".vcl",)
FALCO_TEST_SUFFIX = ".test.vcl"
"""falco unit-test files: run by `fastlysync test`, never uploaded to Fastly, so not linted
(they call `testing.*`/`assert.*`, group tests in `describe` blocks and reuse sub names)."""
SPEC_SUFFIXES = (".yaml", ".yml")
_TOP_LEVEL = re.compile(
    r"^[ \t]*(?:sub|acl|backend|director|table|ratecounter|penaltybox|import|pragma)[ \t]+"
    r"[A-Za-z_]", re.M
)
_SCOPE_HEADER = re.compile(r"^\s*(?:#|//|/\*)[^\n]*@scope\s*:", re.M)
_ONLY_INCLUDES = re.compile(r'(?:include\s+"[^"\n]*"\s*;?\s*)+')
_TEMPLATE_MESSAGE = "render the template before linting it"


@record
class LintResult:
    diagnostics: list[Diagnostic] = field(default_factory=list)
    files: int = 0
    lines: int = 0
    notes: list[str] = field(default_factory=list)
    """Things the user should know that are not findings (e.g. spec support missing)."""

    @property
    def errors(self) -> int:
        return sum(1 for d in self.diagnostics if d.severity == "error")

    @property
    def warnings(self) -> int:
        return sum(1 for d in self.diagnostics if d.severity == "warning")

    @property
    def infos(self) -> int:
        return sum(1 for d in self.diagnostics if d.severity == "info")

    @property
    def exit_code(self) -> int:
        return 1 if self.errors else 0


if TYPE_CHECKING:
    _P = ParamSpec("_P")
    _R = TypeVar("_R")


def _gc_paused(func: Callable[_P, _R]) -> Callable[_P, _R]:
    """Run ``func`` with the cyclic garbage collector paused.

    A lint run builds trees of many small objects and drops them at the end; left running, the
    collector would scan those trees over and over while they grow (about 7% of lint time).
    Nothing here needs it (the trees hold no reference cycles), and it is back on as soon as
    ``func`` has returned and its trees are freed.
    """
    @functools.wraps(func)
    def paused(*args: _P.args, **kwargs: _P.kwargs) -> _R:
        if not gc.isenabled():
            return func(*args, **kwargs)
        gc.disable()
        try:
            return func(*args, **kwargs)
        finally:
            gc.enable()

    return paused


# --------------------------------------------------------------------------- parsing


def _syntax(diags: Iterable[object], path: str, offset: int = 0) -> list[Diagnostic]:
    out = []
    for d in diags:
        message = d.message  # type: ignore[attr-defined]
        code, name, severity = "VCL001", "syntax-error", "error"
        if _TEMPLATE_MESSAGE in message:
            code, name, severity = "VCL002", "unrendered-template", "info"
        out.append(Diagnostic(
            path=path,
            line=d.line + offset,  # type: ignore[attr-defined]
            column=d.column,  # type: ignore[attr-defined]
            end_line=(getattr(d, "end_line", 0) or d.line) + offset,  # type: ignore[attr-defined]
            end_column=getattr(d, "end_column", 0) or d.column,  # type: ignore[attr-defined]
            code=code, name=name, severity=severity, message=message,
        ))
    return out


def parse_source(text: str, path: str, mode: str = "file", line_offset: int = 0,
                 label: str = "", one_line: bool = False) -> SourceFile:
    from .parser import parse

    result = parse(text, path, mode=mode)  # type: ignore[arg-type]
    f = SourceFile(path=path, text=text, program=result.program, mode=mode,
                   line_offset=line_offset, label=label, one_line=one_line)
    f.syntax = _syntax(result.diagnostics, path, line_offset)
    if one_line:
        for d in f.syntax:
            d.line = d.end_line = line_offset + 1
    return f


def guess_mode(text: str) -> str:
    """`statements` for a snippet body file (no top-level declarations), else `file`."""
    if _SCOPE_HEADER.search(text[:2000]) and not _TOP_LEVEL.search(text):
        return "statements"
    if _TOP_LEVEL.search(text) or not text.strip():
        return "file"
    stripped = re.sub(r"(?m)^\s*(#|//).*$", "", text)
    stripped = re.sub(r"/\*.*?\*/", "", stripped, flags=re.S).strip()
    if not stripped or _ONLY_INCLUDES.fullmatch(stripped):
        return "file"  # a main VCL that only includes the files holding its subs
    return "statements"


def snippet_scope(file: SourceFile) -> int:
    """Scope of a statement-only file (0 if none): named by a `# @scope: recv` comment, else
    by its file name (then `file.scope_from_name` says whether that is only a guess)."""
    for comment in file.comments[:20]:
        found = parse_scope_annotation(comment.text)
        if found:
            return found
    # A name that is just the type (`recv.vcl`, as Fastly's Magento module names its snippet
    # files) is one; a name ending in it (`waf_recv.vcl`, `blocking-recv.vcl`) is a guess, so
    # its scope findings are warnings. A type word elsewhere (`error_pages.vcl`) says nothing.
    stem = Path(file.path).stem.lower()
    last = re.split(r"[^a-z]+", stem)[-1]
    scope = SNIPPET_SCOPES.get(last, 0)
    file.scope_from_name = bool(scope) and stem != last
    return scope


# --------------------------------------------------------------------------- running rules


def run_rules(analysis: Analysis, rules: Sequence[type[Rule]] | None = None) -> list[Diagnostic]:
    from .registry import all_rules

    out: list[Diagnostic] = []
    for rule_cls in rules or all_rules():
        out.extend(rule_cls().check(analysis))
    return out


def _finish(diagnostics: list[Diagnostic], files: Iterable[SourceFile],
            config: LintConfig | None) -> list[Diagnostic]:
    from .suppress import Suppressions, collect

    by_path: dict[str, Suppressions] = {}
    for f in files:
        if f.program is None or not f.comments:
            continue
        found = collect(f.text, f.comments, f.line_offset)
        if not found:
            continue
        merged = by_path.setdefault(f.path, Suppressions())
        for line, codes in found.lines.items():
            merged.lines.setdefault(line, set()).update(codes)
        merged.blocks.extend(found.blocks)
        merged.whole_file |= found.whole_file
    seen: set[tuple[str, int, int, str, str]] = set()
    out = []
    for d in diagnostics:
        key = (d.path, d.line, d.column, d.code, d.message)
        if key in seen:
            continue
        seen.add(key)
        sup = by_path.get(d.path)
        if sup is not None and sup.hides(d):
            continue
        out.append(d)
    if config is not None:
        out = config.apply(out)
    out.sort(key=lambda d: (d.path, d.line, d.column, SEVERITY_RANK.get(d.severity, 3), d.code))
    return out


@_gc_paused
def lint_source(text: str, path: str = "<input>", *, mode: str | None = None,
                scope: int | None = None, config: LintConfig | None = None,
                service: ServiceContext | None = None) -> list[Diagnostic]:
    """Lint one piece of VCL on its own (no includes are followed)."""
    mode = mode or guess_mode(text)
    f = parse_source(text, path, mode)
    fixed = []
    if mode != "file":
        fixed = [(f, Path(path).stem, "snippet", scope if scope is not None else snippet_scope(f))]
    # No other file is read, but a file that includes itself is a cycle all the same.
    includes: dict[tuple[str, str], SourceFile | None] = {
        (f.path, target): f for target, _mode in _include_targets(f)
        if Path(target).stem == Path(path).stem and Path(target).suffix in ("", ".vcl")}
    analysis = _analysis([f], fixed, service=service, includes=includes)
    return _finish(run_rules(analysis), [f], config)


def _analysis(files: list[SourceFile], fixed: list[tuple[SourceFile, str, str, int]], *,
              service: ServiceContext | None,
              includes: dict[tuple[str, str], SourceFile | None],
              external: dict[str, set[str]] | None = None) -> Analysis:
    from .catalogue import load

    main = any(
        f.program is not None and any(
            isinstance(d, A.Subroutine) and d.name.name in BUILTIN_SUBS
            for d in f.program.declarations)
        for f in files
    )
    return Analysis(files, load(), service=service, includes=includes,
                    fixed_containers=fixed, main=main, external=external)


# --------------------------------------------------------------------------- standalone


class _Workspace:
    """Parsed files by (path, mode), with include resolution for standalone linting."""

    def __init__(self, vcl_dirs: list[Path], linted: Sequence[Path] = ()) -> None:
        self.vcl_dirs = vcl_dirs
        self.parsed: dict[tuple[str, str], SourceFile] = {}
        self.lines = 0
        # Fastly names a service's custom VCL files without folders, so `include "x";` may
        # name a file linted along in any subfolder (falco's `-I includes`, `includes/x.vcl`).
        self.by_name: dict[str, list[Path]] = {}
        for p in linted:
            self.by_name.setdefault(p.name, []).append(p)

    def load(self, path: Path, mode: str | None = None) -> SourceFile:
        key_path = str(path)
        try:
            data = path.read_bytes()
        except OSError as exc:
            f = SourceFile(key_path, "", None, mode or "file")
            f.syntax.append(Diagnostic(key_path, 1, 1, 1, 1, "VCL001", "syntax-error", "error",
                                       f"cannot read file: {exc.strerror or exc}"))
            return f
        text = data.decode("utf-8", errors="replace") if b"\x00" not in data else ""
        mode = mode or guess_mode(text)
        cached = self.parsed.get((key_path, mode))
        if cached is not None:
            return cached
        from .parser import parse

        result = parse(data, key_path, mode=mode)  # type: ignore[arg-type]
        f = SourceFile(key_path, text, result.program, mode, _syntax(result.diagnostics, key_path))
        self.lines += text.count("\n") + (1 if text and not text.endswith("\n") else 0)
        self.parsed[(key_path, mode)] = f
        return f

    def resolve(self, including: Path, target: str) -> Path | None:
        names = [target] if target.endswith(".vcl") else [target, target + ".vcl"]
        folders = [including.parent, *self.vcl_dirs]
        for anc in including.parents:
            if anc.name == "vcl":
                folders.append(anc)
                break
        for folder in folders:
            for name in names:
                candidate = folder / name
                if candidate.is_file():
                    return candidate
        found = [p for name in names for p in self.by_name.get(name, ())]
        return found[0] if len(found) == 1 else None  # two files of that name: ambiguous


def _include_targets(f: SourceFile) -> list[tuple[str, str]]:
    """A file's include targets, each with the mode its text is read in: the top-level ones
    ("file") first, then those among statements ("statements")."""
    if f.program is None or "include" not in f.text:
        return []
    from .includes import include_nodes  # only for a file that has an `include`

    nodes = include_nodes(f)
    return ([(n.target, "file") for n in nodes if isinstance(n, A.Include)]
            + [(n.target, "statements") for n in nodes if isinstance(n, A.IncludeStatement)])


def _unit(ws: _Workspace, root: SourceFile) -> tuple[list[SourceFile],
                                                    dict[tuple[str, str], SourceFile | None]]:
    files = [root]
    includes: dict[tuple[str, str], SourceFile | None] = {}
    seen = {(root.path, root.mode)}
    todo = [root]
    while todo:
        f = todo.pop()
        for target, mode in _include_targets(f):
            if target.startswith("snippet::"):
                includes[(f.path, target)] = None
                continue
            found = ws.resolve(Path(f.path), target)
            if found is None:
                includes[(f.path, target)] = None
                continue
            sub = ws.load(found, mode)
            includes[(f.path, target)] = sub
            if (sub.path, sub.mode) not in seen:
                seen.add((sub.path, sub.mode))
                files.append(sub)
                todo.append(sub)
    return files, includes


def collect_files(paths: Sequence[Path]) -> tuple[list[Path], list[Path], list[str], list[Path]]:
    """VCL files and spec files under `paths`, paths that do not exist, and the falco
    unit-test files (``*.test.vcl``) found, which are left out of the VCL files."""
    vcls: list[Path] = []
    specs: list[Path] = []
    missing: list[str] = []
    tests: list[Path] = []
    for path in paths:
        if path.is_dir():
            for p in sorted(path.rglob("*")):
                if any(part.startswith(".") for part in p.relative_to(path).parts):
                    continue
                if p.suffix in VCL_SUFFIXES and p.is_file():
                    (tests if p.name.endswith(FALCO_TEST_SUFFIX) else vcls).append(p)
                elif p.suffix in SPEC_SUFFIXES and p.is_file():
                    specs.append(p)
        elif path.is_file():
            if path.name.endswith(FALCO_TEST_SUFFIX):
                tests.append(path)
            else:
                (specs if path.suffix in SPEC_SUFFIXES else vcls).append(path)
        else:
            missing.append(str(path))
    return (list(dict.fromkeys(vcls)), list(dict.fromkeys(specs)), missing,
            list(dict.fromkeys(tests)))


@_gc_paused
def lint_paths(paths: Sequence[Path | str], config: LintConfig | None = None,
               vcl_dirs: Sequence[Path] | None = None) -> LintResult:
    """Lint VCL files and folders standalone (spec YAML files are linted in service context)."""
    vcls, specs, missing, tests = collect_files([Path(p) for p in paths])
    result = LintResult()
    if tests:
        result.notes.append(
            f"skipped {len(tests)} falco unit-test file(s) (*{FALCO_TEST_SUFFIX}, e.g. "
            f"{tests[0]}): they are run by `fastlysync test`, not uploaded to Fastly")
    for m in missing:
        result.diagnostics.append(Diagnostic(m, 0, 0, 0, 0, "VCL001", "syntax-error", "error",
                                             "no such file or directory"))
    dirs = list(vcl_dirs) if vcl_dirs is not None else [Path.cwd() / "vcl"]
    covered: set[str] = set()
    if specs:
        covered = _lint_specs(specs, config, result)
    if covered:
        vcls = [p for p in vcls if str(p.resolve()) not in covered]
    alone = [Path(p) for p in paths if Path(p).suffix in VCL_SUFFIXES and Path(p) in vcls]
    result.diagnostics.extend(_lint_vcl_files(vcls, dirs, config, result, alone))
    result.diagnostics.sort(
        key=lambda d: (d.path, d.line, d.column, SEVERITY_RANK.get(d.severity, 3), d.code))
    return result


def _lint_vcl_files(vcls: list[Path], dirs: list[Path], config: LintConfig | None,
                    result: LintResult, alone: Sequence[Path] = ()) -> list[Diagnostic]:
    """Lint standalone VCL files; `alone` are those named one by one (not found in a folder):
    the `.vcl` files in and below their folder may define the subs they call and be the
    files they include by name (Fastly's VCL names have no folders)."""
    neighbours: list[Path] = []
    if alone:
        from .neighbours import neighbour_files

        neighbours = neighbour_files(list(alone), set(vcls), FALCO_TEST_SUFFIX)
    ws = _Workspace(dirs, [*vcls, *neighbours])
    loaded = [ws.load(p) for p in vcls]
    units = []
    reaches: dict[str, set[str]] = {}  # root path -> the files its unit includes
    for f in loaded:
        files, includes = _unit(ws, f)
        units.append((f, files, includes))
        reaches.setdefault(f.path, set()).update(sub.path for sub in files[1:])
    # A file is linted as part of a file that includes it, unless they include each other
    # (an include cycle): then each is linted as its own root.
    included = {p for root, below in reaches.items() for p in below
                if root not in reaches.get(p, ())}
    # Files linted together are often concatenated by a build step or uploaded as one
    # service's custom VCL: a sub one of them defines is not "undefined" in another.
    defined = {d.name.name for f in ws.parsed.values() if f.program is not None
               for d in f.program.declarations if isinstance(d, A.Subroutine)}
    external: dict[str, set[str]] | None = None
    if len(loaded) > 1 or (alone and defined):
        external = {"sub": defined, "called": set()}
    if alone:
        from .neighbours import beside_facts

        wanted = frozenset(  # what the lone files declare: used beside them?
            d.name.name for f in ws.parsed.values() if f.program is not None
            for d in f.program.declarations if isinstance(getattr(d, "name", None), A.Ident))
        beside = beside_facts(list(alone), set(vcls), neighbours, wanted, FALCO_TEST_SUFFIX)
        defined |= beside.subs
        # A file a neighbour includes is joined to it: its lifecycle subs share the macros and
        # the vcl_error branches, and may call subs from the includes that cannot be found.
        # Only then do these waive errors (a buggy file beside unrelated ones stays reported).
        joined = bool({Path(p).name.removesuffix(".vcl") for p in alone} & beside.included)
        if neighbours or beside.used:
            external = {"sub": defined, "called": set(beside.used), "used": beside.used,
                        "raised": beside.raised, "macros": beside.macros if joined else set(),
                        "handled": beside.handled if joined else set(),
                        "lost": beside.lost(alone) if joined else set()}
    if len(loaded) > 1 and external is not None:  # `error NNN` in files linted together
        from .neighbours import raised_statuses

        external["raised"] = external.get("raised", set()) | raised_statuses(
            f.text for f in loaded)
    diagnostics: list[Diagnostic] = []
    all_files: dict[tuple[str, str], SourceFile] = {}
    analyses = []
    for root, files, includes in units:
        for f in files:
            all_files[(f.path, f.mode)] = f
        if root.path in included:
            continue  # linted as part of the file that includes it
        fixed = []
        if root.mode == "statements":
            fixed = [(root, Path(root.path).name, "snippet", snippet_scope(root))]
        analysis = _analysis(files, fixed, service=None, includes=includes, external=external)
        if external is not None:
            for callees in analysis.call_graph.values():
                external["called"] |= callees
        analyses.append(analysis)
    for analysis in analyses:  # after all are built: `called` spans every file linted
        diagnostics.extend(run_rules(analysis))
    result.files += len(vcls)
    result.lines += ws.lines
    return _finish(diagnostics, all_files.values(), config)


# --------------------------------------------------------------------------- service context


@_gc_paused
def lint_service(ctx: ServiceContext, config: LintConfig | None = None) -> list[Diagnostic]:
    """Lint a service's custom VCL, snippets and conditions as Fastly assembles them."""
    files: list[SourceFile] = []
    fixed: list[tuple[SourceFile, str, str, int]] = []
    includes: dict[tuple[str, str], SourceFile | None] = {}
    spec_path = str(ctx.path or f"<service {ctx.name}>")

    def where(path: object, fallback: str) -> str:
        return str(path) if path else fallback

    def offset(path: object, line: int) -> int:
        """Content written inline in a spec starts at `line` of it; a file at its line 1."""
        return max(line - 1, 0) if path is None or str(path).endswith(SPEC_SUFFIXES) else 0

    vcl_files: dict[str, SourceFile] = {}
    for vcl in ctx.vcls:
        f = parse_source(vcl.content or "", where(vcl.path, f"{spec_path}#vcl:{vcl.name}"),
                         "file", line_offset=offset(vcl.path, vcl.line), label=f"vcl {vcl.name}",
                         one_line=not vcl.exact_lines)
        vcl_files[vcl.name] = f
    snippets = {s.name: s for s in ctx.snippets}
    snippet_files: dict[tuple[str, str], SourceFile] = {}

    def snippet_file(name: str, mode: str) -> SourceFile | None:
        s = snippets.get(name)
        if s is None:
            return None
        key = (name, mode)
        if key not in snippet_files:
            snippet_files[key] = parse_source(
                s.content or "", where(s.path, f"{spec_path}#snippet:{name}"), mode,
                line_offset=offset(s.path, s.line), label=f"snippet {name}",
                one_line=not s.exact_lines)
        return snippet_files[key]

    main = next((v for v in ctx.vcls if v.main), ctx.vcls[0] if len(ctx.vcls) == 1 else None)
    unit_vcls: list[SourceFile] = []
    if main is not None:
        root = vcl_files[main.name]
        unit_vcls.append(root)
        seen = {root.path}
        todo = [root]
        while todo:
            f = todo.pop()
            for target, mode in _include_targets(f):
                if target.startswith("snippet::"):
                    found = snippet_file(target[9:], mode)
                    includes[(f.path, target)] = found
                    if found is not None and found not in files:
                        files.append(found)
                    continue
                name = target[:-4] if target.endswith(".vcl") else target
                inc = vcl_files.get(target) or vcl_files.get(name)
                if inc is not None and mode == "statements":
                    inc = parse_source(inc.text, inc.path, "statements",
                                       line_offset=inc.line_offset, label=inc.label,
                                       one_line=inc.one_line)
                includes[(f.path, target)] = inc
                if inc is not None and inc.path not in seen:
                    seen.add(inc.path)
                    unit_vcls.append(inc)
                    todo.append(inc)
    # Fastly concatenates the snippets of one type at their macro in priority order.
    for s in sorted(ctx.snippets, key=lambda s: (s.priority, s.name)):
        if s.type == "init":
            f = snippet_file(s.name, "file")
            if f is not None and f not in files:
                files.append(f)
        elif s.type in SNIPPET_SCOPES:
            f = snippet_file(s.name, "statements")
            if f is not None:
                files.append(f)
                fixed.append((f, s.name, "snippet", SNIPPET_SCOPES[s.type]))
        elif s.type == "none" and not any(k[0] == s.name for k in snippet_files):
            # Never included: still check it parses, in whichever shape it has.
            f = snippet_file(s.name, guess_mode(s.content or ""))
            if f is not None:
                files.append(f)
    for c in ctx.conditions:
        scope = CONDITION_SCOPES.get(c.type.upper(), 0)
        f = parse_source(c.statement, where(c.path, f"{spec_path}#condition:{c.name}"),
                         "expression", line_offset=max(c.line - 1, 0),
                         label=f"condition {c.name}", one_line=not c.exact_lines)
        files.append(f)
        fixed.append((f, c.name, "condition", scope))
    unit_files = unit_vcls + files
    diagnostics = run_rules(_analysis(unit_files, fixed, service=ctx, includes=includes))
    # Custom VCL files the main one does not include are linted on their own, in context.
    for f in vcl_files.values():
        if f in unit_vcls:
            continue
        diagnostics.extend(run_rules(_analysis([f], [], service=ctx, includes={})))
        unit_files.append(f)
    return _finish(diagnostics, unit_files, config)


LINT_PLACEHOLDER = "fastlysync-lint-placeholder"
"""What an unset `${env:NAME}` secret reads as: linting needs no credentials, so a missing one
must not stop the VCL from being checked."""


def _lint_specs(specs: list[Path], config: LintConfig | None, result: LintResult) -> set[str]:
    """Lint each spec's service in context; returns the VCL files the specs cover."""
    covered: set[str] = set()
    try:
        from fastlysync import spec as spec_module
    except ImportError:
        result.notes.append("spec files skipped: fastlysync.spec is not available")
        return covered
    load_specs = getattr(spec_module, "load_specs", None)
    if load_specs is None:
        result.notes.append("spec files skipped: fastlysync.spec.load_specs is not available")
        return covered
    from fastlysync.spec.placeholders import Placeholders

    loaded = load_specs(specs, env=Placeholders(lambda key: LINT_PLACEHOLDER))
    for err in getattr(loaded, "errors", []):
        result.diagnostics.append(Diagnostic(
            str(err.path), err.line, err.column, err.line, err.column, "VCL000", "spec-error",
            "error", err.message))
    try:
        from fastlysync.spec.lint_context import service_context as build
    except ImportError:
        result.notes.append("spec files skipped: fastlysync.spec.lint_context is not available")
        return covered
    for item in getattr(loaded, "services", []):
        ctx = build(item)
        result.files += 1 + len(ctx.vcls) + len(ctx.snippets)
        result.lines += sum(v.content.count("\n") + 1 for v in ctx.vcls)
        result.lines += sum((s.content or "").count("\n") + 1 for s in ctx.snippets)
        result.diagnostics.extend(lint_service(ctx, config))
        for source in (*ctx.vcls, *ctx.snippets):
            if source.path and not str(source.path).endswith(SPEC_SUFFIXES):
                covered.add(str(Path(source.path).resolve()))
    return covered
