"""The environment with a placeholder for each unset `${env:NAME}` secret.

Checking a spec needs no credentials: `validate`, `check`, `lint` and `test` resolve an unset
(or empty: a CI secret that is not set) variable to a placeholder, so a pre-commit hook or a
fork's pull request works on a machine that holds no secret. Commands that talk to the API
never use this.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Mapping


class Placeholders(Mapping[str, str]):
    """`env` (default: the process environment), with `placeholder(NAME)` for each unset
    variable; the names that got one are remembered in `missing`."""

    def __init__(self, placeholder: Callable[[str], str],
                 env: Mapping[str, str] | None = None) -> None:
        self.placeholder = placeholder
        self.env = os.environ if env is None else env
        self.missing: set[str] = set()

    def __getitem__(self, key: str) -> str:
        value = self.env.get(key)
        if value:
            return value
        self.missing.add(key)
        return self.placeholder(key)

    def get(self, key: str, default: object = None) -> str:  # type: ignore[override]
        return self[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self.env)

    def __len__(self) -> int:
        return len(self.env)

    def note(self) -> str | None:
        """The one-line note naming the variables that got a placeholder."""
        if not self.missing:
            return None
        return "secrets not set (placeholders used): " + ", ".join(sorted(self.missing))
