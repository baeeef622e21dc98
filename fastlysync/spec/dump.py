"""Write a Service back out as spec YAML (the importer's output; `load_text` reads it back).

Fields that hold the API default are left out, so a dumped spec shows only what differs from a
fresh object. An object with `file:` keeps its content in that file, not in the YAML.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import yaml

from ..kinds import KINDS, KindModel
from .model import ServiceBase
from .secrets import escape


class _SpecDumper(yaml.SafeDumper):
    """Lists indented under their key, multi-line strings as `|` blocks (readable VCL)."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        super().increase_indent(flow, False)


_ODD_BREAKS = frozenset("\r\x85\u2028\u2029")
"""Line breaks YAML folds in plain and single-quoted scalars: only double quotes keep them."""


def _represent_str(dumper: yaml.SafeDumper, data: str) -> yaml.Node:
    style: str | None = "|" if "\n" in data else None
    if not _ODD_BREAKS.isdisjoint(data):
        style = '"'
    return dumper.represent_scalar("tag:yaml.org,2002:str", data, style=style)


_SpecDumper.add_representer(str, _represent_str)


def object_data(obj: KindModel, *, keep_defaults: bool = False,
                refs: Mapping[str, str] | None = None) -> dict[str, Any]:
    """One object as spec data: required fields and everything that is not the default.

    `refs` maps a field to an environment variable: that field is written as `${env:NAME}`
    (how the importer keeps credentials out of specs) instead of its value.
    """
    model = type(obj)
    out: dict[str, Any] = {}
    has_file = isinstance(getattr(obj, "file", None), str)
    for name, info in model.model_fields.items():
        value = getattr(obj, name)
        if name == "content" and has_file:
            continue
        if refs and name in refs:
            out[name] = f"${{env:{refs[name]}}}"
            continue
        if not keep_defaults and not info.is_required() and \
                value == info.get_default(call_default_factory=True):
            continue
        out[name] = _plain(value)
    return out


def _plain(value: Any) -> Any:
    if isinstance(value, KindModel):
        return object_data(value)
    if isinstance(value, str):
        return escape(value)
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


EnvRefs = Mapping[tuple[str, str, str], str]
"""(spec_key, object name, field) -> environment variable; singletons use "" as the name."""


def service_data(service: ServiceBase, env_refs: EnvRefs | None = None) -> dict[str, Any]:
    """The service as the plain mapping a spec file holds."""
    env_refs = env_refs or {}
    out: dict[str, Any] = {"name": escape(service.name)}
    for key in ("id", "comment"):
        value = getattr(service, key)
        if value is not None:
            out[key] = escape(value)
    for kind in KINDS.values():
        def refs(obj: KindModel, key: str = kind.spec_key) -> dict[str, str]:
            name = str(getattr(obj, "name", ""))
            return {f: v for (k, n, f), v in env_refs.items() if k == key and n == name}

        if kind.singleton:
            only = service.objects(kind)[0]
            data = object_data(only, refs=refs(only))
            if data:
                out[kind.spec_key] = data
            continue
        objects = service.objects(kind)
        if objects:
            out[kind.spec_key] = [object_data(obj, refs=refs(obj)) for obj in objects]
    return out


def dump_data(data: Any) -> str:
    return yaml.dump(data, Dumper=_SpecDumper, sort_keys=False, allow_unicode=True, width=100,
                     default_flow_style=False)


def dump_service(service: ServiceBase, env_refs: EnvRefs | None = None) -> str:
    """Spec YAML for one service; loading it gives the same service back (with `env_refs`,
    once those variables hold the values)."""
    return dump_data(service_data(service, env_refs))
