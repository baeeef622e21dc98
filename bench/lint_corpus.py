"""Lint every VCL file of a folder on its own, as a user running `fastlysync lint FILE` would.

    python bench/lint_corpus.py FOLDER [FOLDER ...] [--list]

Each `*.vcl` under the folders is linted alone (its folder is the VCL folder, so the files
beside it count as they do for `fastlysync lint FILE`). Prints how many files were linted, the
errors and warnings per rule code, and with --list every error and warning. Used on corpora of
public Fastly VCL kept outside the repository (issue 9): the corpus is never committed.
Prints figures only.
"""

from __future__ import annotations

import argparse
import collections
import sys
from pathlib import Path


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folders", nargs="+", type=Path)
    parser.add_argument("--list", action="store_true", help="print every error and warning")
    args = parser.parse_args()
    from fastlysync.vcl.lint import lint_paths

    files = sorted(p for folder in args.folders for p in folder.rglob("*.vcl") if p.is_file())
    counts: collections.Counter[tuple[str, str]] = collections.Counter()
    with_errors: set[Path] = set()
    lines = []
    for path in files:
        for d in lint_paths([path], vcl_dirs=[path.parent]).diagnostics:
            if d.severity not in ("error", "warning"):
                continue
            counts[(d.severity, d.code)] += 1
            if d.severity == "error":
                with_errors.add(path)
            lines.append(f"{d.path}:{d.line}: {d.severity} {d.code} {d.message}")
    errors = sum(n for (sev, _), n in counts.items() if sev == "error")
    warnings = sum(n for (sev, _), n in counts.items() if sev == "warning")
    print(f"{len(files)} files: {errors} errors in {len(with_errors)} files, {warnings} warnings")
    for (sev, code), n in sorted(counts.items()):
        print(f"  {sev:7} {code} {n}")
    if args.list:
        print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
