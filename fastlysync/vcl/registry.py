"""Every lint rule, by code and by name."""

from __future__ import annotations

from functools import cache

from .rules.base import Rule


@cache
def all_rules() -> tuple[type[Rule], ...]:
    """Rule classes sorted by code."""
    from .rules import (
        declarations,
        error_codes,
        flow,
        functions,
        locals,
        macros,
        naming,
        regex,
        syntax,
        unreachable,
        variables,
    )

    found: list[type[Rule]] = []
    for module in (syntax, error_codes, macros, flow, variables, functions, locals,
                   declarations, unreachable, regex, naming):
        for value in vars(module).values():
            if (isinstance(value, type) and issubclass(value, Rule)
                    and value.__module__ == module.__name__ and "code" in vars(value)):
                found.append(value)
    return tuple(sorted(found, key=lambda r: r.code))


@cache
def _index() -> dict[str, type[Rule]]:
    index: dict[str, type[Rule]] = {}
    for rule in all_rules():
        index[rule.code.upper()] = rule
        index[rule.name.lower()] = rule
        for alias in rule.aliases:
            index.setdefault(alias.lower(), rule)
    return index


def find(key: str) -> type[Rule] | None:
    """A rule by code (`VCL101`), name (`unhandled-error-code`) or falco alias."""
    key = key.strip()
    return _index().get(key.upper()) or _index().get(key.lower())


def resolve_codes(keys: list[str] | tuple[str, ...] | set[str]) -> tuple[set[str], list[str]]:
    """Codes for a list of codes/names/aliases, plus the keys that matched no rule."""
    codes: set[str] = set()
    unknown: list[str] = []
    for key in keys:
        rule = find(key)
        if rule is None:
            unknown.append(key)
        else:
            codes.add(rule.code)
    return codes, unknown
