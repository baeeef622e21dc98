"""Subroutine scopes: which lifecycle stage a sub runs in and what it may do there.

Sources: Fastly's request-lifecycle table (return states), the `error`/`restart`/`synthetic`
statement pages, and falco's scope handling (custom subs take the union of their callers' scopes,
an `@scope:` annotation overrides that). See docs/rules.md.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

from .catalogue import SCOPE_BIT

BUILTIN_SUBS: dict[str, str] = {
    "vcl_recv": "RECV",
    "vcl_hash": "HASH",
    "vcl_hit": "HIT",
    "vcl_miss": "MISS",
    "vcl_pass": "PASS",
    "vcl_fetch": "FETCH",
    "vcl_error": "ERROR",
    "vcl_deliver": "DELIVER",
    "vcl_log": "LOG",
    "vcl_pipe": "PIPE",
}
"""Fastly's lifecycle subroutines and their scope (vcl_pipe exists in Fastly-generated VCL)."""

MACRO_SUBS = tuple(name for name in BUILTIN_SUBS if name != "vcl_pipe")
"""Builtin subs whose body must carry a `#FASTLY <name>` macro."""

RETURN_ACTIONS: dict[str, frozenset[str]] = {
    # challenge: a vcl_recv return in Fastly's own VCL metadata (fastly/vscode-fastly-vcl
    # server/src/metadata/subroutines.json), absent from the lifecycle table: no error for it.
    "RECV": frozenset({"lookup", "pass", "error", "restart", "upgrade", "challenge"}),
    "HASH": frozenset({"hash"}),
    "HIT": frozenset({"deliver", "pass", "error", "restart"}),
    "MISS": frozenset({"fetch", "deliver_stale", "pass", "error"}),
    "PASS": frozenset({"pass", "error"}),
    # hit_for_pass: legacy Varnish that falco still accepts; deliver_stale: Fastly's stale guide.
    "FETCH": frozenset({"deliver", "deliver_stale", "pass", "error", "restart", "hit_for_pass"}),
    "ERROR": frozenset({"deliver", "deliver_stale", "restart"}),
    "DELIVER": frozenset({"deliver", "restart"}),
    "LOG": frozenset({"deliver"}),
    "PIPE": frozenset({"pipe", "error"}),
}

ERROR_SCOPES = SCOPE_BIT["RECV"] | SCOPE_BIT["HIT"] | SCOPE_BIT["MISS"] | SCOPE_BIT["PASS"] | \
    SCOPE_BIT["FETCH"]
RESTART_SCOPES = SCOPE_BIT["RECV"] | SCOPE_BIT["HIT"] | SCOPE_BIT["FETCH"] | SCOPE_BIT["ERROR"] | \
    SCOPE_BIT["DELIVER"]
SYNTHETIC_SCOPES = SCOPE_BIT["ERROR"]

SNIPPET_SCOPES: dict[str, int] = {
    name[4:]: SCOPE_BIT[scope] for name, scope in BUILTIN_SUBS.items() if name != "vcl_pipe"
}
"""Snippet type (recv, fetch, ...) -> scope bit; `init` and `none` have no scope of their own."""

CONDITION_SCOPES: dict[str, int] = {
    "REQUEST": SCOPE_BIT["RECV"],
    "CACHE": SCOPE_BIT["FETCH"],
    "RESPONSE": SCOPE_BIT["DELIVER"],
    "PREFETCH": SCOPE_BIT["MISS"] | SCOPE_BIT["PASS"],
}

_SCOPE_ANNOTATION = re.compile(r"@scope\s*:?\s*([A-Za-z_,\s]+)", re.IGNORECASE)
_LEGACY_ANNOTATION = re.compile(r"^@(recv|hash|hit|miss|pass|fetch|error|deliver|log)\s*$",
                                re.IGNORECASE)


def parse_scope_annotation(text: str) -> int | None:
    """Scopes named by an `@scope: recv, miss` (or legacy `@recv`) comment body, else None."""
    body = text.lstrip("#/* \t").rstrip("*/ \t")
    legacy = _LEGACY_ANNOTATION.match(body)
    if legacy:
        return SCOPE_BIT[legacy.group(1).upper()]
    match = _SCOPE_ANNOTATION.search(body)
    if not match:
        return None
    mask = 0
    for word in re.split(r"[\s,]+", match.group(1)):
        bit = SCOPE_BIT.get(word.strip().upper())
        if bit:
            mask |= bit
    return mask or None


def scope_from_suffix(name: str) -> int:
    """falco's fallback for uncalled subs: a `_recv`, `_fetch`, ... name suffix. A name that
    starts with another stage (`fetch_deliver_stale_on_error`, `recv_force_miss`: code that
    names subs by the stage calling them) says nothing sure, so it gets no scope."""
    stages = {sub[4:]: scope for sub, scope in BUILTIN_SUBS.items()}
    prefix = name.split("_", 1)[0]
    for stage, scope in stages.items():
        if name.endswith("_" + stage):
            return 0 if prefix in stages and prefix != stage else SCOPE_BIT[scope]
    return 0


def infer_scopes(
    subs: Iterable[str],
    calls: Mapping[str, Iterable[str]],
    annotated: Mapping[str, int],
) -> dict[str, int]:
    """Scope mask of every sub: builtin by name, annotation, else the union of its callers' scopes.

    `calls` maps caller -> callees. Subs reached from nothing known get a suffix-derived scope or
    0 (unknown: scope-dependent checks are skipped for them).
    """
    names = list(subs)
    scopes: dict[str, int] = {}
    fixed: set[str] = set()
    for name in names:
        if name in BUILTIN_SUBS:
            scopes[name] = SCOPE_BIT[BUILTIN_SUBS[name]]
            fixed.add(name)
        elif name in annotated:
            scopes[name] = annotated[name]
            fixed.add(name)
        else:
            scopes[name] = 0
    # Propagate caller scopes to callees until nothing changes (handles cycles).
    work = [n for n in names if scopes.get(n)]
    while work:
        caller = work.pop()
        mask = scopes.get(caller, 0)
        for callee in calls.get(caller, ()):
            if callee not in scopes or callee in fixed:
                continue
            merged = scopes[callee] | mask
            if merged != scopes[callee]:
                scopes[callee] = merged
                work.append(callee)
    for name in names:
        if not scopes[name]:
            scopes[name] = scope_from_suffix(name)
    return scopes
