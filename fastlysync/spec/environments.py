"""One spec file, several services: a base plus per-environment overrides.

    name: site                 # the base: every environment starts from it
    backends: [...]
    environments:
      staging:
        name: site-staging     # each environment is its own Fastly service
        backends:
          - name: origin       # merged into the base's `origin` by name
            address: staging.example.com
          - name: old
            _remove: true      # drop the base's `old` in this environment
        settings:
          default_ttl: 60      # mappings merge key by key; `key: null` resets to the default

Lists of named objects (a kind's list) merge by name; other lists (ACL entries, healthcheck
headers, director backends) are replaced whole. A file without `environments` is one service.
"""

from __future__ import annotations

import re

from ..kinds import BY_SPEC_KEY, KINDS
from .errors import SpecProblem
from .nodes import YEntry, YMap, YNode, YScalar, YSeq

ENVIRONMENTS_KEY = "environments"
REMOVE_KEY = "_remove"
ENV_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$")

NAMED_LISTS = frozenset(kind.spec_key for kind in KINDS.values() if not kind.singleton)
"""Top-level keys whose lists merge by `name`."""


def expand(root: YMap) -> tuple[list[tuple[str | None, YMap]], list[SpecProblem]]:
    """Each (environment, merged document) the file describes; problems found on the way."""
    problems: list[SpecProblem] = []
    base = YMap(root.line, root.column,
                {k: v for k, v in root.entries.items() if k != ENVIRONMENTS_KEY})
    entry = root.entries.get(ENVIRONMENTS_KEY)
    if entry is None:
        return [(None, base)], problems
    envs = entry.value
    if not isinstance(envs, YMap):
        if isinstance(envs, YScalar) and envs.value is None:
            problems.append(SpecProblem("environments is empty", envs.line, envs.column))
            return [], problems
        problems.append(SpecProblem("environments must be a mapping of environment name to "
                                    "overrides", envs.line, envs.column))
        return [], problems
    if not envs.entries:
        problems.append(SpecProblem("environments is empty", envs.line, envs.column))
    out: list[tuple[str | None, YMap]] = []
    for name, env_entry in envs.entries.items():
        if not ENV_NAME.match(name):
            problems.append(SpecProblem(
                f"environment name {name!r} must be letters, digits, '.', '_' or '-'",
                env_entry.key_line, env_entry.key_column))
            continue
        override = env_entry.value
        if isinstance(override, YScalar) and override.value is None:
            override = YMap(override.line, override.column)
        if not isinstance(override, YMap):
            problems.append(SpecProblem(f"environment {name!r} must be a mapping of overrides",
                                        override.line, override.column))
            continue
        nested = override.entries.get(ENVIRONMENTS_KEY)
        if nested is not None:
            problems.append(SpecProblem("environments cannot be nested",
                                        nested.key_line, nested.key_column))
            continue
        try:
            out.append((name, merge_map(base, override, top=True, env=name)))
        except SpecProblem as problem:
            problems.append(problem)
    return out, problems


def _is_null(node: YNode) -> bool:
    return isinstance(node, YScalar) and node.value is None


def merge_map(base: YMap, override: YMap, *, top: bool = False, env: str = "") -> YMap:
    """Deep merge: mappings key by key, named lists by name, anything else replaced."""
    entries = dict(base.entries)
    for key, entry in override.entries.items():
        value = entry.value
        current = entries.get(key)
        if _is_null(value):
            entries.pop(key, None)
        elif current is None:
            entries[key] = _strip_removes(key, entry, env) if top and key in NAMED_LISTS else entry
        elif isinstance(current.value, YMap) and isinstance(value, YMap):
            entries[key] = YEntry(entry.key_line, entry.key_column,
                                  merge_map(current.value, value))
        elif (top and key in NAMED_LISTS and isinstance(current.value, YSeq)
              and isinstance(value, YSeq)):
            entries[key] = YEntry(entry.key_line, entry.key_column,
                                  _merge_named(key, current.value, value, env))
        else:
            entries[key] = entry
    return YMap(base.line, base.column, entries)


def _name_of(node: YNode) -> str | None:
    if isinstance(node, YMap):
        name = node.get("name")
        if isinstance(name, YScalar) and isinstance(name.value, str):
            return name.value
    return None


def _remove_flag(item: YMap) -> bool:
    flag = item.entries.get(REMOVE_KEY)
    if flag is None:
        return False
    if not isinstance(flag.value, YScalar) or not isinstance(flag.value.value, bool):
        raise SpecProblem(f"{REMOVE_KEY} must be true or false",
                          flag.value.line, flag.value.column)
    return flag.value.value


def _without_remove(item: YMap) -> YMap:
    return YMap(item.line, item.column,
                {k: v for k, v in item.entries.items() if k != REMOVE_KEY})


def _strip_removes(key: str, entry: YEntry, env: str) -> YEntry:
    """A named list an environment adds outright: `_remove` there has nothing to remove."""
    seq = entry.value
    if not isinstance(seq, YSeq):
        return entry
    return YEntry(entry.key_line, entry.key_column,
                  _merge_named(key, YSeq(seq.line, seq.column), seq, env))


def _merge_named(key: str, base: YSeq, override: YSeq, env: str) -> YSeq:
    items = list(base.items)
    index = {name: i for i, item in enumerate(items) if (name := _name_of(item)) is not None}
    removed: set[int] = set()
    kind = BY_SPEC_KEY[key].name if key in BY_SPEC_KEY else "object"
    for item in override.items:
        name = _name_of(item)
        if name is None or not isinstance(item, YMap):
            raise SpecProblem(f"environment {env!r}: each {key} entry needs a name to merge by",
                              item.line, item.column)
        if _remove_flag(item):
            if name not in index or index[name] in removed:
                raise SpecProblem(f"environment {env!r} removes {kind} {name!r}, which the base "
                                  "does not declare", item.line, item.column)
            removed.add(index[name])
            continue
        clean = _without_remove(item)
        if name in index and index[name] not in removed:
            position = index[name]
            base_item = items[position]
            assert isinstance(base_item, YMap)
            items[position] = merge_map(base_item, clean)
        else:
            index[name] = len(items)
            items.append(clean)
    kept = [item for i, item in enumerate(items) if i not in removed]
    return YSeq(base.line, base.column, kept)

