"""`${env:NAME}` references in spec strings (their values are masked by masking.py).

A run of k dollars before `{env:` is an escape when k >= 2: it stands for k-1 dollars and the
text is kept as written, so `$${env:X}` is the literal `${env:X}`. `escape` is the inverse,
used when writing specs out.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from ..masking import MASK, MIN_SECRET_LENGTH, mask
from .nodes import PathKey

__all__ = ["MASK", "MIN_SECRET_LENGTH", "Resolution", "escape", "mask", "resolve",
           "resolve_string"]

_REF = re.compile(r"(\$+)\{env:([^}\s$]*)(\}?)")
_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


@dataclass
class Resolution:
    secrets: set[str] = field(default_factory=set)
    problems: list[tuple[PathKey, str]] = field(default_factory=list)
    offsets: list[int] = field(default_factory=list)
    """Where each problem's reference starts in its string (a VCL file reports its line)."""


def resolve_string(text: str, env: Mapping[str, str], path: PathKey, out: Resolution) -> str:
    if "{env:" not in text:
        return text

    def replace(match: re.Match[str]) -> str:
        dollars, name, close = match.group(1), match.group(2), match.group(3)
        if len(dollars) > 1:
            return dollars[1:] + match.group(0)[len(dollars):]
        if not close or not _NAME.match(name):
            out.problems.append((path, f"malformed secret reference {match.group(0)!r}: write "
                                       "${env:NAME} with NAME made of letters, digits and _"))
            out.offsets.append(match.start())
            return match.group(0)
        value = env.get(name)
        if not value:  # GitHub Actions passes a secret that is not set as ""
            state = "is not set" if value is None else "is empty"
            hint = "" if value is None else "; a CI secret that is not set reads as empty"
            out.problems.append((path, f"environment variable {name} {state} "
                                       f"(referenced as ${{env:{name}}}){hint}"))
            out.offsets.append(match.start())
            return match.group(0)
        out.secrets.add(value)
        return value

    return _REF.sub(replace, text)


def resolve(value: Any, env: Mapping[str, str], out: Resolution, path: PathKey = ()) -> Any:
    """Resolve every string value (mapping keys are never secrets) in a plain tree."""
    if isinstance(value, str):
        return resolve_string(value, env, path, out)
    if isinstance(value, dict):
        return {k: resolve(v, env, out, (*path, k)) for k, v in value.items()}
    if isinstance(value, list):
        return [resolve(v, env, out, (*path, i)) for i, v in enumerate(value)]
    return value


def escape(text: str) -> str:
    """Spell a literal string so that loading it gives the same string back."""
    return _REF.sub(lambda m: "$" + m.group(0), text) if "{env:" in text else text
