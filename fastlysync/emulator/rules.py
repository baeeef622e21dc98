"""Cross-field rules of the real API, read from the kind declaration (`Kind.exclusive`), and the
update answer's echo of a JSON body."""

from __future__ import annotations

from typing import Any

from ..kinds import Kind
from .bodies import field_shape
from .errors import ApiError


def is_set(value: Any) -> bool:
    return value not in (None, "", 0, False)


def check_create(kind: Kind, fields: dict[str, Any]) -> None:
    """A new object may not set fields the API refuses together: 400 with only a `msg`."""
    for rule in kind.exclusive:
        if is_set(fields.get(rule.field)) and any(is_set(fields.get(o)) for o in rule.others):
            raise ApiError(400, rule.message)


def settle_update(kind: Kind, old: dict[str, Any], changes: dict[str, Any]) -> dict[str, Any]:
    """The changes an update makes, with what it clears; a conflict left standing is a 400.

    Setting one of a clearing pair (gzip_level, compression_codec) resets the other: a
    compression codec replaces gzip (gzip_level goes to 0) and the reverse.
    """
    out = dict(changes)
    for rule in kind.exclusive:
        group = (rule.field, *rule.others)
        given = [name for name in group if is_set(changes.get(name))]
        if rule.clears and len(given) == 1:
            for name in group:
                if name not in given:
                    out[name] = 0 if isinstance(old.get(name), int) else None
        merged = {**old, **out}
        if is_set(merged.get(rule.field)) and any(is_set(merged.get(o)) for o in rule.others):
            raise ApiError(400, rule.message)
    return out


def cleared_answer(kind: Kind, old: dict[str, Any], changes: dict[str, Any],
                   answer: dict[str, Any]) -> None:
    """The real update answer shows a cleared gzip_level as 0 when it held a level, else null."""
    for rule in kind.exclusive:
        if not rule.clears:
            continue
        group = (rule.field, *rule.others)
        given = [name for name in group if is_set(changes.get(name))]
        if len(given) != 1:
            continue
        for name in group:
            if name != given[0] and name in answer and isinstance(old.get(name), int):
                answer[name] = 0 if is_set(old.get(name)) else None


def echo_json(kind: Kind, data: dict[str, Any], answer: dict[str, Any]) -> None:
    """A JSON update's answer echoes the given values as they were sent (the real API answers
    `"gzip_level": 9` to a JSON body where a read gives `"9"`, and `""` for a blanked key)."""
    fields = set(kind.api_fields())
    for key, value in data.items():
        name = key[len(kind.wire_prefix):] if key.startswith(kind.wire_prefix) else key
        if name in fields and key in answer and _natural(kind, name, value):
            answer[key] = value


def _natural(kind: Kind, name: str, value: Any) -> bool:
    """Whether a JSON value has its field's own type (an int for an int, a string for a
    string): only those come back as sent; `"0"` for a boolean comes back as the boolean."""
    plain, literals, _nullable = field_shape(kind, name)
    if literals or isinstance(value, bool):
        return False
    if isinstance(value, int):
        return int in plain
    return isinstance(value, str) and str in plain
