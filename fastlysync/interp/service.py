"""A runnable service: custom VCL, snippets and generated macro code, parsed once.

``Source`` is the plain description (what ``spec_source`` builds from a spec, or a bare VCL
file); ``Service`` parses it, splices snippets and generated code in at the ``#FASTLY`` macros,
fills missing builtin subroutines from the boilerplate and indexes backends, tables and ACLs.
"""

from __future__ import annotations

import ipaddress
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from fastlysync.vcl import ast as A
from fastlysync.vcl.parser import parse

from . import boilerplate
from .errors import VclRuntimeError
from .executor import Segment, TableRef
from .values import AclRef, BackendRef

BUILTIN_SUBS = ("recv", "hash", "hit", "miss", "pass", "fetch", "error", "deliver", "log")
_MACRO_RE = re.compile(r"^#\s*FASTLY\s+(\w+)\s*$", re.I)
_LOG_RE = re.compile(r"^syslog\s+\S+\s+(.+?)\s+::\s?(.*)$", re.S)


@dataclass
class SourceFile:
    name: str
    content: str
    path: str
    main: bool = False


@dataclass
class SnippetSpec:
    name: str
    type: str
    content: str
    path: str
    priority: int = 100


@dataclass
class Source:
    name: str
    vcls: list[SourceFile] = field(default_factory=list)
    snippets: list[SnippetSpec] = field(default_factory=list)
    generated: dict[str, str] = field(default_factory=dict)
    """Macro name -> VCL statements Fastly generates there from the spec's objects."""
    backends: list[BackendRef] = field(default_factory=list)
    tables: dict[str, TableRef] = field(default_factory=dict)
    acls: dict[str, AclRef] = field(default_factory=dict)
    default_ttl: int = 3600
    log_endpoints: list[str] = field(default_factory=list)
    service_id: str = "SERVICEID"
    include_dirs: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    """What could not be modelled when the source was built (shown with every result)."""
    default_host: str = ""
    """Host header of requests that name none (the service's first domain)."""
    from_spec: bool = True
    """False for a bare VCL file: snippets it includes are unknown, so they count as empty."""
    """Folders searched for ``include "name";`` files that are not among ``vcls``."""


def _parse(text: str, path: str, mode: str) -> A.Program:
    result = parse(text, path, mode=mode)  # type: ignore[arg-type]
    if result.program is None or result.diagnostics:
        d = result.diagnostics[0] if result.diagnostics else None
        where = f"{d.path}:{d.line}" if d else path
        message = d.message if d else "could not be parsed"
        raise VclRuntimeError(f"VCL does not parse: {where}: {message}")
    return result.program


