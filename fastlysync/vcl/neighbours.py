"""What the files beside a VCL file linted on its own tell about it.

A service's custom VCL is often split over files in one folder that a main VCL includes (or a
build step concatenates): `polyfill.vcl` calls `breadcrumb_recv`, which `breadcrumbs.vcl`
next to it defines; `routing.vcl` calls subs kept in `v4/handlers/*.vcl` below it. Linting
`polyfill.vcl` alone must not call that sub undefined. The neighbours (the `.vcl` files of
its folder and the folders below it) are scanned, cheaply and without parsing, for the subs
they define, which of the lone file's names they use, what they include, their `#FASTLY`
macros and the error statuses they raise and test; a neighbour is found by name when the
lone file includes it (then linted as part of it, like any included file). No finding of a
neighbour itself is reported.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from pathlib import Path

_SUB = re.compile(r"^[ \t]*sub[ \t]+([A-Za-z_][\w.]*)", re.M)
_DEFINITION = re.compile(
    r"^[ \t]*(?:sub|acl|table|backend|director|ratecounter|penaltybox)[ \t]+[A-Za-z_][\w.]*",
    re.M)
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
"""The files up to this many folders higher (through folders holding VCL) may use the lone
file's names and define the subs it calls."""
HIGHER_FILES = 60
"""At most this many files are read from the higher folders (a project's VCL tree is small;
a lone file in a crowded /tmp must stay quick)."""
HIGHER_FOLDERS = 30
"""At most this many folders are listed from the higher folders."""
HIGHER_BYTES = 256 * 1024
"""Higher files bigger than this are not read (generated or test files, not a caller)."""
SKIPPED = frozenset({"node_modules", "__pycache__", "venv", "vendor"})


def neighbour_files(files: list[Path], linted: set[Path], test_suffix: str,
                    up: int = 0, max_files: int = 0, max_folders: int = 0,
                    max_bytes: int = 0) -> list[Path]:
    """The other `.vcl` files of each file's folder and the folders below (no hidden folders,
    no falco test files, none over MAX_BYTES). The walk is bounded (MAX_FOLDERS folders,
    MAX_FILES files), breadth first: a file linted at the top of a home directory stays quick.
    With `up`, the walk starts that many folders higher while those hold `.vcl` files too."""
    max_files, max_folders = max_files or MAX_FILES, max_folders or MAX_FOLDERS
    max_bytes = max_bytes or MAX_BYTES
    found: list[Path] = []
    for top in sorted({vcl_root(f.parent, up) for f in files}):
        queue, folders = [top], 0
        while queue and folders < max_folders and len(found) < max_files:
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
                          and entry.is_file() and entry.stat().st_size <= max_bytes):
                        p = folder / entry.name
                        if p not in linted:
                            found.append(p)
                except OSError:
                    continue
    return list(dict.fromkeys(found))[:max_files]


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

    __slots__ = ("files", "handled", "included", "macros", "raised", "subs", "used")

    def __init__(self) -> None:
        self.subs: set[str] = set()
        """The subs they define."""
        self.used: set[str] = set()
        """Which of the lone file's names they use: a library file's sub called only from the
        main VCL beside it (`call recv_route_story;` in `main.vcl`), or its table read there,
        is not unused."""
        self.included: set[str] = set()
        """The names they include (`include "boilerplate-end";` -> `boilerplate-end`)."""
        self.macros: set[str] = set()
        """The lifecycle subs whose `#FASTLY <name>` macro they carry (`vcl_recv`, ...)."""
        self.raised: set[str] = set()
        """The statuses their `error NNN` statements raise ("*": one is computed)."""
        self.handled: set[str] = set()
        """The statuses their `obj.status == NNN` tests handle ("*": a range or a regex)."""
        self.files: set[str] = set()
        """Their names without `.vcl` (what an `include` names)."""

    def lost(self, alone: list[Path]) -> set[str]:
        """What they include that is none of them nor a lone file: kept elsewhere."""
        return self.included - self.files - {p.name.removesuffix(".vcl") for p in alone}


def beside_facts(alone: list[Path], linted: set[Path], neighbours: list[Path],
                 wanted: frozenset[str], test_suffix: str) -> Beside:
    """What the neighbours of files linted alone tell about them. The VCL tree may also go
    higher: `v4/routing.vcl` calls the sub `v4/handlers/region.vcl` defines, and the handlers
    call a function `utils/is_authorized_request.vcl` defines (a build step concatenates
    them). What the higher files use counts as used, and the subs they define as defined."""
    beside = scan(neighbours, wanted)
    if any(vcl_root(p.parent, USED_FROM_UP) != p.parent for p in alone):
        higher = neighbour_files(alone, linted, test_suffix, USED_FROM_UP, HIGHER_FILES,
                                 HIGHER_FOLDERS, HIGHER_BYTES)
        seen = set(neighbours)
        more = scan([p for p in higher if p not in seen], wanted - beside.used)
        beside.used |= more.used
        beside.subs |= more.subs
    return beside


def sub_names(paths: list[Path]) -> set[str]:
    """Names of the subs these files define (a line starting with `sub NAME`)."""
    return scan(paths).subs


def scan(paths: list[Path], wanted: frozenset[str] = frozenset()) -> Beside:
    """Read the files once: the subs they define, which of the `wanted` names (the lone
    file's declarations) they use, what they include, their `#FASTLY` macros and the error
    statuses they raise and test. Cheap substring tests first: a 1 MB neighbour costs little."""
    beside = Beside()
    for p in paths:
        try:
            text = p.read_text(encoding="utf-8", errors="replace")
        except OSError:
            continue
        beside.files.add(p.name.removesuffix(".vcl"))
        beside.subs.update(_SUB.findall(text))
        if "#FASTLY" in text:
            beside.macros.update("vcl_" + m.lower() for m in _MACRO.findall(text))
        if "include" in text:
            beside.included.update(
                n[:-4] if n.endswith(".vcl") else n for n in _INCLUDE.findall(text))
        beside.raised |= raised_statuses((text,))
        if "obj.status" in text:
            beside.handled.update(literal or "*" for literal, _ in _HANDLED.findall(text))
        beside.used |= _uses(text, wanted - beside.used)
    return beside


def raised_statuses(texts: Iterable[str]) -> set[str]:
    """The statuses `error NNN` statements in these texts raise ("*": one is computed)."""
    out: set[str] = set()
    for text in texts:
        if "error" in text:
            out.update(literal or "*" for literal, _ in _ERROR.findall(text))
    return out


def _uses(text: str, names: Iterable[str]) -> set[str]:
    """The names used (not defined, not in a `#` or `//` comment) on some line of `text`."""
    found: set[str] = set()
    lines: list[str] | None = None
    for name in names:
        if name not in text:
            continue
        if lines is None:
            lines = text.splitlines()
        word = re.compile(r"(?<![\w.-])" + re.escape(name) + r"(?![\w-])")
        for line in lines:
            if name not in line:
                continue
            code = line.split("#", 1)[0].split("//", 1)[0]
            if word.search(code) and not _DEFINITION.match(code):
                found.add(name)
                break
    return found
