"""`fastlysync rollback SERVICE [--to N]`: re-activate the previous fastlysync version.

Shows the configuration the rollback brings back (live now -> after), with apply's safety
checks (--force) and confirmation (--auto-approve). Exit 0 done, 1 on any error.
"""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

import click

from ..fastly.client import FastlyClient
from ..fastly.config import ClientConfig
from ..fastly.errors import FastlyError
from ..lifecycle.rollback import Rollback, prepare_rollback, run_rollback
from ..plan.model import Plan
from ..plan.render import render_text
from ..spec.loader import LoadedService
from .lifecycle_support import about, confirm, one_service
from .output import error, format_option, guarded, print_json
from .remote import client_config, remote_options


async def _prepare(config: ClientConfig, loaded: LoadedService, to: int | None) -> Rollback:
    async with FastlyClient(config) as client:
        return await prepare_rollback(client, loaded, to)


async def _run(config: ClientConfig, rollback: Rollback) -> None:
    async with FastlyClient(config) as client:
        await run_rollback(client, rollback)


def _fail(message: str, fmt: str, rollback: Rollback | None = None) -> None:
    if fmt == "json":
        print_json({"services": [rollback.as_dict()] if rollback else [], "ok": False,
                    "error": message})
    error(message)
    sys.exit(1)


@click.command()
@click.argument("service")
@click.option("--to", "to", type=click.IntRange(1), default=None,
              help="The version to re-activate (default: the previous one fastlysync "
                   "made and activated).")
@click.option("--auto-approve", is_flag=True, help="Do not ask for confirmation.")
@click.option("--force", is_flag=True,
              help="Allow a rollback that deletes >30% of objects, a domain or the last "
                   "backend.")
@format_option("text", "json")
@remote_options
@guarded
def rollback(service: str, to: int | None, auto_approve: bool, force: bool, fmt: str,
             token_file: Path | None, endpoint: str | None, concurrency: int | None) -> None:
    """Re-activate an earlier version of SERVICE and show what it brings back."""
    loaded = one_service(service)
    config = client_config(token_file, endpoint, concurrency)
    name = loaded.service.name
    try:
        prepared = asyncio.run(_prepare(config, loaded, to))
    except FastlyError as exc:
        _fail(about(name, str(exc)), fmt)
        return
    if fmt == "text":
        click.echo(f"service {name}: roll back from version {prepared.current} "
                   f"to version {prepared.target}")
        render_text(Plan(services=[prepared.plan]).finish(), sys.stdout)
    if prepared.problems and not force:
        _fail(f"service {name}: refused: " + "; ".join(prepared.problems) + " (use --force)",
              fmt, prepared)
    confirm(f"Re-activate version {prepared.target} of service {name}?", auto_approve)
    try:
        asyncio.run(_run(config, prepared))
    except FastlyError as exc:
        _fail(about(name, str(exc)), fmt, prepared)
    if fmt == "json":
        print_json({"services": [prepared.as_dict()], "ok": True})
    else:
        click.echo(f"service {name}: version {prepared.target} active "
                   f"(was {prepared.current})")
