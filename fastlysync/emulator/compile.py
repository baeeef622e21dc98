"""The compile step Fastly runs on activation (and `validate`), using the project's VCL parser.

Only syntax is checked: what Fastly would refuse to compile. Problems come back in Fastly's
words, `Syntax error: <message>\\nat: (input Line L Pos P)`, where `input` is the main VCL and
other files and snippets are named by their own name.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

log = logging.getLogger(__name__)

STATEMENT_SNIPPETS = frozenset({"recv", "hash", "hit", "miss", "pass", "fetch", "error",
                                "deliver", "log"})
"""Snippet types whose content is spliced into a subroutine body (the rest are top level)."""


@dataclass(frozen=True)
class Problem:
    message: str
    where: str
    line: int
    column: int

    def detail(self) -> str:
        at = f"({self.where} Line {self.line} Pos {self.column})"
        return f"Syntax error: {self.message}\nat: {at}"


_warned = False


def _parser() -> Any | None:
    global _warned
    try:
        from ..vcl.parser import parse  # optional: written alongside the emulator
    except ImportError:
        if not _warned:
            _warned = True
            log.warning("fastlysync.vcl.parser is missing: VCL is not compiled on activation")
        return None
    return parse


def _errors(parse: Any, source: str, where: str, mode: str) -> list[Problem]:
    try:
        result = parse(source, where, mode=mode)
    except Exception as exc:  # a parser crash must not take the API down; report it as Fastly would
        return [Problem(f"{type(exc).__name__}: {exc}", where, 1, 1)]
    problems = []
    for diag in getattr(result, "diagnostics", []) or []:
        if getattr(diag, "severity", "error") != "error":
            continue
        problems.append(Problem(str(getattr(diag, "message", diag)), where,
                                int(getattr(diag, "line", 1) or 1),
                                int(getattr(diag, "column", 1) or 1)))
    return problems


def lint_source(source: str) -> list[Problem]:
    """Problems in one VCL file (`input`), as the compile step reports them."""
    parse = _parser()
    return [] if parse is None else _errors(parse, source, "input", "file")


def check(vcls: list[dict[str, Any]], snippets: list[dict[str, Any]],
          conditions: list[dict[str, Any]] = ()) -> list[Problem]:  # type: ignore[assignment]
    """Problems that stop a version from compiling: `vcls` are {name, content, main},
    `snippets` are {name, type, content} with dynamic content already resolved, and
    `conditions` are {name, statement}."""
    problems: list[Problem] = []
    if vcls and not any(v.get("main") for v in vcls):
        names = ", ".join(sorted(v["name"] for v in vcls))
        problems.append(Problem(f"No main VCL is set among the custom VCLs ({names})",
                                "input", 1, 1))
    parse = _parser()
    if parse is None:
        return problems
    for vcl in vcls:
        where = "input" if vcl.get("main") else vcl["name"]
        problems.extend(_errors(parse, vcl.get("content") or "", where, "file"))
    for snippet in snippets:
        mode = "statements" if snippet.get("type") in STATEMENT_SNIPPETS else "file"
        problems.extend(_errors(parse, snippet.get("content") or "", snippet["name"], mode))
    for condition in conditions:
        problems.extend(_errors(parse, condition.get("statement") or "", condition["name"],
                                "expression"))
    return problems
