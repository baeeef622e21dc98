"""Ignore rules for drift, kept in the repository (`drift-ignore.yaml` beside `services/`).

Some objects are managed elsewhere: Fastly adds security snippets to services it protects,
another team owns a dictionary's contents. A rule names what to leave out of drift reports,
each key a glob (fnmatch, case-sensitive) that defaults to `*`:

    ignore:
      - kind: snippet              # Fastly-managed security snippets, on every service
        name: "Fastly_*"
        reason: managed by Fastly
      - service: shop-*
        kind: dictionary
        name: feature_flags
        field: items               # its contents change at runtime; the container does not
      - category: version          # keys: service, kind, name, field, category, reason

`service` matches the service name or id. A rule with `field` matches only field-level items
(changed fields, content); without it, it matches whole objects too.

`account: true` beside `ignore:` makes every `drift` run without SERVICE arguments also list
the account's services that no spec manages, as `drift --account` does (drift/account.py).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from fnmatch import fnmatchcase
from pathlib import Path
from typing import Any

from ..kinds import KINDS
from ..plan.diff import SERVICE_KIND
from ..spec.errors import SpecError, SpecProblem, did_you_mean
from ..spec.nodes import Positions, to_python
from ..spec.yamlread import parse_yaml, read_text
from .model import CATEGORIES, VERSION_KIND, DriftItem

IGNORE_FILE = "drift-ignore.yaml"
PATTERN_KEYS = ("service", "kind", "name", "field", "category")
RULE_KEYS = (*PATTERN_KEYS, "reason")
FILE_KEYS = ("ignore", "account")


class IgnoreFileError(Exception):
    def __init__(self, errors: list[SpecError]) -> None:
        super().__init__("; ".join(map(str, errors)))
        self.errors = errors


def kind_names() -> list[str]:
    return [*KINDS, SERVICE_KIND, VERSION_KIND]


def kind_fields(kind_name: str) -> set[str]:
    if kind_name == SERVICE_KIND:
        return {"name", "comment"}
    kind = KINDS.get(kind_name)
    if kind is None:
        return set()
    return {name for name in kind.model.model_fields if name not in kind.spec_only}


@dataclass(frozen=True)
class IgnoreRule:
    service: str = "*"
    kind: str = "*"
    name: str = "*"
    field: str | None = None
    category: str = "*"
    reason: str | None = None
    where: str = ""
    """`path:line` of the rule, for messages."""

    def matches(self, service_names: Sequence[str], item: DriftItem) -> bool:
        if not any(fnmatchcase(n, self.service) for n in service_names if n):
            return False
        if not (fnmatchcase(item.kind, self.kind) and fnmatchcase(item.name, self.name)
                and fnmatchcase(item.category, self.category)):
            return False
        if self.field is None:
            return True
        return item.field is not None and fnmatchcase(item.field, self.field)


@dataclass
class IgnoreRules:
    rules: list[IgnoreRule] = field(default_factory=list)
    path: Path | None = None
    account: bool = False
    """`account: true`: drift without SERVICE arguments checks the whole account."""

    def split(self, service_names: Sequence[str], items: Iterable[DriftItem]
              ) -> tuple[list[DriftItem], list[DriftItem]]:
        """(kept, ignored)."""
        kept: list[DriftItem] = []
        ignored: list[DriftItem] = []
        for item in items:
            hit = any(rule.matches(service_names, item) for rule in self.rules)
            (ignored if hit else kept).append(item)
        return kept, ignored


def find_ignore_file(root: Path) -> Path | None:
    path = root / IGNORE_FILE
    return path if path.is_file() else None


def load_ignore(path: Path) -> IgnoreRules:
    """Read and check an ignore file; every problem is raised at once with its position."""
    shown = str(path)
    try:
        text = read_text(path, what="ignore file")
        tree = parse_yaml(text)
    except SpecProblem as problem:
        raise IgnoreFileError([SpecError(shown, problem.line, problem.column,
                                         problem.message)]) from None
    if tree is None:
        return IgnoreRules(path=path)
    positions = Positions()
    data = to_python(tree, positions)
    errors: list[SpecError] = []

    def fail(where: tuple[str | int, ...], message: str, key: bool = False) -> None:
        line, col = positions.locate_key(where) if key else positions.locate(where)
        errors.append(SpecError(shown, line, col, message))

    if not isinstance(data, dict):
        fail((), "an ignore file is a mapping with an `ignore:` list")
        raise IgnoreFileError(errors)
    for key in data:
        if key not in FILE_KEYS:
            fail((key,), f"unknown key {key!r}: an ignore file holds `ignore:` and `account:`",
                 key=True)
    account = data.get("account", False)
    if not isinstance(account, bool):
        fail(("account",), "`account:` must be true or false")
    entries = data.get("ignore") or []
    if not isinstance(entries, list):
        fail(("ignore",), "`ignore:` must be a list of rules")
        raise IgnoreFileError(errors)
    rules: list[IgnoreRule] = []
    for index, entry in enumerate(entries):
        rule = _rule(entry, ("ignore", index), fail, shown, positions)
        if rule is not None:
            rules.append(rule)
    if errors:
        raise IgnoreFileError(errors)
    return IgnoreRules(rules=rules, path=path, account=account is True)


def _rule(entry: Any, where: tuple[str | int, ...], fail: Any, shown: str,
          positions: Positions) -> IgnoreRule | None:
    if not isinstance(entry, dict) or not entry:
        fail(where, "a rule is a mapping of " + ", ".join(RULE_KEYS))
        return None
    values: dict[str, str] = {}
    ok = True
    for key, value in entry.items():
        if key not in RULE_KEYS:
            fail((*where, key), f"unknown rule key {key!r}{did_you_mean(key, RULE_KEYS)} "
                                f"(expected {', '.join(RULE_KEYS)})", True)
            ok = False
        elif not isinstance(value, str | int) or isinstance(value, bool) or value == "":
            fail((*where, key), f"{key} must be a non-empty string (a glob pattern)")
            ok = False
        else:
            values[key] = str(value)
    if not ok:
        return None
    kind = values.get("kind", "*")
    kinds = [k for k in kind_names() if fnmatchcase(k, kind)]
    if not kinds:
        fail((*where, "kind"), f"kind {kind!r} matches no kind{did_you_mean(kind, kind_names())}")
        return None
    category = values.get("category", "*")
    if not any(fnmatchcase(c, category) for c in CATEGORIES):
        fail((*where, "category"), f"category {category!r} matches none of "
                                   f"{', '.join(CATEGORIES)}{did_you_mean(category, CATEGORIES)}")
        return None
    pattern = values.get("field")
    if pattern is not None:
        fields = set().union(*(kind_fields(k) for k in kinds))
        if fields and not any(fnmatchcase(f, pattern) for f in fields):
            fail((*where, "field"), f"field {pattern!r} matches no field of "
                                    f"{' or '.join(kinds[:3])}{did_you_mean(pattern, fields)}")
            return None
    line, _ = positions.locate(where)
    return IgnoreRule(service=values.get("service", "*"), kind=kind,
                      name=values.get("name", "*"), field=pattern, category=category,
                      reason=values.get("reason"), where=f"{shown}:{line}")
