"""Regular expressions with Fastly's (PCRE) semantics, as closely as Python gets.

The ``regex`` module (maintained, PyPI) runs the patterns: it accepts PCRE syntax that Python's
``re`` lacks (possessive quantifiers, atomic groups, ``\\K``-free lookbehind of varying width,
``(?<name>...)``, POSIX classes ``[[:alpha:]]``) and, crucially, takes a ``timeout`` so a
catastrophic pattern ends with a clear error instead of a hang. Differences that remain from
PCRE are listed in docs/testing.md (e.g. ``$`` also matches before a final newline in both,
``\\Z`` / ``\\z`` spelling, recursion ``(?R)`` is supported by ``regex`` too).
"""

from __future__ import annotations

from typing import Any

import regex as _regex

from .errors import LimitExceeded, VclRuntimeError

TIMEOUT = 0.25
"""Seconds a single match may take before it is reported as catastrophic backtracking."""

_cache: dict[str, Any] = {}


def _quote_literals(pattern: str) -> str:
    """PCRE's ``\\Q...\\E`` (a literal run), which ``regex`` lacks, as escaped text."""
    out: list[str] = []
    i = 0
    while i < len(pattern):
        if pattern.startswith("\\\\", i):
            out.append("\\\\")
            i += 2
        elif pattern.startswith("\\Q", i):
            end = pattern.find("\\E", i + 2)
            literal = pattern[i + 2:] if end < 0 else pattern[i + 2:end]
            out.append(_regex.escape(literal))
            i = len(pattern) if end < 0 else end + 2
        else:
            out.append(pattern[i])
            i += 1
    return "".join(out)


def compile_pattern(pattern: str, path: str = "", line: int = 0) -> Any:
    compiled = _cache.get(pattern)
    if compiled is None:
        source = _quote_literals(pattern) if "\\Q" in pattern else pattern
        try:
            compiled = _regex.compile(source, _regex.VERSION0)
        except _regex.error as exc:
            raise VclRuntimeError(f"invalid regex {pattern!r}: {exc}", path, line) from None
        if len(_cache) > 4096:
            _cache.clear()
        _cache[pattern] = compiled
    return compiled


def search(pattern: str, text: str, path: str = "", line: int = 0) -> Any:
    try:
        return compile_pattern(pattern, path, line).search(text, timeout=TIMEOUT)
    except TimeoutError:
        raise LimitExceeded(f"regex {pattern!r} took over {TIMEOUT}s (catastrophic "
                            "backtracking)", path, line) from None


BRACED = _regex.compile(r"\\\{([0-9]{1,2})\}")


def _expand(template: str, m: Any) -> str:
    """PCRE/Varnish replacement: ``\\0``-``\\9`` groups, ``\\{N}`` for groups up to 19
    (Fastly's regsub reference), ``\\\\`` a backslash."""
    groups = m.re.groups or 0
    out: list[str] = []
    i = 0
    while i < len(template):
        c = template[i]
        if c == "\\" and i + 1 < len(template):
            nxt = template[i + 1]
            if nxt in "0123456789":
                out.append(m.group(int(nxt)) or "" if int(nxt) <= groups else "")
                i += 2
                continue
            braced = BRACED.match(template, i) if nxt == "{" else None
            if braced and int(braced.group(1)) <= 19:
                n = int(braced.group(1))
                out.append(m.group(n) or "" if n <= groups else "")
                i = braced.end()
                continue
            if nxt == "\\":
                out.append("\\")
                i += 2
                continue
        out.append(c)
        i += 1
    return "".join(out)


def sub(pattern: str, text: str, replacement: str, count: int, path: str = "",
        line: int = 0) -> str:
    """``regsub`` (count 1) and ``regsuball`` (count 0)."""
    compiled = compile_pattern(pattern, path, line)
    try:
        return compiled.sub(lambda m: _expand(replacement, m), text, count=count,
                            timeout=TIMEOUT)
    except TimeoutError:
        raise LimitExceeded(f"regex {pattern!r} took over {TIMEOUT}s (catastrophic "
                            "backtracking)", path, line) from None
