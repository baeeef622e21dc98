"""Checks on raw spec values that the model's types let through but the API (or a reader of
the output) would be hurt by: hostile names and integers that are not integers.

- A name with a control character (a newline can forge a `::error::` line in a CI log), a
  bidirectional control (U+202E shows `abc` as `cba`), an invisible character (zero-width
  space, BOM) is refused: Fastly refuses most of them, and the rest make two different names
  look the same in every plan.
- A name mixing scripts (Latin with Cyrillic or Greek) that looks like another name of the
  same kind is refused: `origin` spelt with a Cyrillic o next to `origin`.
- YAML reads `yes`, `no`, `true` and `on` as booleans and pydantic would take them as 1 or
  0 (`port: yes` applied as port 1): a boolean is not an integer. Integers beyond 32 bits are
  refused: the API stores none that large.
"""

# ruff: noqa: RUF001 (the look-alike table is made of look-alikes)
from __future__ import annotations

import functools
import types
import unicodedata
from typing import Any, Union, get_args, get_origin

from ..kinds import KINDS, Kind
from ..masking import printable
from .nodes import PathKey

MAX_INT = 2**31 - 1
_INVISIBLE = frozenset("\u200b\u200c\u200d\u2060\ufeff\u00ad\u180e\u034f")
_BIDI = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
_LOOKALIKE = str.maketrans({
    # Cyrillic and Greek letters that render like Latin ones (a small, common subset of
    # Unicode's confusables: enough for the letters host and object names use).
    "а": "a", "е": "e", "о": "o", "р": "p", "с": "c", "у": "y", "х": "x", "і": "i",
    "ј": "j", "ѕ": "s", "ԁ": "d", "ԛ": "q", "ԝ": "w", "һ": "h", "ӏ": "l", "к": "k",
    "м": "m", "н": "h", "т": "t", "в": "b", "г": "r", "п": "n",
    "А": "A", "В": "B", "Е": "E", "К": "K", "М": "M", "Н": "H", "О": "O", "Р": "P",
    "С": "C", "Т": "T", "Х": "X", "У": "Y", "І": "I", "Ј": "J", "Ѕ": "S",
    "α": "a", "ο": "o", "ν": "v", "ρ": "p", "τ": "t", "υ": "u", "ι": "i", "κ": "k",
    "Α": "A", "Β": "B", "Ε": "E", "Ζ": "Z", "Η": "H", "Ι": "I", "Κ": "K", "Μ": "M",
    "Ν": "N", "Ο": "O", "Ρ": "P", "Τ": "T", "Υ": "Y", "Χ": "X",
})

Problem = tuple[PathKey, str]


def name_problem(name: str) -> str | None:
    """Why `name` cannot be a name (None: it can)."""
    for char in name:
        code = f"U+{ord(char):04X}"
        if char in _BIDI:
            return f"contains a bidirectional control character ({code}) that reorders text"
        if char in _INVISIBLE:
            return f"contains an invisible character ({code})"
        category = unicodedata.category(char)
        if category == "Cc":
            newline = ", a line break" if char in "\r\n" else ""
            return f"contains a control character ({code}{newline})"
        if category in ("Cf", "Co", "Cs", "Cn"):
            return f"contains an unprintable character ({code})"
        if category in ("Zl", "Zp"):
            return f"contains a line separator ({code})"
    return None


def scripts(name: str) -> set[str]:
    """The scripts of the letters in `name` (LATIN, CYRILLIC, GREEK, ...)."""
    found = set()
    for char in name:
        if unicodedata.category(char).startswith("L"):
            found.add(unicodedata.name(char, "UNKNOWN").split(" ")[0])
    return found


def skeleton(name: str) -> str:
    return name.translate(_LOOKALIKE).casefold()


def lookalike_problem(name: str, others: list[str]) -> str | None:
    """A mixed-script `name` that reads like one of `others`."""
    if len(scripts(name)) < 2:
        return None
    shape = skeleton(name)
    for other in others:
        if other != name and skeleton(other) == shape:
            mixed = "/".join(sorted(s.title() for s in scripts(name)))
            return (f"mixes scripts ({mixed}) and looks like {other!r}: a look-alike name; "
                    "spell it in one script")
    return None


@functools.cache
def _int_fields(kind_name: str) -> frozenset[str]:
    return frozenset(name for name, info in KINDS[kind_name].model.model_fields.items()
                     if _is_int(info.annotation))


def _is_int(annotation: Any) -> bool:
    if annotation is int:
        return True
    if get_origin(annotation) in (Union, types.UnionType):
        return any(arg is int for arg in get_args(annotation))
    return False


def int_problem(value: Any) -> str | None:
    if isinstance(value, bool):
        return (f"expected an integer, got a boolean ({str(value).lower()}; YAML reads "
                "yes/no/on/off as booleans)")
    if isinstance(value, int) and not -MAX_INT <= value <= MAX_INT:
        return f"integer out of range (at most {MAX_INT}): {str(value)[:20]}"
    return None


def _objects(data: dict[str, Any], kind: Kind) -> list[tuple[PathKey, dict[str, Any]]]:
    value = data.get(kind.spec_key)
    if kind.singleton:
        return [((kind.spec_key,), value)] if isinstance(value, dict) else []
    if not isinstance(value, list):
        return []
    return [((kind.spec_key, i), obj) for i, obj in enumerate(value) if isinstance(obj, dict)]


def value_problems(data: dict[str, Any]) -> list[Problem]:
    """Problems with names and integers in a resolved spec tree, each at its path."""
    problems: list[Problem] = []
    service_name = data.get("name")
    if isinstance(service_name, str) and (why := name_problem(service_name)):
        problems.append((("name",), f"service name {why}"))
    for kind in KINDS.values():
        objects = _objects(data, kind)
        names = [obj.get(kind.key_field) for _, obj in objects]
        others = [n for n in names if isinstance(n, str)]
        for path, obj in objects:
            name = obj.get(kind.key_field)
            if isinstance(name, str) and not kind.singleton:
                why = name_problem(name) or lookalike_problem(name, others)
                if why:
                    problems.append(((*path, kind.key_field), f"{kind.name} name {why}"))
            owner = kind.name if kind.singleton or not isinstance(name, str) else \
                f"{kind.name} '{printable(name)}'"
            for field in sorted(_int_fields(kind.name) & obj.keys()):
                why = int_problem(obj[field])
                if why:
                    problems.append(((*path, field), f"{owner}: {field}: {why}"))
    return problems
