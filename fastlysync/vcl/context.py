"""What a Fastly service declares around its VCL: the contract between spec loading and linting.

The spec layer builds a `ServiceContext` from YAML specs; `fastlysync.vcl.lint.lint_service`
lints the service's custom VCL, snippets and condition statements as Fastly assembles them.
Everything here is plain data so either side can build it without importing the other.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

SNIPPET_TYPES = ("init", "recv", "hash", "hit", "miss", "pass", "fetch", "error", "deliver", "log",
                 "none")
CONDITION_TYPES = ("REQUEST", "CACHE", "RESPONSE", "PREFETCH")


def backend_vcl_name(name: str) -> str:
    """How Fastly names a configured backend in VCL: `F_` + the name, non-alphanumerics as `_`
    (a backend `AWS nginx 26` is `F_AWS_nginx_26` in Fastly's generated VCL)."""
    return "F_" + vcl_name(name)


def vcl_name(name: str) -> str:
    """A dictionary, ACL or director name as an identifier: non-alphanumerics as `_`."""
    return re.sub(r"[^A-Za-z0-9_]", "_", name)


def loose_key(name: str) -> str:
    """A name with case and separators dropped. Fastly documents neither how it spells a
    dictionary or ACL name with spaces in VCL nor whether case is kept, so a reference that
    matches a configured name this loosely is not reported (no error where the rule is not
    established)."""
    return re.sub(r"[^a-z0-9]", "", name.lower())


SHIELD_BACKEND = re.compile(r"(?:ssl_)?shield_[A-Za-z0-9_]+\Z")
"""Shield POP backends Fastly's generated VCL declares for a service with shielding
(`ssl_shield_iad_va_us`, used with `fastly.try_select_shield`)."""


@dataclass
class SnippetSource:
    name: str
    type: str
    """One of SNIPPET_TYPES: a subroutine type, `init` (top level) or `none` (included by hand)."""
    priority: int = 100
    content: str = ""
    path: str | Path | None = None
    """File the content came from (the spec or the VCL file it points at), for diagnostics."""
    line: int = 1
    """Line in `path` where the content starts (1 when the content is its own file)."""
    exact_lines: bool = True
    """False when the content's lines do not map onto `path`'s (a quoted or folded YAML
    string): findings then point at `line`."""


@dataclass
class VclSource:
    name: str
    content: str
    main: bool = False
    path: str | Path | None = None
    line: int = 1
    """Line in `path` where the content starts (1 when the content is its own file)."""
    exact_lines: bool = True
    """False when the content's lines do not map onto `path`'s (a quoted or folded YAML
    string): findings then point at `line`."""


@dataclass
class ConditionSource:
    name: str
    type: str
    """One of CONDITION_TYPES."""
    statement: str
    path: str | Path | None = None
    line: int = 1
    exact_lines: bool = True


@dataclass
class ServiceContext:
    """Names a service declares. Backends are spec names; VCL sees them via `backend_vcl_name`."""

    backends: set[str] = field(default_factory=set)
    directors: set[str] = field(default_factory=set)
    tables: set[str] = field(default_factory=set)
    """Edge dictionaries, visible to VCL as tables."""
    acls: set[str] = field(default_factory=set)
    snippets: list[SnippetSource] = field(default_factory=list)
    vcls: list[VclSource] = field(default_factory=list)
    conditions: list[ConditionSource] = field(default_factory=list)
    name: str = ""
    path: str | Path | None = None
    """The spec file, for diagnostics that belong to the service rather than to one VCL."""

    def backend_names(self) -> set[str]:
        return {backend_vcl_name(b) for b in self.backends}

    def declares(self, kind: str, name: str) -> bool:
        """Whether the configuration gives VCL the `kind` (backend, director, table, acl) `name`."""
        if kind == "backend":
            if name in self.backend_names() or SHIELD_BACKEND.match(name):
                return True
            names = {"F_" + loose_key(b) for b in self.backends}
            return name.startswith("F_") and "F_" + loose_key(name[2:]) in names
        configured = {"director": self.directors, "table": self.tables, "acl": self.acls}.get(kind)
        if not configured:
            return False
        if name in configured or name in {vcl_name(n) for n in configured}:
            return True
        key = loose_key(name)
        return any(loose_key(n) == key for n in configured)
