"""Subs defined by the files beside a VCL file linted on its own.

A service's custom VCL is often split over files in one folder that a main VCL includes (or a
build step concatenates): `polyfill.vcl` calls `breadcrumb_recv`, which `breadcrumbs.vcl`
next to it defines; `routing.vcl` calls subs kept in `v4/handlers/*.vcl` below it. Linting
`polyfill.vcl` alone must not call that sub undefined. The neighbours (the `.vcl` files of
its folder and the folders below it) are scanned for `sub NAME` lines and the names they use,
and found by name when it includes one (then linted as part of it, like any included file); no
other finding of theirs is reported.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

_SUB = re.compile(r"^[ \t]*sub[ \t]+([A-Za-z_][\w.]*)", re.M)
_DEFINITION = re.compile(
    r"^[ \t]*(?:sub|acl|table|backend|director|ratecounter|penaltybox)[ \t]+[A-Za-z_][\w.]*",
    re.M)
_COMMENT = re.compile(r"(?:#|//)[^\n]*|/\*.*?\*/", re.S)
_WORD = re.compile(r"[A-Za-z_][\w.]*")
_MACRO = re.compile(r"^[ \t]*#FASTLY[ \t]+([a-z]+)", re.M | re.I)
_ERROR = re.compile(r"\berror[ \t]+(?:(\d{3})\b|([A-Za-z_]))")
_HANDLED = re.compile(r"\bobj\.status[ \t]*(?:==[ \t]*(\d{3})\b|(<|>|~))")
_INCLUDE = re.compile(r"^[ \t]*include[ \t]+\"([^\"\n]+)\"", re.M)
MAX_BYTES = 4 * 1024 * 1024
"""Neighbours bigger than this are not read (a VCL file over Fastly's limit is no help)."""
MAX_FILES = 300
"""At most this many neighbour files are read."""
MAX_FOLDERS = 200
"""At most this many folders are listed looking for them."""
USED_FROM_UP = 2
"""Names used by the files up to this many folders higher count as used (not as defined)."""
SKIPPED = frozenset({"node_modules", "__pycache__", "venv", "vendor"})


def neighbour_files(files: list[Path], linted: set[Path], test_suffix: str,
                    up: int = 0) -> list[Path]:
    """The other `.vcl` files of each file's folder and the folders below (no hidden folders,
    no falco test files, none over MAX_BYTES). The walk is bounded (MAX_FOLDERS folders,
    MAX_FILES files), breadth first: a file linted at the top of a home directory stays quick.
    With `up`, the walk starts that many folders higher while those hold `.vcl` files too."""
    found: list[Path] = []
    for top in sorted({vcl_root(f.parent, up) for f in files}):
        queue, folders = [top], 0
        while queue and folders < MAX_FOLDERS and len(found) < MAX_FILES:
            folder = queue.pop(0)
            folders += 1
            try:
                entries = sorted(os.scandir(folder), key=lambda e: e.name)
            except OSError:
                continue
            for entry in entries:
                if entry.name.startswith(".") or entry.name in SKIPPED:
                    continue
                try:
                    if entry.is_dir(follow_symlinks=False):
                        queue.append(folder / entry.name)
                    elif (entry.name.endswith(".vcl") and not entry.name.endswith(test_suffix)
                          and entry.is_file() and entry.stat().st_size <= MAX_BYTES):
                        p = folder / entry.name
                        if p not in linted:
                            found.append(p)
                except OSError:
                    continue
    return list(dict.fromkeys(found))[:MAX_FILES]


def vcl_root(folder: Path, up: int) -> Path:
    """The highest of `folder` and its `up` nearest ancestors reached through folders that
    hold `.vcl` files: `v4/handlers/` -> the folder whose `routing.vcl` calls the handlers."""
    root = folder
    for _ in range(up):
        parent = root.parent
        if parent == root:
            break
        try:
            if not any(e.name.endswith(".vcl") and e.is_file() for e in os.scandir(parent)):
                break
        except OSError:
            break
        root = parent
    return root


class Beside:
    """What the files beside a lone file tell about it (a plain class: the lint path does not
    import dataclasses, see tests/vcl/test_records.py)."""

    __slots__ = ("handled", "included", "macros", "raised", "subs", "used")

    def __init__(self) -> None:
        self.subs: set[str] = set()
        """The subs they define."""
        self.used: set[str] = set()
        """The names they use: a library file's sub called only from the main VCL beside it
        (`call recv_route_story;` in `main.vcl`), or its table read there, is not unused."""
        self.included: set[str] = set()
        """The names they include (`include "boilerplate-end";` -> `boilerplate-end`)."""
        self.macros: set[str] = set()
        """The lifecycle subs whose `#FASTLY <name>` macro they carry (`vcl_recv`, ...)."""
        self.raised: set[str] = set()
        """The statuses their `error NNN` statements raise ("*": one is computed)."""
        self.handled: set[str] = set()
        """The statuses their `obj.status == NNN` tests handle ("*": a range or a regex)."""


def sub_names(paths: list[Path]) -> set[str]:
    """Names of the subs these files define (a line starting with `sub NAME`)."""
    return scan(paths).subs


def scan(paths: list[Path]) -> Beside:
    """Read the files once: the subs they define, the words they use outside comments and
    the definitions themselves, what they include and their `#FASTLY` macros."""
    beside = Beside()
    for p in paths:
        try:
            text = p.read_text(encoding="utf-8", errors="replace")
        except OSError:
            continue
        beside.subs.update(_SUB.findall(text))
        beside.macros.update("vcl_" + m.lower() for m in _MACRO.findall(text))
        beside.included.update(
            n[:-4] if n.endswith(".vcl") else n for n in _INCLUDE.findall(text))
        code = _COMMENT.sub(" ", text)
        beside.used.update(_WORD.findall(_DEFINITION.sub(" ", code)))
        for literal, _computed in _ERROR.findall(code):
            beside.raised.add(literal or "*")
        for literal, _other in _HANDLED.findall(code):
            beside.handled.add(literal or "*")
    return beside
