"""A live service (normalised) -> the spec YAML and VCL files that describe it exactly.

The spec leaves out what holds the API default, moves custom VCL and snippet content into
files under `vcl/<service>/`, and writes every sensitive field (`Kind.sensitive`) as an
`${env:NAME}` placeholder, listing the variables to set in the file's header.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from ..fastly.remote import RemoteService
from ..kinds import KINDS, Kind
from ..spec.dump import dump_data, service_data
from ..spec.files import VCL_DIR
from ..spec.loader import SERVICES_DIR
from ..spec.model import ServiceBase
from .names import Unique, env_name, slug

CONTENT = "content"
FILE = "file"
VCL_SUFFIX = ".vcl"


@dataclass
class Secret:
    env: str
    kind: str
    object: str
    field: str
    value: str = field(repr=False)
    """Kept in memory for the import's own round-trip check; never printed or written."""

    @property
    def where(self) -> str:
        return f"{self.kind} {self.object}.{self.field}"


@dataclass
class ImportedService:
    name: str
    id: str
    version: int
    active: bool
    spec_path: PurePosixPath
    """Relative to the output folder: services/<slug>.yaml."""
    files: dict[PurePosixPath, str] = field(default_factory=dict)
    """Relative path -> text, the spec included."""
    secrets: list[Secret] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def file_kinds() -> list[Kind]:
    """Kinds whose content may live in a file (`file:` is spec-only, read into `content`)."""
    return [kind for kind in KINDS.values()
            if FILE in kind.spec_only and CONTENT in kind.model.model_fields]


def move_content_to_files(service: ServiceBase, folder: str) -> dict[PurePosixPath, str]:
    """Point each object with content at `vcl/<folder>/<spec_key>/<name>.vcl`.

    File names are the object names (made safe), so `include "name"` between custom VCL
    files resolves to the neighbouring file, as Fastly resolves it to the VCL of that name.
    """
    files: dict[PurePosixPath, str] = {}
    for kind in file_kinds():
        names = Unique()
        for obj in service.objects(kind):
            content = getattr(obj, CONTENT)
            if not content:
                continue
            relative = f"{folder}/{kind.spec_key}/{names(slug(str(obj.name)))}{VCL_SUFFIX}"
            setattr(obj, FILE, relative)
            files[PurePosixPath(VCL_DIR) / relative] = content
    return files


def replace_secrets(service: ServiceBase, data: dict[str, Any]) -> list[Secret]:
    """Put `${env:NAME}` where a sensitive field holds a value (in `data`, in place)."""
    secrets: list[Secret] = []
    env_names = Unique(separator="_")
    for kind in KINDS.values():
        if not kind.sensitive:
            continue
        spelled = data.get(kind.spec_key)
        for index, obj in enumerate(service.objects(kind)):
            target = spelled if kind.singleton else spelled[index] if spelled else None
            if not isinstance(target, dict):
                continue
            label = kind.name if kind.singleton else str(obj.name)  # type: ignore[attr-defined]
            for name in sorted(kind.sensitive):
                value = getattr(obj, name, None)
                if not isinstance(value, str) or not value:
                    continue
                env = env_names(env_name(service.name, label, name))
                target[name] = "${env:" + env + "}"
                secrets.append(Secret(env=env, kind=kind.name, object=label, field=name,
                                      value=value))
    return secrets


def header(imported: ImportedService, remote: RemoteService) -> str:
    which = "active version" if remote.active else "version (newest; none is active)"
    lines = [f"# Imported by `fastlysync import` from service {remote.id}, {which} "
             f"{remote.version}."]
    if imported.secrets:
        lines.append("# Secrets were replaced by ${env:NAME} placeholders; set these before "
                     "plan or apply:")
        lines += [f"#   {s.env}  ({s.where})" for s in imported.secrets]
    return "\n".join(lines) + "\n"


def build_import(remote: RemoteService, folder: str) -> ImportedService:
    """Everything to write for one service; `folder` names its spec and VCL folder."""
    service = remote.service.model_copy(deep=True)
    imported = ImportedService(
        name=service.name, id=remote.id, version=remote.version, active=remote.active,
        spec_path=PurePosixPath(SERVICES_DIR) / f"{folder}.yaml")
    vcl_files = move_content_to_files(service, folder)
    data = service_data(service)
    imported.secrets = replace_secrets(service, data)
    imported.files[imported.spec_path] = header(imported, remote) + dump_data(data)
    imported.files.update(vcl_files)
    if not remote.active:
        imported.notes.append(f"no version is active; imported version {remote.version}, "
                              "the newest")
    for kind_name, name in sorted(remote.unreadable):
        kind = KINDS[kind_name]
        hidden = ", ".join(sorted(kind.detached))
        imported.notes.append(f"{kind.name} {name} is write-only: its {hidden} cannot be read, "
                              "so the spec lists none (plan leaves them alone while it stays "
                              "write-only)")
    return imported


def output_paths(imported: ImportedService, out: Path) -> list[Path]:
    return [out / Path(relative) for relative in imported.files]
