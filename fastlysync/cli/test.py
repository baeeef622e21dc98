"""`fastlysync test`: run behaviour tests (YAML cases, falco *.test.vcl) against whole services.

Exit 0 when every case passes, 1 when any fails or errors (or a file cannot be run).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from .output import format_option, guarded


@click.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@format_option("text", "json", "junit", "github")
@click.option("--trace", is_flag=True, help="Show the subroutines and statements each case ran.")
@click.option("--schema", "schema", is_flag=True, help="Print the JSON Schema of test files.")
@guarded
def test(paths: tuple[Path, ...], fmt: str, trace: bool, schema: bool) -> None:
    """Run behaviour tests: requests through the whole service, checked against expectations.

    PATH: test files or folders (default: tests/*.yaml and *.test.vcl of the repository).
    Exit 0 all passed, 1 failures or errors.
    """
    if schema:
        from ..behave.model import file_schema

        click.echo(json.dumps(file_schema(), indent=2))
        return
    from ..behave.report import RENDERERS
    from ..behave.runner import run_tests

    result = run_tests(list(paths), trace=trace)
    sys.stdout.write(RENDERERS[fmt](result, trace))
    if fmt == "text":
        for problem in result.problems:
            click.echo(problem, err=True)
    sys.exit(0 if result.ok else 1)
