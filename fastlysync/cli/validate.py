"""`fastlysync validate [PATH...]`: load every spec and cross-check it.

No secret is needed: an unset `${env:NAME}` gets a placeholder (named in a note on stderr),
so the pre-commit hook runs on a laptop. `--require-secrets` makes an unset one an error.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from ..spec import find_root, load_specs
from ..spec.loader import SERVICES_DIR
from .output import count_files, error, format_option, guarded, plural, print_json, print_problems
from .secrets import Placeholders


@click.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@format_option("text", "json")
@click.option("--require-secrets", is_flag=True,
              help="Fail on an unset ${env:NAME} instead of using a placeholder.")
@guarded
def validate(paths: tuple[Path, ...], fmt: str, require_secrets: bool) -> None:
    """Check spec files (default: every *.yaml under services/) and the VCL they point at.

    Exit 0 when every spec is valid, 1 on any problem.
    """
    root = find_root(paths[0] if paths else None)
    env = os.environ if require_secrets else Placeholders(os.environ)
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
    print_problems(result.errors, fmt)
    if result.errors:
        files = count_files(e.path for e in result.errors)
        if fmt == "text":
            click.echo(f"{plural(len(result.errors), 'problem')} in {plural(files, 'file')}",
                       err=True)
        sys.exit(1)
    if fmt == "text":
        files = count_files(s.path for s in result.services)
        click.echo(f"ok: {plural(len(result.services), 'service')} in {plural(files, 'file')}")
