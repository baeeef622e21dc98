"""`fastlysync schema`: the JSON Schema of a spec file, for editors and other tools."""

from __future__ import annotations

import click

from ..spec.schema import spec_schema
from .output import guarded, print_json


@click.command()
@guarded
def schema() -> None:
    """Print the JSON Schema (draft-07) of a spec file, environments included.

    Save it (e.g. services/fastlysync.schema.json) and start a spec with
    `# yaml-language-server: $schema=fastlysync.schema.json` for completion and checks.
    """
    print_json(spec_schema())
