"""The body of `fastlysync lint PATH...`, free of click so that it starts fast.

`fastlysync.cli.main` runs it straight from argv for the plain shapes (paths, `--format`,
`--config`); everything else (`--explain`, `--list-rules`, `--help`, a bad option) goes through
the click command in `fastlysync.cli.lint`, which calls the same `run`. Importing click alone
costs a cold `fastlysync lint` about a quarter of its start-up time.
"""

from __future__ import annotations

import sys
from pathlib import Path

FORMATS = ("text", "json", "sarif", "github")


def default_paths() -> list[Path]:
    """The repository's services/ and vcl/ (nearest folder upward holding either)."""
    here = Path.cwd()
    for folder in (here, *here.parents):
        found = [folder / name for name in ("services", "vcl") if (folder / name).is_dir()]
        if found:
            return found
    return []


def run(paths: list[Path], fmt: str, config_path: Path | None) -> int:
    """Lint, print the report, return the exit status (1 when there is any error)."""
    from fastlysync.vcl.config import ConfigError, load_config
    from fastlysync.vcl.lint import lint_paths
    from fastlysync.vcl.report import render

    targets = paths or default_paths()
    if not targets:
        sys.stderr.write("fastlysync: nothing to lint: no paths given and no services/ or vcl/ "
                         "folder here or above\n")
        return 1
    try:
        config = load_config(config_path, start=targets[0])
    except ConfigError as exc:
        sys.stderr.write(f"fastlysync: {exc}\n")
        return 1
    vcl_dirs = [t for t in targets if t.is_dir() and t.name == "vcl"] or [Path.cwd() / "vcl"]
    result = lint_paths(targets, config, vcl_dirs=vcl_dirs)
    for note in result.notes:
        sys.stderr.write(f"fastlysync: {note}\n")
    sys.stdout.write(render(result.diagnostics, fmt, files=result.files))
    sys.stdout.flush()
    return result.exit_code


def parse_simple(args: list[str]) -> tuple[list[Path], str, Path | None] | None:
    """(paths, format, config) for `lint [--format F] [--config FILE] PATH...`, else None (let
    click handle it, with its help and its usage errors)."""
    paths: list[Path] = []
    fmt = "text"
    config: Path | None = None
    i = 0
    while i < len(args):
        arg = args[i]
        if arg in ("--format", "--config") and i + 1 < len(args):
            value, i = args[i + 1], i + 2
        elif arg.startswith(("--format=", "--config=")):
            arg, value = arg.split("=", 1)
            i += 1
        elif arg.startswith("-") or not arg:
            return None
        else:
            paths.append(Path(arg))
            i += 1
            continue
        if arg == "--format":
            if value not in FORMATS:
                return None
            fmt = value
        else:
            if not value or Path(value).is_dir():
                return None
            config = Path(value)
    return paths, fmt, config
