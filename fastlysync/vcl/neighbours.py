"""Subs defined by the files beside a VCL file linted on its own.

A service's custom VCL is often split over files in one folder that a main VCL includes (or a
build step concatenates): `polyfill.vcl` calls `breadcrumb_recv`, which `breadcrumbs.vcl`
next to it defines. Linting `polyfill.vcl` alone must not call that sub undefined. The
neighbours are only scanned for `sub NAME` lines, never linted or reported on.
"""

from __future__ import annotations

import re
from pathlib import Path

_SUB = re.compile(r"^[ \t]*sub[ \t]+([A-Za-z_][\w.]*)", re.M)
MAX_BYTES = 4 * 1024 * 1024
"""Neighbours bigger than this are not read (a VCL file over Fastly's limit is no help)."""


def neighbour_subs(files: list[Path], linted: set[Path], test_suffix: str) -> set[str]:
    """Names of subs defined in the other `.vcl` files of each file's folder."""
    names: set[str] = set()
    for folder in {f.parent for f in files}:
        try:
            candidates = sorted(folder.glob("*.vcl"))
        except OSError:
            continue
        for p in candidates:
            if p in linted or p.name.endswith(test_suffix):
                continue
            try:
                if not p.is_file() or p.stat().st_size > MAX_BYTES:
                    continue
                text = p.read_text(encoding="utf-8", errors="replace")
            except OSError:
                continue
            names.update(_SUB.findall(text))
    return names
