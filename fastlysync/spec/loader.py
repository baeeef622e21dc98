"""Load spec files into fully resolved services, collecting every problem with its position."""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..kinds import KINDS
from ..masking import register
from .crossref import check, view_of_data, view_of_service
from .environments import expand
from .errors import SpecError, SpecProblem, sort_errors
from .files import read_vcl
from .model import ServiceBase
from .nodes import Positions, YMap, to_python
from .secrets import Resolution, mask, resolve, resolve_string
from .validation import validate_service
from .values import value_problems
from .yamlread import parse_yaml, read_text

SERVICES_DIR = "services"
SPEC_SUFFIXES = (".yaml", ".yml")


@dataclass
class LoadedService:
    service: ServiceBase
    """Fully resolved: environment overrides applied, `${env:NAME}` resolved, `file:` read
    into `content` (the `file` stays too; it is spec-only)."""
    path: Path
    """The spec file, as given or relative to the working directory."""
    environment: str | None
    secrets: frozenset[str]
    """Every resolved `${env:}` value and every value of a sensitive field, for masking."""
    root: Path = field(default_factory=Path)
    """The repository root: `file:` paths resolve under `root / "vcl"`."""
    positions: Positions = field(default_factory=Positions, repr=False, compare=False)

    def locate(self, *keys: str | int) -> tuple[int, int]:
        """Line and column of a node, e.g. `locate("backends", 0, "port")`; a value the spec
        does not spell out (a default) gives its nearest written ancestor."""
        return self.positions.locate(tuple(keys))

    def locate_key(self, *keys: str | int) -> tuple[int, int]:
        """Line and column of the key of a mapping entry (`port:` rather than `80`)."""
        return self.positions.locate_key(tuple(keys))

    def vcl_file(self, relative: str) -> Path:
        return self.root / "vcl" / relative

    @property
    def name(self) -> str:
        return self.service.name


