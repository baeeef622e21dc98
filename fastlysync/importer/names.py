"""Names the importer invents: file slugs and `${env:NAME}` variable names.

Both must be stable (the same service imports to the same files) and safe (no path tricks
from object names, which the API allows to hold `/`, spaces and dots).
"""

from __future__ import annotations

import re

_UNSAFE = re.compile(r"[^A-Za-z0-9_.-]+")
_ENV_UNSAFE = re.compile(r"[^A-Z0-9]+")
MAX_SLUG = 80


def slug(name: str, fallback: str = "unnamed") -> str:
    """A file-name-safe spelling: letters, digits, `_`, `-` and inner dots only."""
    text = _UNSAFE.sub("-", name.strip()).strip(".-")[:MAX_SLUG].strip(".-")
    return text or fallback


def env_name(*parts: str) -> str:
    """`SHOP_PRODUCTION_DATADOG_TOKEN` from ("shop-production", "datadog", "token")."""
    words = [_ENV_UNSAFE.sub("_", part.upper()).strip("_") for part in parts]
    text = "_".join(w for w in words if w)
    if not text or not text[0].isalpha():
        text = "FASTLY_" + text
    return text


class Unique:
    """Hands out names not handed out before (case-insensitively): `x`, `x-2`, `x-3`."""

    def __init__(self, separator: str = "-") -> None:
        self.separator = separator
        self.taken: set[str] = set()

    def __call__(self, name: str) -> str:
        candidate, n = name, 1
        while candidate.lower() in self.taken:
            n += 1
            candidate = f"{name}{self.separator}{n}"
        self.taken.add(candidate.lower())
        return candidate
