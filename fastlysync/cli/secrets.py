"""Checking specs without production secrets: `validate` and `check` (without a plan) resolve
each unset `${env:NAME}` to a placeholder, so a pre-commit hook or a fork's pull request
works on a machine that holds no secret. Commands that talk to the API never use this."""

from __future__ import annotations

from collections.abc import Iterator, Mapping


class Placeholders(Mapping[str, str]):
    """The environment, with a placeholder for each unset variable (remembered)."""

    def __init__(self, env: Mapping[str, str]) -> None:
        self.env = env
        self.missing: set[str] = set()

    def __getitem__(self, key: str) -> str:
        if self.env.get(key):  # empty counts as unset (a CI secret that is not set)
            return self.env[key]
        self.missing.add(key)
        return f"fastlysync-check-placeholder-{key.lower()}"

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
