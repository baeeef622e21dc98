"""Read a spec file into a position-keeping tree, refusing hostile input early and clearly.

PyYAML's composer gives nodes with marks; values are built here rather than by PyYAML's
constructor so that every node keeps its line/column, duplicate keys are errors (PyYAML keeps
the last silently), and alias expansion is capped (a "billion laughs" file stops at the cap
instead of eating memory).
"""

from __future__ import annotations

from pathlib import Path

import yaml
from yaml.constructor import ConstructorError, SafeConstructor
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from .errors import SpecProblem
from .nodes import YEntry, YMap, YNode, YScalar, YSeq

MAX_FILE_BYTES = 5 * 1024 * 1024
"""Specs are small; a bigger file is a mistake or an attack."""
MAX_DEPTH = 64
"""Deeper nesting than any spec needs; also keeps PyYAML's recursive composer safe."""
MAX_ALIAS_NODES = 100_000
"""Nodes that alias expansion may add on top of what the file spells out."""

_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_TAG = "tag:yaml.org,2002:"
_constructor = SafeConstructor()


def _line_col(data: bytes | str, index: int) -> tuple[int, int]:
    newline = b"\n" if isinstance(data, bytes) else "\n"
    line = data.count(newline, 0, index) + 1  # type: ignore[arg-type]
    start = data.rfind(newline, 0, index) + 1  # type: ignore[arg-type]
    return line, index - start + 1


def _size_text(size: int) -> str:
    return f"{size / (1024 * 1024):.1f} MB"


def read_text(path: Path, limit: int = MAX_FILE_BYTES, what: str = "spec file") -> str:
    """The file as UTF-8 text; SpecProblem when it is too big, binary or not UTF-8."""
    try:
        size = path.stat().st_size
        if size > limit:
            raise SpecProblem(f"{what} is {_size_text(size)}; the limit is {_size_text(limit)}")
        with path.open("rb") as handle:
            data = handle.read(limit + 1)
    except OSError as exc:
        raise SpecProblem(f"cannot read {what}: {exc.strerror or exc}") from None
    if len(data) > limit:
        raise SpecProblem(f"{what} is larger than the {_size_text(limit)} limit")
    nul = data.find(b"\0")
    if nul >= 0:
        line, col = _line_col(data, nul)
        raise SpecProblem(f"{what} contains a NUL byte (binary data?)", line, col)
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line, col = _line_col(data, exc.start)
        raise SpecProblem(f"{what} is not valid UTF-8 (byte 0x{data[exc.start]:02x})",
                          line, col) from None


def _yaml_problem(exc: yaml.YAMLError, text: str) -> SpecProblem:
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
    if mark is not None:
        return SpecProblem(f"invalid YAML: {problem}", mark.line + 1, mark.column + 1)
    position = getattr(exc, "position", None)
    if isinstance(position, int):
        line, col = _line_col(text, min(position, len(text)))
        return SpecProblem(f"invalid YAML: {getattr(exc, 'reason', problem)}", line, col)
    return SpecProblem(f"invalid YAML: {problem}", 1, 1)


def _check_depth(text: str) -> None:
    """Walk the event stream (iterative, in C) before composing (recursive) the tree."""
    depth = 0
    for event in yaml.parse(text, Loader=_LOADER):
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_DEPTH:
                mark = event.start_mark
                raise SpecProblem(f"nesting deeper than {MAX_DEPTH} levels",
                                  mark.line + 1, mark.column + 1)
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1


def parse_yaml(text: str) -> YNode | None:
    """The document as a YNode tree (None for an empty document); SpecProblem on bad YAML."""
    try:
        _check_depth(text)
        node = yaml.compose(text, Loader=_LOADER)
    except yaml.YAMLError as exc:
        raise _yaml_problem(exc, text) from None
    except RecursionError:
        raise SpecProblem(f"nesting deeper than {MAX_DEPTH} levels", 1, 1) from None
    if node is None:
        return None
    return _Builder().build(node)


