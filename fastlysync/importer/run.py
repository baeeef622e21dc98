"""Find, read, write and check imports.

A service is read with every logging kind (a spec to compare with does not exist yet). After
writing, the new spec is loaded back, with the secrets it replaced, and planned against the
live service it came from: an import is only reported as done when that plan is empty.
"""

from __future__ import annotations

import asyncio
import os
from collections.abc import Callable, Sequence
from pathlib import Path

from ..fastly.client import FastlyClient
from ..fastly.errors import FastlyError
from ..fastly.remote import (
    RemoteService,
    ServiceNotFound,
    ServiceRef,
    find_service_id,
    list_services,
    read_remote,
)
from ..plan.build import plan_one
from ..spec.loader import SERVICES_DIR, load_specs, load_text
from .build import Fleet, ImportedService, build_import, output_paths, share_vcl
from .names import Unique, slug


class ImportFailed(FastlyError):
    """An import that cannot go ahead (existing files, unwritable folder)."""


async def read_target(client: FastlyClient, target: str) -> RemoteService:
    """`target` is a service name, else an id."""
    service_id = await find_service_id(client, target)
    try:
        return await read_remote(client, ServiceRef(target, service_id or target),
                                 all_logging=True)
    except ServiceNotFound:
        raise ServiceNotFound(f"no service named or with id {target!r}") from None


async def all_service_ids(client: FastlyClient) -> list[str]:
    return [str(row["id"]) for row in await list_services(client)
            if isinstance(row, dict) and row.get("id") and not row.get("deleted_at")]


async def read_many(client: FastlyClient, targets: Sequence[str], *, by_id: bool = False,
                    progress: Callable[[], None] | None = None,
                    ) -> list[tuple[str, RemoteService | Exception]]:
    """Each target read, or the error that stopped it (the others still read); `progress`
    is called as each one finishes."""

    async def one(target: str) -> RemoteService | Exception:
        try:
            if by_id:
                return await read_remote(client, ServiceRef(target, target), all_logging=True)
            return await read_target(client, target)
        except (FastlyError, ValueError) as exc:
            return exc
        finally:
            if progress is not None:
                progress()

    results = await asyncio.gather(*(one(t) for t in targets))
    return list(zip(targets, results, strict=True))


def build_all(remotes: Sequence[RemoteService], *, elsewhere: bool = False
              ) -> list[ImportedService]:
    """One import per service; folders unique even when names differ only in case. VCL that
    several services hold is written once under vcl/shared/, and a secret value several
    hold becomes one variable."""
    folders = Unique()
    fleet = Fleet()
    share_vcl(list(remotes), fleet)
    return [build_import(remote, folders(slug(remote.name)), fleet, elsewhere=elsewhere)
            for remote in remotes]


def existing(imports: Sequence[ImportedService], out: Path) -> list[Path]:
    return [path for imported in imports for path in output_paths(imported, out)
            if path.exists()]


class _AnyEnv(dict[str, str]):
    """The environment where every variable is set: finding which services existing specs
    declare needs no secrets."""

    def get(self, key: str, default: object = None) -> str:  # type: ignore[override]
        return os.environ.get(key, "fastlysync-import-placeholder")


def declared_elsewhere(imports: Sequence[ImportedService], out: Path) -> list[str]:
    """Services that a spec already under `out/services` declares (by name or id)."""
    if not (out / SERVICES_DIR).is_dir():
        return []
    ours = {(out / Path(i.spec_path)).resolve() for i in imports}
    found = []
    for loaded in load_specs(root=out, env=_AnyEnv()).services:
        if Path(loaded.path).resolve() in ours:
            continue
        spec = loaded.service
        for imported in imports:
            if spec.name == imported.name or (spec.id and spec.id == imported.id):
                found.append(f"service {imported.name} is already declared in {loaded.path}")
    return found


def write(imports: Sequence[ImportedService], out: Path) -> None:
    for imported in imports:
        for relative, text in imported.files.items():
            path = out / Path(relative)
            try:
                _inside(out, path)
                path.parent.mkdir(parents=True, exist_ok=True)
                _inside(out, path)  # the folders made may be symlinks planted meanwhile
                if path.is_symlink():
                    path.unlink()  # a link inside --out: replaced by the file, not followed
                fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | NOFOLLOW, 0o644)
                with os.fdopen(fd, "w", encoding="utf-8") as handle:
                    handle.write(text)
            except OSError as exc:
                raise ImportFailed(f"cannot write {path}: {exc.strerror}") from None


NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)


def _inside(out: Path, path: Path) -> None:
    """Refuse a path that a symlink (the file or a folder on its way) leads outside `out`."""
    try:
        root = out.resolve()
        target = path.resolve()
    except (OSError, RuntimeError) as exc:  # a symlink loop
        raise ImportFailed(f"cannot resolve {path}: {exc}") from None
    if not target.is_relative_to(root):
        raise ImportFailed(f"{path} is a symlink (or inside one) that leads outside {out} "
                           f"(to {target}); not writing there")


def verify(imported: ImportedService, remote: RemoteService, out: Path) -> list[str]:
    """Differences a plan of the written spec would show against the live service (none
    expected); spec problems count as differences."""
    spec_file = out / Path(imported.spec_path)
    env = {**os.environ, **{secret.env: secret.value for secret in imported.secrets}}
    services, errors = load_text(spec_file.read_text(encoding="utf-8"), path=spec_file,
                                 root=out, env=env)
    if errors:
        return [str(e) for e in errors]
    if len(services) != 1:
        return [f"{spec_file}: expected one service, found {len(services)}"]
    plan = plan_one(services[0], remote)
    return [f"{change.action} {change.label}" for change in [*plan.changes, *plan.versionless]]


def import_services(remotes: Sequence[RemoteService], out: Path, *, force: bool,
                    on_done: Callable[[ImportedService, list[str]], None],
                    elsewhere: bool = False) -> None:
    """Build, write and verify; `on_done` gets each import with its differences (if any).
    `elsewhere`: containers' contents are left to another system (`manage_items: false`)."""
    imports = build_all(remotes, elsewhere=elsewhere)
    if not force:
        clash = existing(imports, out)
        if clash:
            more = f" (and {len(clash) - 1} more)" if len(clash) > 1 else ""
            raise ImportFailed(f"{clash[0]} exists{more}; use --force to overwrite")
        declared = declared_elsewhere(imports, out)
        if declared:
            raise ImportFailed(f"{declared[0]}; use --force to write another spec for it")
    write(imports, out)
    for imported, remote in zip(imports, remotes, strict=True):
        on_done(imported, verify(imported, remote, out))
