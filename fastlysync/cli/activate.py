"""`fastlysync activate SERVICE [--version N] [--stage]`: activate a draft (or stage it).

The draft is the newest version above the active one (`apply --no-activate` prints it, and
after a rollback it is the version the rollback took out), or version N. It must still match
the spec; the versionless changes the draft waited for are applied right after activation.
`--stage` activates it on Fastly's staging environment
instead. Exit 0 done, 1 on any error.
"""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

import click

from ..apply.executor import ApplyOutcome
from ..fastly.client import FastlyClient
from ..fastly.config import ClientConfig
from ..lifecycle.activate import activate_service
from ..spec.loader import LoadedService
from .lifecycle_support import confirm, one_service, report
from .output import format_option, guarded
from .remote import client_config, remote_options


async def run_activate(config: ClientConfig, loaded: LoadedService, version: int | None,
                       stage: bool) -> ApplyOutcome:
    async with FastlyClient(config) as client:
        return await activate_service(client, loaded, version=version, stage=stage)


@click.command()
@click.argument("service")
@click.option("--version", "version", type=click.IntRange(1), default=None,
              help="The version to activate (default: the newest above the active one).")
@click.option("--stage", is_flag=True,
              help="Activate on Fastly's staging environment, not production.")
@click.option("--auto-approve", is_flag=True, help="Do not ask for confirmation.")
@format_option("text", "json")
@remote_options
@guarded
def activate(service: str, version: int | None, stage: bool, auto_approve: bool, fmt: str,
             token_file: Path | None, endpoint: str | None, concurrency: int | None) -> None:
    """Activate SERVICE's draft version, with the versionless changes it waited for."""
    loaded = one_service(service)
    config = client_config(token_file, endpoint, concurrency)
    which = f"version {version}" if version else "the newest version above the active one"
    where = "staging" if stage else "production"
    confirm(f"Activate {which} of service {loaded.service.name} on {where}?", auto_approve)
    outcome = asyncio.run(run_activate(config, loaded, version, stage))
    report([outcome], fmt)
    if not outcome.ok:
        sys.exit(1)