class Service:
    def __init__(self, source: Source) -> None:
        self.source = source
        self.name = source.name
        self.default_ttl = source.default_ttl
        self.subs: dict[str, tuple[A.Subroutine, str]] = {}
        self.objects: dict[str, Any] = {}
        self._bodies: dict[int, list[Any]] = {}
        self._labels: dict[int, dict[str, int]] = {}
        self._files: dict[str, A.Program] = {}
        self._snippets: dict[str, Segment] = {}
        self._statement_files: dict[str, Segment] = {}
        self.macros: dict[str, list[Segment]] = {m: [] for m in BUILTIN_SUBS}
        self.log_endpoints = set(source.log_endpoints)
        for backend in source.backends:
            self.objects[backend.name] = backend
        self.objects.update(source.tables)
        self.objects.update(source.acls)
        self.backends = [b for b in source.backends if b.kind == "backend"]
        self._load_snippets()
        self._load_vcl()
        self._load_generated()

    # ----------------------------------------------------------------- assembly

    def _load_snippets(self) -> None:
        for snip in sorted(self.source.snippets, key=lambda s: (s.priority, s.name)):
            if snip.type == "init":
                self._declare(_parse(snip.content, snip.path, "file"), snip.path)
                continue
            program = _parse(snip.content, snip.path, "statements")
            stmts = program.declarations[0].statements if program.declarations else []
            seg = Segment(snip.path, list(stmts), f"snippet {snip.name}", 1)
            self._snippets[snip.name] = seg
            if snip.type in self.macros:
                self.macros[snip.type].append(seg)

    def _load_vcl(self) -> None:
        files = {f.name: f for f in self.source.vcls}
        main = next((f for f in self.source.vcls if f.main), None)
        if main is None and len(self.source.vcls) == 1:
            main = self.source.vcls[0]
        if main is not None:
            self._load_file(main, files, set())
        for name in BUILTIN_SUBS:
            key = f"vcl_{name}"
            if key not in self.subs:
                program = _parse(boilerplate.SUBS[key], boilerplate.PATH, "file")
                self._declare(program, boilerplate.PATH)

    def _load_file(self, f: SourceFile, files: dict[str, SourceFile], seen: set[str]) -> None:
        if f.name in seen:
            return
        seen.add(f.name)
        program = _parse(f.content, f.path, "file")
        self._files[f.name] = program
        for decl in program.declarations:
            if isinstance(decl, A.Include) and decl.snippet_name is None:
                target = (files.get(decl.target) or files.get(decl.target.removesuffix(".vcl"))
                           or self._from_disk(decl.target))
                if target is None:
                    raise VclRuntimeError(f"include {decl.target!r}: no such VCL file",
                                          f.path, decl.line)
                self._load_file(target, files, seen)
            elif isinstance(decl, A.Include):
                seg = self._snippets.get(decl.snippet_name or "")
                if seg is None and self.source.from_spec:
                    raise VclRuntimeError(f"include {decl.target!r}: no such snippet",
                                          f.path, decl.line)
        self._declare(program, f.path)

    def add_program(self, program: A.Program, path: str) -> None:
        """Declare another file's subs, tables, ACLs and backends (falco test files)."""
        self._declare(program, path)

    def _from_disk(self, target: str) -> SourceFile | None:
        name = target if target.endswith(".vcl") else target + ".vcl"
        for folder in self.source.include_dirs:
            candidate = Path(folder) / name
            if candidate.is_file():
                try:
                    return SourceFile(target, candidate.read_text(encoding="utf-8"),
                                      str(candidate))
                except (OSError, UnicodeDecodeError):
                    return None
        return None

    def _declare(self, program: A.Program, path: str) -> None:
        for decl in program.declarations:
            if isinstance(decl, A.Subroutine):
                name = decl.name.name
                if name in self.subs and name.startswith("vcl_"):
                    # Fastly concatenates repeated builtin subs; keep the order of appearance.
                    old, old_path = self.subs[name]
                    merged = A.Subroutine(decl.name, [], None, A.Block(
                        [Segment(old_path, self.body(old), name, old.line),
                         Segment(path, list(decl.body.statements), name, decl.line)]),
                        line=old.line)
                    self.subs[name] = (merged, path)
                    self._bodies[id(merged)] = merged.body.statements
                    continue
                self.subs[name] = (decl, path)
                self._splice_macro(decl, program)
            elif isinstance(decl, A.Acl):
                self.objects[decl.name.name] = AclRef(decl.name.name, [
                    (_network(e.address.address, e.prefix), e.negated) for e in decl.entries])
            elif isinstance(decl, A.Table):
                self.objects[decl.name.name] = self._table(decl)
            elif isinstance(decl, A.Backend):
                ref = BackendRef(decl.name.name)
                self.objects[decl.name.name] = ref
                if not self.source.backends:  # VCL-only service: its first backend is default
                    self.backends.append(ref)
            elif isinstance(decl, A.Director):
                members = []
                for entry in decl.backends:
                    for prop in entry.properties:
                        if prop.name == "backend" and isinstance(prop.value, A.Ident):
                            found = self.objects.get(prop.value.name)
                            if isinstance(found, BackendRef):
                                members.append(found)
                self.objects[decl.name.name] = BackendRef(
                    decl.name.name, kind="director", members=members, director_type=decl.type)
            elif isinstance(decl, A.RateCounter | A.PenaltyBox):
                self.objects[decl.name.name] = decl.name.name

    def _table(self, decl: A.Table) -> TableRef:
        from .functions.tables import table_value

        vtype = (decl.value_type or "STRING").upper()
        entries: dict[str, Any] = {}
        for entry in decl.entries:
            value = entry.value
            if isinstance(value, A.Ident):
                raw: Any = value.name
            elif isinstance(value, A.RTimeLit):
                raw = value.seconds
            else:
                raw = getattr(value, "value", getattr(value, "address", None))
            entries[entry.key.value] = table_value(raw, vtype, self.objects.get)
        return TableRef(decl.name.name, vtype, entries)

    def _splice_macro(self, sub: A.Subroutine, program: A.Program) -> None:
        """Put a marker where ``#FASTLY <name>`` sits in a builtin sub's top-level body."""
        name = sub.name.name
        if not name.startswith("vcl_") or name[4:] not in BUILTIN_SUBS:
            return
        body = list(sub.body.statements)
        for comment in program.comments_between(sub.line, sub.end_line or sub.line):
            m = _MACRO_RE.match(comment.text.strip())
            if m is None:
                continue
            index = next((i for i, s in enumerate(body) if s.line > comment.line), len(body))
            body.insert(index, MacroMarker(m.group(1).lower(), comment.line))
            break
        self._bodies[id(sub)] = body

    def _load_generated(self) -> None:
        generated = dict(self.source.generated)
        generated["error"] = generated.get("error", "") + "\n" + FORCE_TLS
        generated["deliver"] = DELIVER_HEADERS + "\n" + generated.get("deliver", "")
        for macro, text in generated.items():
            if not text.strip():
                continue
            path = f"<generated {macro}>"
            program = _parse(text, path, "statements")
            stmts = program.declarations[0].statements if program.declarations else []
            self.macros[macro].append(Segment(path, list(stmts), f"generated {macro}", 1))

    # ----------------------------------------------------------------- lookups

    def body(self, sub: A.Subroutine) -> list[Any]:
        found = self._bodies.get(id(sub))
        return found if found is not None else sub.body.statements

    def sub(self, name: str) -> tuple[A.Subroutine | None, str]:
        found = self.subs.get(name)
        return found if found is not None else (None, "")

    def labels(self, statements: list[Any]) -> dict[str, int]:
        key = id(statements)
        found = self._labels.get(key)
        if found is None:
            found = {s.name: i for i, s in enumerate(statements) if isinstance(s, A.Label)}
            self._labels[key] = found
        return found

    def include(self, target: str) -> Segment | None:
        name = target[len("snippet::"):] if target.startswith("snippet::") else None
        if name is not None:
            found = self._snippets.get(name)
            if found is None and not self.source.from_spec:
                return Segment("<no snippet>", [], f"snippet {name} (not in this file)")
            return found
        found = self._statement_files.get(target)
        if found is None:
            files = {f.name: f for f in self.source.vcls}
            source = (files.get(target) or files.get(target.removesuffix(".vcl"))
                      or self._from_disk(target))
            if source is None:
                return None
            program = _parse(source.content, source.path, "statements")
            stmts = program.declarations[0].statements if program.declarations else []
            found = Segment(source.path, list(stmts), f"include {target}")
            self._statement_files[target] = found
        return found

    def named(self, name: str | None) -> Any:
        if not name:
            return None
        found = self.objects.get(name)
        if found is None and name.startswith(("ssl_shield_", "shield_")):
            # Fastly's shield POPs are backends every service can name.
            found = self.objects[name] = BackendRef(name, kind="shield")
        elif found is None and not self.source.from_spec and name.startswith("F_"):
            # A bare VCL file names the backends its service configures as F_<name>.
            found = self.objects[name] = BackendRef(name, spec_name=name[2:])
        return found

    def log(self, st: Any, line: str) -> None:
        m = _LOG_RE.match(line)
        if m is not None:
            st.logs.append((m.group(1), m.group(2)))
        else:
            st.logs.append(("", line))


