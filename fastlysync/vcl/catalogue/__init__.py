"""Fastly VCL variables and builtin functions, as data.

The data (`catalogue.json`) is generated once by `tools/gen_catalogue.py` from the falco
project's catalogue (github.com/ysugimoto/falco, MIT License, Copyright (c) 2021 Yoshiaki
Sugimoto; the licence text ships beside it as LICENSE.falco) and committed, so nothing outside
the package is read at run time. Scope sets are bit masks over `SCOPES`.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from ..codecache import load_json
from ..records import record

SCOPES = ("RECV", "HASH", "HIT", "MISS", "PASS", "FETCH", "ERROR", "DELIVER", "LOG", "PIPE")
SCOPE_BIT = {name: 1 << i for i, name in enumerate(SCOPES)}
ALL_SCOPES = (1 << len(SCOPES)) - 1

DATA_PATH = Path(__file__).with_name("catalogue.json")


def scope_names(mask: int) -> list[str]:
    return [name.lower() for name, bit in SCOPE_BIT.items() if mask & bit]


@record(frozen=True, slots=True)
class Variable:
    name: str
    type: str
    read: int
    write: int
    unset: int
    deprecated: bool
    reference: str


@record(frozen=True, slots=True)
class Function:
    name: str
    return_type: str
    scopes: int
    overloads: tuple[tuple[str, ...], ...]
    reference: str


class Catalogue:
    """Lookup over the generated data; wildcard names (`req.http.*`) match any suffix."""

    def __init__(self, data: dict) -> None:
        self._raw_vars: dict[str, list] = data["variables"]
        self._raw_funcs: dict[str, list] = data["functions"]
        self._vars: dict[str, Variable | None] = {}
        self._funcs: dict[str, Function | None] = {}
        self._prefixes: list[tuple[str, str]] = []  # ("req.http.", key) for "req.http.*"
        self._middles: list[tuple[str, str, str]] = []  # ("backend.", ".healthy", key)
        for key in self._raw_vars:
            if "*" not in key:
                continue
            head, _, tail = key.partition("*")
            if tail:
                self._middles.append((head, tail, key))
            else:
                self._prefixes.append((head, key))

    def _make_var(self, name: str, key: str) -> Variable:
        vtype, read, write, unset, flags, ref = self._raw_vars[key]
        return Variable(name, vtype or "STRING", read, write, unset, bool(flags & 1), ref)

    def variable(self, name: str) -> Variable | None:
        """The catalogue entry for a variable name (a header subfield `:x` is ignored)."""
        try:
            return self._vars[name]
        except KeyError:
            pass
        base = name.split(":", 1)[0]
        found: Variable | None = None
        if base in self._raw_vars:
            found = self._make_var(base, base)
        else:
            for head, key in self._prefixes:
                if base.startswith(head) and len(base) > len(head):
                    found = self._make_var(base, key)
                    break
            else:
                for head, tail, key in self._middles:
                    if (base.startswith(head) and base.endswith(tail)
                            and len(base) > len(head) + len(tail)):
                        found = self._make_var(base, key)
                        break
        self._vars[name] = found
        return found

    def function(self, name: str) -> Function | None:
        try:
            return self._funcs[name]
        except KeyError:
            pass
        raw = self._raw_funcs.get(name)
        found = None
        if raw is not None:
            ret, scopes, overloads, ref = raw
            found = Function(name, ret, scopes, tuple(tuple(o) for o in overloads), ref)
        self._funcs[name] = found
        return found

    def variable_names(self) -> list[str]:
        return list(self._raw_vars)

    def function_names(self) -> list[str]:
        return list(self._raw_funcs)

    def has_namespace(self, prefix: str) -> bool:
        """Whether any known variable starts with `prefix.` (e.g. `req`, `client.geo`)."""
        head = prefix + "."
        return any(key.startswith(head) for key in self._raw_vars)


@cache
def load() -> Catalogue:
    return Catalogue(load_json(DATA_PATH, "fastlysync-catalogue"))  # type: ignore[arg-type]
