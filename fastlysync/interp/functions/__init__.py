"""Fastly's builtin functions.

``REGISTRY`` maps a name to ``fn(executor, node, *values)`` (arguments evaluated);
``RAW`` maps names that need their arguments unevaluated (a header reference, a table name) to
``fn(executor, node)``. A name in neither is reported as unsupported, never guessed.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

Fn = Callable[..., Any]

REGISTRY: dict[str, Fn] = {}
RAW: dict[str, Fn] = {}


def builtin(*names: str, raw: bool = False) -> Callable[[Fn], Fn]:
    """Register ``fn`` under each name; Fastly's aliases (``std.str2ip`` for ``std.ip``) are
    extra names, not wrapper functions."""
    def register(fn: Fn) -> Fn:
        for name in names:
            (RAW if raw else REGISTRY)[name] = fn
        return fn
    return register


from . import (  # noqa: E402  (modules register themselves)
    crypto,
    headers,
    misc,
    murmur,
    numbers,
    querystring,
    signatures,
    strings,
    symmetric,
    tables,
    times,
    urls,
    xxhash,
)

__all__ = ["RAW", "REGISTRY", "builtin", "crypto", "headers", "misc", "murmur", "numbers",
           "querystring", "signatures", "strings", "symmetric", "tables", "times", "urls",
           "xxhash"]