FORCE_TLS = """if (obj.status == 801) {
  set obj.status = 301;
  set obj.response = "Moved Permanently";
  set obj.http.Location = "https://" req.http.host req.url;
  synthetic {""};
  return(deliver);
}"""
"""Fastly's error macro turns the reserved status 801 into a redirect to https."""


DELIVER_HEADERS = """if (!resp.http.X-Served-By) {
  set resp.http.X-Served-By = server.identity;
} else {
  set resp.http.X-Served-By = resp.http.X-Served-By ", " server.identity;
}
set resp.http.X-Cache = if(resp.http.X-Cache, resp.http.X-Cache ", ", "")
  if(fastly_info.state ~ "^(HIT|ERROR)", "HIT", "MISS");
set resp.http.X-Cache-Hits = if(resp.http.X-Cache-Hits, resp.http.X-Cache-Hits ", ", "")
  obj.hits;
set resp.http.X-Timer = "S" time.start.sec "." time.start.usec_frac ",VS0,VE0";"""
"""The headers Fastly's deliver macro adds to every response (the VCL may unset them after)."""


class MacroMarker:
    """Where a ``#FASTLY name`` comment sat: the executor runs the macro's segments here."""

    __slots__ = ("line", "name")

    def __init__(self, name: str, line: int) -> None:
        self.name = name
        self.line = line


def _network(address: str, prefix: int | None) -> ipaddress.IPv4Network | ipaddress.IPv6Network:
    text = address.strip().strip('"')
    try:
        return ipaddress.ip_network(f"{text}/{prefix}" if prefix is not None else text,
                                    strict=False)
    except ValueError:
        raise VclRuntimeError(f"bad ACL entry {address!r}") from None


def vcl_source(text: str, path: str, name: str = "") -> Source:
    """A service that is one custom VCL file and nothing else."""
    return Source(name=name or path, vcls=[SourceFile("main", text, path, True)],
                  include_dirs=[str(Path(path).parent)], from_spec=False)
