"""Include cycles: `a.vcl` includes `b.vcl`, which includes `a.vcl` again.

Fastly expands includes textually, so a cycle never ends and the VCL cannot be compiled. The
engine resolves includes into `(including path, target) -> file`; this finds the loops in that
graph, each reported once at the include that closes it, with the chain that leads there.
"""

from __future__ import annotations

import re

from . import ast as A

TYPE_CHECKING = False  # typing itself costs a cold lint its import
if TYPE_CHECKING:
    from .rules.analysis import SourceFile


_INCLUDE_WORD = re.compile(r"\binclude\s*[\"{]")


def include_nodes(f: SourceFile) -> list[A.Include | A.IncludeStatement]:
    """Every include in a file, top level and inside subs, in source order."""
    if f.program is None or "include" not in f.text:
        return []
    top: list[A.Include | A.IncludeStatement] = [
        d for d in f.program.declarations if isinstance(d, A.Include)]
    if len(_INCLUDE_WORD.findall(f.text)) <= len(top):
        return top  # every `include` is a top-level one (or sits in a comment or string)
    found = [n for n in A.walk(f.program) if isinstance(n, A.Include | A.IncludeStatement)]
    return sorted(found, key=lambda n: (n.line, n.column))


def find_cycles(root: SourceFile, includes: dict[tuple[str, str], SourceFile | None]
                ) -> list[tuple[SourceFile, A.Node, list[str]]]:
    """(file, include node, chain of paths from the repeated file back to it) per cycle."""
    cycles: list[tuple[SourceFile, A.Node, list[str]]] = []
    reported: set[int] = set()
    done: set[int] = set()
    path: list[SourceFile] = [root]
    # Iterative DFS: each frame is (file, its remaining include edges).
    frames = [(root, iter(include_nodes(root)))]
    while frames:
        f, edges = frames[-1]
        for node in edges:
            target = includes.get((f.path, node.target))
            if target is None:
                continue
            if any(target is p for p in path):
                if id(node) not in reported:
                    reported.add(id(node))
                    start = next(i for i, p in enumerate(path) if p is target)
                    chain = [p.path for p in path[start:]] + [target.path]
                    cycles.append((f, node, chain))
                continue
            if id(target) in done:
                continue
            path.append(target)
            frames.append((target, iter(include_nodes(target))))
            break
        else:
            done.add(id(f))
            frames.pop()
            path.pop()
    return cycles
