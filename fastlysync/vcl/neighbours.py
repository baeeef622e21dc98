"""Subs defined by the files beside a VCL file linted on its own.

A service's custom VCL is often split over files in one folder that a main VCL includes (or a
build step concatenates): `polyfill.vcl` calls `breadcrumb_recv`, which `breadcrumbs.vcl`
next to it defines; `routing.vcl` calls subs kept in `v4/handlers/*.vcl` below it. Linting
`polyfill.vcl` alone must not call that sub undefined. The neighbours (the `.vcl` files of
its folder and the folders below it) are only scanned for `sub NAME` lines, never linted or
reported on.
"""

from __future__ import annotations

import re
from pathlib import Path

_SUB = re.compile(r"^[ \t]*sub[ \t]+([A-Za-z_][\w.]*)", re.M)
MAX_BYTES = 4 * 1024 * 1024
"""Neighbours bigger than this are not read (a VCL file over Fastly's limit is no help)."""
MAX_FILES = 300
"""At most this many neighbours per folder: a file at the top of a big tree stays quick."""


def neighbour_files(files: list[Path], linted: set[Path], test_suffix: str) -> list[Path]:
    """The other `.vcl` files of each file's folder and the folders below (no hidden folders,
    no falco test files, none over MAX_BYTES)."""
    found: list[Path] = []
    for folder in sorted({f.parent for f in files}):
        try:
            candidates = sorted(p for p in folder.rglob("*.vcl")
                                if not any(part.startswith(".")
                                           for part in p.relative_to(folder).parts))
            for p in candidates[:MAX_FILES]:
                if (p not in linted and not p.name.endswith(test_suffix) and p.is_file()
                        and p.stat().st_size <= MAX_BYTES):
                    found.append(p)
        except OSError:
            continue
    return list(dict.fromkeys(found))


def sub_names(paths: list[Path]) -> set[str]:
    """Names of the subs these files define (a line starting with `sub NAME`)."""
    names: set[str] = set()
    for p in paths:
        try:
            names.update(_SUB.findall(p.read_text(encoding="utf-8", errors="replace")))
        except OSError:
            continue
    return names
