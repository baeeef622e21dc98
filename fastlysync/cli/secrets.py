"""Checking specs without production secrets: `validate` and `check` (without a plan) resolve
each unset `${env:NAME}` to a placeholder (see `spec/placeholders.py`)."""

from __future__ import annotations

from collections.abc import Mapping

from ..spec.placeholders import Placeholders


def check_placeholders(env: Mapping[str, str]) -> Placeholders:
    """`env` with `fastlysync-check-placeholder-<name>` for each unset secret."""
    return Placeholders(lambda key: f"fastlysync-check-placeholder-{key.lower()}", env)
