"""`fastlysync validate [PATH...]`: load every spec and cross-check it.

No secret is needed: an unset `${env:NAME}` gets a placeholder (named in a note on stderr),
so the pre-commit hook runs on a laptop. `--require-secrets` makes an unset one an error.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from ..drift.ignore import IgnoreFileError, find_ignore_file, load_ignore
from ..spec import find_root, load_specs
from ..spec.loader import SERVICES_DIR, display_path
from ..spec.placeholders import Placeholders
from .output import count_files, error, format_option, guarded, plural, print_json, print_problems
from .secrets import check_placeholders


@click.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@format_option("text", "json")
@click.option("--require-secrets", is_flag=True,
              help="Fail on an unset ${env:NAME} instead of using a placeholder.")
@guarded
def validate(paths: tuple[Path, ...], fmt: str, require_secrets: bool) -> None:
    """Check spec files (default: every *.yaml under services/), the VCL they point at and
    drift-ignore.yaml.

    Exit 0 when every spec is valid, 1 on any problem.
    """
    root = find_root(paths[0] if paths else None)
    env = os.environ if require_secrets else check_placeholders(os.environ)
    result = load_specs(list(paths) if paths else None, root=root, env=env)
    note = env.note() if isinstance(env, Placeholders) else None
    if note:
        click.echo(f"fastlysync: note: {note}", err=True)
    if not result.services and not result.errors:
        where = ", ".join(map(str, paths)) if paths else str(root / SERVICES_DIR)
        if fmt == "json":
            print_json([])
        error(f"no service specs found in {where} (looked for *.yaml)")
        sys.exit(1)
    errors = list(result.errors)
    ignore_file = find_ignore_file(root) if not paths else None
    if ignore_file is not None:  # it goes with the specs (the pre-commit hook watches it)
        try:
            load_ignore(display_path(ignore_file))
        except IgnoreFileError as exc:
            errors += exc.errors
    print_problems(errors, fmt)
    if errors:
        files = count_files(e.path for e in errors)
        if fmt == "text":
            click.echo(f"{plural(len(errors), 'problem')} in {plural(files, 'file')}",
                       err=True)
        sys.exit(1)
    if fmt == "text":
        files = count_files(s.path for s in result.services)
        click.echo(f"ok: {plural(len(result.services), 'service')} in {plural(files, 'file')}")