@dataclass
class LoadResult:
    services: list[LoadedService] = field(default_factory=list)
    errors: list[SpecError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


def find_root(start: Path | None = None) -> Path:
    """The nearest folder at or above `start` (default: the working directory) holding
    `services/`; the working directory when there is none."""
    here = Path.cwd() if start is None else Path(start)
    here = here.absolute()
    if not here.is_dir():
        here = here.parent
    for folder in (here, *here.parents):
        if (folder / SERVICES_DIR).is_dir():
            return folder
    return Path.cwd()


def display_path(path: Path) -> Path:
    """`path` relative to the working directory when it is inside it (shorter messages)."""
    if not path.is_absolute():
        return path
    try:
        return path.relative_to(Path.cwd())
    except ValueError:
        return path


def spec_files(folder: Path) -> list[Path]:
    """Every spec file under `folder`, broken links included: skipped, a link whose target is
    missing from the checkout took its service out of every check without a word."""
    return sorted(p for p in folder.rglob("*")
                  if p.suffix in SPEC_SUFFIXES and (p.is_file() or _broken_link(p))
                  and not any(part.startswith(".") for part in p.relative_to(folder).parts))


def _broken_link(path: Path) -> bool:
    return path.is_symlink() and not path.exists()


def load_specs(paths: Sequence[Path] | None = None, *, root: Path | None = None,
               env: Mapping[str, str] | None = None) -> LoadResult:
    """Load spec files (default: every *.yaml/*.yml under `root/services`).

    A service whose file has problems is left out of `services`; `errors` lists every problem
    found, including clashes between services (same name, id or domain).
    """
    environ: Mapping[str, str] = os.environ if env is None else env
    if root is None:
        root = find_root(Path(paths[0]) if paths else None)
    result = LoadResult()
    files: list[Path] = []
    if paths is None:
        files = spec_files(root / SERVICES_DIR)
    else:
        for given in map(Path, paths):
            if given.is_dir():
                files.extend(spec_files(given))
            elif given.exists():
                files.append(given)
            else:
                result.errors.append(SpecError(str(given), 0, 0, "no such file or directory"))
    for path in dict.fromkeys(files):
        services, errors = load_file(path, root=root, env=environ)
        result.services.extend(services)
        result.errors.extend(errors)
    result.errors.extend(_across_services(result.services))
    result.errors = sort_errors(result.errors)
    return result


def load_file(path: Path, *, root: Path, env: Mapping[str, str]
              ) -> tuple[list[LoadedService], list[SpecError]]:
    shown = display_path(path)
    try:
        text = read_text(path)
    except SpecProblem as problem:
        return [], [SpecError(str(shown), problem.line, problem.column, problem.message)]
    return load_text(text, path=shown, root=root, env=env)


def load_text(text: str, *, path: Path | str = "<spec>", root: Path | None = None,
              env: Mapping[str, str] | None = None) -> tuple[list[LoadedService], list[SpecError]]:
    """Load one spec document given as text (what `load_file` does after reading)."""
    root = Path.cwd() if root is None else root
    environ: Mapping[str, str] = os.environ if env is None else env
    shown = str(path)
    try:
        tree = parse_yaml(text)
    except SpecProblem as problem:
        return [], [SpecError(shown, problem.line, problem.column, problem.message)]
    if tree is None:
        return [], [SpecError(shown, 0, 0, "spec file is empty")]
    if not isinstance(tree, YMap):
        return [], [SpecError(shown, tree.line, tree.column,
                              "a spec file must be a mapping of service fields")]
    documents, problems = expand(tree)
    errors = [SpecError(shown, p.line, p.column, p.message) for p in problems]
    per_env: list[tuple[str | None, list[tuple[int, int, str]]]] = []
    services: list[LoadedService] = []
    for environment, document in documents:
        loaded, found = _build(document, Path(path), environment, root, environ)
        per_env.append((environment, found))
        if loaded is not None and not found:
            services.append(loaded)
    counts = Counter(item for _, found in per_env for item in set(found))
    emitted: set[tuple[int, int, str]] = set()
    for environment, found in per_env:
        for item in found:
            line, col, message = item
            if environment is not None and counts[item] < len(per_env):
                message = f"environment {environment!r}: {message}"
            elif item in emitted:
                continue
            emitted.add(item)
            errors.append(SpecError(shown, line, col, message))
    return services, sort_errors(errors)


def _build(document: YMap, path: Path, environment: str | None, root: Path,
           env: Mapping[str, str]) -> tuple[LoadedService | None, list[tuple[int, int, str]]]:
    positions = Positions()
    data = to_python(document, positions)
    resolution = Resolution()
    data = resolve(data, env, resolution)
    register(resolution.secrets)
    found: list[tuple[int, int, str]] = []
    for where, message in resolution.problems:
        found.append((*positions.locate(where), message))
    unresolved = {positions.locate(where) for where, _ in resolution.problems}
    for where, message, at_key in _read_files(data, root, env, resolution):
        found.append((*(positions.locate_key(where) if at_key else positions.locate(where)),
                      mask(message, resolution.secrets)))
    for where, message in value_problems(data):
        found.append((*positions.locate(where), mask(message, resolution.secrets)))
        unresolved.add(positions.locate(where))  # pydantic's view of it would be a repeat
    service, problems = validate_service(data, positions)
    for (line, col), message in problems:
        if (line, col) not in unresolved:  # already reported: the variable is missing
            found.append((line, col, mask(message, resolution.secrets)))
    view = view_of_service(service) if service is not None else view_of_data(data)
    for where, message, at_key in check(view):
        line, col = positions.locate_key(where) if at_key else positions.locate(where)
        found.append((line, col, mask(message, resolution.secrets)))
    if service is None:
        return None, found
    secrets = frozenset(resolution.secrets) | sensitive_values(service)
    register(secrets)
    loaded = LoadedService(service=service, path=path, environment=environment,
                           secrets=secrets, root=root, positions=positions)
    return loaded, found


def _read_files(data: dict[str, Any], root: Path, env: Mapping[str, str],
                resolution: Resolution) -> list[tuple[tuple[Any, ...], str, bool]]:
    """Read `file:` into `content` for the kinds that have both (custom VCL, snippets), with
    `${env:NAME}` resolved in the text (Terraform's templatefile credentials); the values
    join the secrets every output masks."""
    found: list[tuple[tuple[Any, ...], str, bool]] = []
    for kind in KINDS.values():
        if "file" not in kind.spec_only or "content" not in kind.model.model_fields:
            continue
        items = data.get(kind.spec_key)
        if not isinstance(items, list):
            continue
        for i, item in enumerate(items):
            if not isinstance(item, dict) or not isinstance(item.get("file"), str):
                continue
            where = (kind.spec_key, i, "file")
            if item.get("content") is not None:
                found.append((where, f"{kind.name} {item.get('name', '')!r}: give file: or "
                                     "content:, not both", True))
                continue
            try:
                item["content"] = resolve_file(read_vcl(root, item["file"]), item["file"], env,
                                               resolution, where, found)
            except SpecProblem as problem:
                # Reported here; a placeholder keeps it from being reported as "needs content".
                item["content"] = f"# unreadable: {item['file']}\n"
                found.append((where, problem.message, False))
    return found


def resolve_file(text: str, relative: str, env: Mapping[str, str], resolution: Resolution,
                 where: tuple[Any, ...], found: list[tuple[tuple[Any, ...], str, bool]]) -> str:
    """`${env:NAME}` in a VCL file resolved; a problem names the file's line and column."""
    inner = Resolution()
    out = resolve_string(text, env, (), inner)
    resolution.secrets |= inner.secrets
    for (_, message), offset in zip(inner.problems, inner.offsets, strict=True):
        line = text.count("\n", 0, offset) + 1
        column = offset - text.rfind("\n", 0, offset)
        found.append((where, f"{relative}:{line}:{column}: {message}", False))
    return out


def sensitive_values(service: ServiceBase) -> frozenset[str]:
    """Values of the fields each kind declares sensitive (credentials, private keys)."""
    out: set[str] = set()
    for kind in KINDS.values():
        if not kind.sensitive:
            continue
        for obj in service.objects(kind):
            for name in kind.sensitive:
                value = getattr(obj, name, None)
                # an unresolved `${env:NAME}` (already reported) is a name, not a secret
                if isinstance(value, str) and value and "${env:" not in value:
                    out.add(value)
    return frozenset(out)


def _across_services(services: list[LoadedService]) -> list[SpecError]:
    """One Fastly service per name and per id; a domain belongs to one service."""
    errors: list[SpecError] = []
    by_name: dict[str, LoadedService] = {}
    by_id: dict[str, LoadedService] = {}
    by_domain: dict[str, LoadedService] = {}

    def where(loaded: LoadedService) -> str:
        line, _ = loaded.locate("name")
        env = f" (environment {loaded.environment!r})" if loaded.environment else ""
        return f"{loaded.path}:{line}{env}"

    def report(loaded: LoadedService, node: tuple[str | int, ...], message: str) -> None:
        line, col = loaded.locate(*node)
        errors.append(SpecError(str(loaded.path), line, col, message))

    domains = KINDS["domain"]
    for loaded in services:
        service = loaded.service
        first = by_name.setdefault(service.name, loaded)
        if first is not loaded:
            report(loaded, ("name",),
                   f"service name {service.name!r} is also used at {where(first)}")
            continue
        if service.id:
            first = by_id.setdefault(service.id, loaded)
            if first is not loaded:
                report(loaded, ("id",),
                       f"service id {service.id!r} is also used at {where(first)}")
        for i, domain in enumerate(service.objects(domains)):
            name = str(getattr(domain, "name", "")).lower()
            first = by_domain.setdefault(name, loaded)
            if first is not loaded:
                report(loaded, (domains.spec_key, i, "name"),
                       f"domain {name!r} is also declared by service "
                       f"{first.service.name!r} ({where(first)})")
    return errors
