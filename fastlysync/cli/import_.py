"""`fastlysync import SERVICE_ID_OR_NAME... [--all] [--out DIR]`: live service -> spec + VCL.

Writes `services/<name>.yaml` and `vcl/<name>/...` under DIR (default: the repository root,
the nearest folder holding services/, else the working directory) from each service's
active version. Secrets become `${env:NAME}` placeholders; the command lists which to set.
Exit 0 when every import was written and plans empty against its service, else 1.
"""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path
from typing import Any

import click

from ..fastly.client import FastlyClient
from ..fastly.config import ClientConfig
from ..fastly.errors import FastlyError
from ..fastly.remote import RemoteService
from ..importer.build import ImportedService
from ..importer.run import all_service_ids, import_services, read_many
from ..masking import printable
from ..spec import find_root
from .output import error, format_option, guarded, print_json
from .progress import progress
from .remote import client_config, remote_options


async def fetch(config: ClientConfig, targets: tuple[str, ...], every: bool
                ) -> list[tuple[str, RemoteService | Exception]]:
    async with FastlyClient(config) as client:
        ids = await all_service_ids(client) if every else list(targets)
        with progress("reading services", len(ids)) as shown:
            return await read_many(client, ids, by_id=every, progress=shown.advance)


def describe(imported: ImportedService) -> dict[str, Any]:
    return {"name": imported.name, "id": imported.id, "version": imported.version,
            "active": imported.active, "spec": str(imported.spec_path),
            "files": [str(p) for p in imported.files],
            "env": [{"name": s.env, "kind": s.kind, "object": s.object, "field": s.field}
                    for s in imported.secrets],
            "notes": imported.notes}


@click.command("import")
@click.argument("targets", nargs=-1, metavar="SERVICE_ID_OR_NAME...")
@click.option("--all", "every", is_flag=True, help="Import every service of the account.")
@click.option("--out", type=click.Path(path_type=Path, file_okay=False), default=None,
              help="Folder to write services/ and vcl/ into (default: the repository root).")
@click.option("--force", is_flag=True, help="Overwrite files that exist.")
@click.option("--contents-elsewhere", "elsewhere", is_flag=True,
              help="Own dictionaries, ACLs and dynamic snippets but not their contents "
                   "(manage_items/manage_entries/manage_content: false): another system "
                   "fills them.")
@format_option("text", "json")
@remote_options
@guarded
def import_(targets: tuple[str, ...], every: bool, out: Path | None, force: bool,
            elsewhere: bool, fmt: str,
            token_file: Path | None, endpoint: str | None, concurrency: int | None) -> None:
    """Write a spec and its VCL/snippet files from live services' active versions."""
    if every == bool(targets):
        error("give SERVICE_ID_OR_NAME (one or more) or --all")
        sys.exit(1)
    folder = out if out is not None else find_root()
    config = client_config(token_file, endpoint, concurrency)
    try:
        results = asyncio.run(fetch(config, targets, every))
    except FastlyError as exc:
        error(str(exc))
        sys.exit(1)
    failed = False
    remotes: list[RemoteService] = []
    for target, result in results:
        if isinstance(result, Exception):
            error(f"service {target}: {result}")
            failed = True
        else:
            remotes.append(result)
    done: list[dict[str, Any]] = []

    def report(imported: ImportedService, differences: list[str]) -> None:
        nonlocal failed
        entry = describe(imported)
        entry["differences"] = differences
        done.append(entry)
        if differences:
            failed = True
            error(f"service {imported.name}: the written spec does not plan empty against "
                  f"the live service: {'; '.join(differences[:5])}")
        if fmt == "json":
            return
        vcl_count = len(imported.files) - 1
        # live names are shown, never obeyed: no line break or escape reaches the log
        click.echo(printable(f"imported {imported.name} ({imported.id}, version "
                             f"{imported.version}) -> {folder / imported.spec_path}"
                             + (f" and {vcl_count} VCL file(s)" if vcl_count else "")))
        for secret in imported.secrets:
            click.echo(printable(f"  set {secret.env} ({secret.where})"))
        for note in imported.notes:
            click.echo(printable(f"  note: {note}"))

    if remotes:
        try:
            import_services(remotes, folder, force=force, on_done=report, elsewhere=elsewhere)
        except FastlyError as exc:
            error(str(exc))
            sys.exit(1)
    if fmt == "json":
        print_json({"out": str(folder), "services": done, "ok": not failed})
    elif every and not remotes and not failed:
        click.echo("no services to import")
    if failed:
        sys.exit(1)