class _Builder:
    def __init__(self) -> None:
        self.seen: set[int] = set()
        self.active: set[int] = set()
        self.expanded = 0
        self.alias_site = (1, 1)

    def build(self, node: Node, aliased: bool = False, site: tuple[int, int] = (1, 1)) -> YNode:
        """`site`: where the YAML refers to this node (the composer forgets alias positions,
        so errors about an expansion point at the key or list that holds the alias)."""
        line, col = node.start_mark.line + 1, node.start_mark.column + 1
        ident = id(node)
        if ident in self.active:
            raise SpecProblem("recursive YAML alias (a node that contains itself)", *site)
        if ident in self.seen and not isinstance(node, ScalarNode) and not aliased:
            aliased = True
            self.alias_site = site
        self.seen.add(ident)
        if aliased:
            self.expanded += 1
            if self.expanded > MAX_ALIAS_NODES:
                raise SpecProblem(f"YAML aliases expand to more than {MAX_ALIAS_NODES} nodes "
                                  "(an alias bomb?)", *self.alias_site)
        if isinstance(node, ScalarNode):
            return self._scalar(node, line, col)
        self.active.add(ident)
        try:
            if isinstance(node, SequenceNode):
                self._check_tag(node, "seq", line, col)
                return YSeq(line, col, [self.build(item, aliased, (line, col))
                                        for item in node.value])
            assert isinstance(node, MappingNode)
            self._check_tag(node, "map", line, col)
            return self._mapping(node, line, col, aliased)
        finally:
            self.active.discard(ident)

    @staticmethod
    def _check_tag(node: Node, expected: str, line: int, col: int) -> None:
        if node.tag != _TAG + expected:
            raise SpecProblem(f"unsupported YAML tag {node.tag!r}", line, col)

    @staticmethod
    def _scalar(node: ScalarNode, line: int, col: int) -> YScalar:
        kind = node.tag.removeprefix(_TAG) if node.tag.startswith(_TAG) else None
        style = node.style or None  # libyaml spells "plain" as "", PyYAML as None
        try:
            if kind in ("str", "value", "timestamp"):
                return YScalar(line, col, str(node.value), style=style)
            if kind == "null":
                return YScalar(line, col, None, raw=node.value or "null")
            if kind in ("bool", "int", "float"):
                value = getattr(_constructor, f"construct_yaml_{kind}")(node)
                raw = node.value if style is None else None
                return YScalar(line, col, value, raw=raw)
        except (ConstructorError, ValueError):
            return YScalar(line, col, str(node.value), style=style)
        raise SpecProblem(f"unsupported YAML tag {node.tag!r}", line, col)

    def _mapping(self, node: MappingNode, line: int, col: int, aliased: bool) -> YMap:
        result = YMap(line, col)
        merges: list[tuple[Node, int, int]] = []
        for key_node, value_node in node.value:
            kline, kcol = key_node.start_mark.line + 1, key_node.start_mark.column + 1
            if key_node.tag == _TAG + "merge":
                merges.append((value_node, kline, kcol))
                continue
            if not isinstance(key_node, ScalarNode):
                raise SpecProblem("mapping keys must be plain strings", kline, kcol)
            key = str(key_node.value)
            if key in result.entries:
                first = result.entries[key]
                raise SpecProblem(f"duplicate key {key!r} (first at line {first.key_line}, "
                                  f"column {first.key_column})", kline, kcol)
            result.entries[key] = YEntry(kline, kcol,
                                         self.build(value_node, aliased, (kline, kcol)))
        for value_node, kline, kcol in merges:
            sources = value_node.value if isinstance(value_node, SequenceNode) else [value_node]
            for source in sources:
                merged = self.build(source, aliased, (kline, kcol))
                if not isinstance(merged, YMap):
                    raise SpecProblem("'<<' merges only mappings", kline, kcol)
                for key, entry in merged.entries.items():
                    result.entries.setdefault(key, entry)
        return result
