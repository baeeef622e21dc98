"""A live service (normalised) -> the spec YAML and VCL files that describe it exactly.

The spec leaves out what holds the API default, moves custom VCL and snippet content into
files under `vcl/<service>/`, and writes every sensitive field (`Kind.sensitive`) as an
`${env:NAME}` placeholder, listing the variables to set in the file's header.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from ..fastly.remote import RemoteService
from ..kinds import KINDS, Kind
from ..spec.dump import dump_data, service_data
from ..spec.files import VCL_DIR
from ..spec.loader import SERVICES_DIR
from ..spec.model import ServiceBase
from ..spec.secrets import MIN_SECRET_LENGTH, escape
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

    embedded: bool = False
    """Only part of the field (a URL's password): the field keeps its text around it."""

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


SHARED_FOLDER = "shared"
"""Under vcl/: files that several imported services hold with the same content."""


@dataclass
class Fleet:
    """What the imports of many services share: one file per VCL text that several hold,
    one variable per secret value that several hold."""

    shared: dict[str, str] = field(default_factory=dict)
    """VCL text (placeholders in) -> its file under vcl/, for texts in two or more services."""
    written: set[str] = field(default_factory=set)
    """Shared files already handed to an import (each is written once)."""
    env_by_value: dict[str, str] = field(default_factory=dict)
    env_names: Unique = field(default_factory=lambda: Unique(separator="_"))


def find_secrets(service: ServiceBase, fleet: Fleet) -> list[Secret]:
    """Every sensitive value the service holds, each with its variable (the same variable
    for the same value, across the fleet)."""
    secrets: list[Secret] = []
    for kind in KINDS.values():
        for obj in service.objects(kind) if kind.sensitive else ():
            label = kind.name if kind.singleton else str(obj.name)  # type: ignore[attr-defined]
            for name in sorted(kind.sensitive):
                value = getattr(obj, name, None)
                if not isinstance(value, str) or not value:
                    continue
                env = fleet.env_by_value.get(value)
                if env is None:
                    env = fleet.env_names(env_name(service.name, label, name))
                    fleet.env_by_value[value] = env
                secrets.append(Secret(env=env, kind=kind.name, object=label, field=name,
                                      value=value))
    return secrets + _url_passwords(service, fleet)


_URL_PASSWORD = re.compile(r"\b[A-Za-z][A-Za-z0-9+.-]*://[^/\s:@?#]+:([^/\s@?#]+)@")
"""`scheme://user:PASSWORD@`: a credential in a field no kind marks sensitive (a logging
endpoint's url)."""


def _url_passwords(service: ServiceBase, fleet: Fleet) -> list[Secret]:
    found: list[Secret] = []
    for kind in KINDS.values():
        for obj in service.objects(kind):
            label = kind.name if kind.singleton else str(obj.name)  # type: ignore[attr-defined]
            for name, value in obj:
                if not isinstance(value, str) or name in kind.sensitive:
                    continue
                for match in _URL_PASSWORD.finditer(value):
                    password = match.group(1)
                    env = fleet.env_by_value.get(password)
                    if env is None:
                        env = fleet.env_names(env_name(service.name, label, name, "password"))
                        fleet.env_by_value[password] = env
                    found.append(Secret(env=env, kind=kind.name, object=label, field=name,
                                        value=password, embedded=True))
    return found


def env_refs(secrets: list[Secret]) -> dict[tuple[str, str, str], str]:
    out = {}
    for secret in secrets:
        if secret.embedded:
            continue  # replaced inside the field's text, by data_with_placeholders
        kind = KINDS[secret.kind]
        out[(kind.spec_key, "" if kind.singleton else secret.object, secret.field)] = secret.env
    return out


def with_placeholders(text: str, secrets: list[Secret]) -> str:
    """VCL text with every value the service also holds in a sensitive field written as its
    `${env:NAME}` (and literal `${env:` escaped), so loading it gives the text back."""
    return _placeholders(escape(text), secrets)


def data_with_placeholders(data: Any, secrets: list[Secret]) -> Any:
    """The spec data with every sensitive value that also sits in a field not marked
    sensitive (a header's `src`, a dictionary item, a condition) written as its
    `${env:NAME}`: a secret never lands in an imported file."""
    if isinstance(data, dict):
        return {data_with_placeholders(k, secrets): data_with_placeholders(v, secrets)
                for k, v in data.items()}
    if isinstance(data, list):
        return [data_with_placeholders(item, secrets) for item in data]
    if isinstance(data, str):
        return _placeholders(data, secrets)
    return data


def _placeholders(text: str, secrets: list[Secret]) -> str:
    """`text` with each secret value (longest first, none too short to mask) as `${env:NAME}`."""
    for secret in sorted(secrets, key=lambda s: len(s.value), reverse=True):
        if len(secret.value) >= MIN_SECRET_LENGTH:
            text = text.replace(secret.value, "${env:" + secret.env + "}")
    return text


def vcl_texts(remote: RemoteService) -> list[str]:
    """The content of every object with content, as it is before placeholders."""
    return [str(getattr(obj, CONTENT)) for kind in file_kinds()
            for obj in remote.service.objects(kind) if getattr(obj, CONTENT)]


def move_content_to_files(service: ServiceBase, folder: str, secrets: list[Secret],
                          fleet: Fleet) -> dict[PurePosixPath, str]:
    """Point each object with content at `vcl/<folder>/<spec_key>/<name>.vcl` (or at the
    fleet's shared file holding the same text).

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
            text = with_placeholders(content, secrets)
            relative = fleet.shared.get(text)
            if relative is None:
                relative = f"{folder}/{kind.spec_key}/{names(slug(str(obj.name)))}{VCL_SUFFIX}"
            setattr(obj, FILE, relative)
            if relative in fleet.written:
                continue
            if relative in fleet.shared.values():
                fleet.written.add(relative)
            files[PurePosixPath(VCL_DIR) / relative] = text
    return files


def share_vcl(remotes: list[RemoteService], fleet: Fleet) -> None:
    """Give each VCL text that two or more services hold one file under vcl/shared/.

    Texts are compared with their secrets as placeholders, named on a scratch fleet: the
    imports name them again in the same order, so they get the same names (and the same
    texts), and `fleet`'s naming is left untouched."""
    naming = Fleet()
    found = [find_secrets(remote.service, naming) for remote in remotes]
    holders: dict[str, set[str]] = {}
    for remote, secrets in zip(remotes, found, strict=True):
        for text in vcl_texts(remote):
            holders.setdefault(with_placeholders(text, secrets), set()).add(remote.id)
    names = Unique()
    for kind in file_kinds():
        for remote, secrets in zip(remotes, found, strict=True):
            for obj in remote.service.objects(kind):
                content = getattr(obj, CONTENT)
                text = with_placeholders(content, secrets) if content else ""
                if len(holders.get(text, ())) > 1 and text not in fleet.shared:
                    fleet.shared[text] = (f"{SHARED_FOLDER}/{kind.spec_key}/"
                                          f"{names(slug(str(obj.name)))}{VCL_SUFFIX}")


def header(imported: ImportedService, remote: RemoteService) -> str:
    which = "active version" if remote.active else "version (newest; none is active)"
    lines = [f"# Imported by `fastlysync import` from service {remote.id}, {which} "
             f"{remote.version}."]
    if imported.secrets:
        lines.append("# Secrets were replaced by ${env:NAME} placeholders; set these before "
                     "plan or apply:")
        seen = set()
        for secret in imported.secrets:
            if secret.env not in seen:
                seen.add(secret.env)
                lines.append(f"#   {secret.env}  ({secret.where})")
    return "\n".join(lines) + "\n"


def contents_elsewhere(service: ServiceBase) -> None:
    """Mark every container as owned here but filled elsewhere (`manage_items: false` and
    the like), leaving its contents out of the spec."""
    for kind in KINDS.values():
        for declared in kind.storage:
            if declared.managed_by is None or kind.singleton:
                continue
            for obj in service.objects(kind):
                if declared.when is not None and not getattr(obj, declared.when):
                    continue
                setattr(obj, declared.managed_by, False)
                # the field's default (a snippet's content: None, so the key is left out)
                info = kind.model.model_fields[declared.field]
                setattr(obj, declared.field, info.get_default(call_default_factory=True))


def build_import(remote: RemoteService, folder: str, fleet: Fleet | None = None, *,
                 elsewhere: bool = False) -> ImportedService:
    """Everything to write for one service; `folder` names its spec and VCL folder.

    `elsewhere`: write dictionaries, ACLs and dynamic snippets as containers whose contents
    another system manages (their items, entries and content are left out)."""
    fleet = fleet if fleet is not None else Fleet()
    service = remote.service.model_copy(deep=True)
    if elsewhere:
        contents_elsewhere(service)
    imported = ImportedService(
        name=service.name, id=remote.id, version=remote.version, active=remote.active,
        spec_path=PurePosixPath(SERVICES_DIR) / f"{folder}.yaml")
    imported.secrets = find_secrets(service, fleet)
    vcl_files = move_content_to_files(service, folder, imported.secrets, fleet)
    data = data_with_placeholders(service_data(service, env_refs(imported.secrets)),
                                  imported.secrets)
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
                              "write-only; if another system fills it, say manage_items: "
                              "false)")
    return imported


def output_paths(imported: ImportedService, out: Path) -> list[Path]:
    return [out / Path(relative) for relative in imported.files]
