"""A YAML document as a tree that remembers where every value and key came from.

Environment overrides merge these trees node by node, so a merged service still points each
value at the line the user wrote, whether in the base or in an override.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

PathKey = tuple[str | int, ...]


@dataclass(eq=False)
class YNode:
    line: int
    column: int


@dataclass(eq=False)
class YScalar(YNode):
    value: Any
    raw: str | None = None
    """Source text of a plain scalar that YAML resolved to a non-string (`80`, `yes`, `1.0`)."""
    style: str | None = None
    """PyYAML's scalar style: None (plain), `'`, `"`, `|` or `>`."""


@dataclass(eq=False)
class YSeq(YNode):
    items: list[YNode] = field(default_factory=list)


@dataclass(eq=False)
class YEntry:
    key_line: int
    key_column: int
    value: YNode


@dataclass(eq=False)
class YMap(YNode):
    entries: dict[str, YEntry] = field(default_factory=dict)

    def get(self, key: str) -> YNode | None:
        entry = self.entries.get(key)
        return entry.value if entry else None


@dataclass
class Positions:
    """Where each value (and each mapping key) of a plain Python tree sits in the YAML."""

    values: dict[PathKey, tuple[int, int]] = field(default_factory=dict)
    keys: dict[PathKey, tuple[int, int]] = field(default_factory=dict)
    raw: dict[PathKey, str] = field(default_factory=dict)
    styles: dict[PathKey, str | None] = field(default_factory=dict)

    def locate(self, path: PathKey) -> tuple[int, int]:
        """The value at `path`, else its nearest ancestor that the YAML spells out."""
        for end in range(len(path), -1, -1):
            found = self.values.get(path[:end])
            if found is not None:
                return found
        return (1, 1)

    def locate_key(self, path: PathKey) -> tuple[int, int]:
        """The key of the mapping entry at `path` (falls back to the value, then ancestors)."""
        found = self.keys.get(path)
        return found if found is not None else self.locate(path)

    def content_line(self, path: PathKey) -> int:
        """First line of a string's content (the line after `|` or `>` for block scalars)."""
        line, _ = self.locate(path)
        return line + 1 if self.styles.get(path) in ("|", ">") else line


def to_python(node: YNode, positions: Positions, path: PathKey = ()) -> Any:
    """Plain values for pydantic, recording every position on the way."""
    positions.values[path] = (node.line, node.column)
    if isinstance(node, YMap):
        out: dict[str, Any] = {}
        for key, entry in node.entries.items():
            child = (*path, key)
            positions.keys[child] = (entry.key_line, entry.key_column)
            out[key] = to_python(entry.value, positions, child)
        return out
    if isinstance(node, YSeq):
        return [to_python(item, positions, (*path, i)) for i, item in enumerate(node.items)]
    assert isinstance(node, YScalar)
    if node.raw is not None:
        positions.raw[path] = node.raw
    if isinstance(node.value, str):
        positions.styles[path] = node.style
    return node.value
