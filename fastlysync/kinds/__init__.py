"""The registry of resource kinds, discovered from the modules of this package.

A module that defines `KIND` is a kind; nothing else lists them.
"""

from __future__ import annotations

import importlib
import pkgutil

from .base import (
    Access,
    Detached,
    Kind,
    KindModel,
    NamedModel,
    Reference,
    Storage,
    UnsetSpelling,
    WireType,
)


def _discover() -> dict[str, Kind]:
    found: list[Kind] = []
    for package in ("fastlysync.kinds", "fastlysync.kinds.logging"):
        pkg = importlib.import_module(package)
        for info in pkgutil.iter_modules(pkg.__path__):
            if info.ispkg or info.name == "base":
                continue
            module = importlib.import_module(f"{package}.{info.name}")
            kind = getattr(module, "KIND", None)
            if isinstance(kind, Kind):
                found.append(kind)
    found.sort(key=lambda k: (k.order, k.name))
    return {kind.name: kind for kind in found}


KINDS: dict[str, Kind] = _discover()
"""Every kind by name, in apply order (what others depend on first)."""

BY_SPEC_KEY: dict[str, Kind] = {kind.spec_key: kind for kind in KINDS.values()}
BY_API_PATH: dict[str, Kind] = {kind.api_path: kind for kind in KINDS.values()}

__all__ = [
    "BY_API_PATH",
    "BY_SPEC_KEY",
    "KINDS",
    "Access",
    "Detached",
    "Kind",
    "KindModel",
    "NamedModel",
    "Reference",
    "Storage",
    "UnsetSpelling",
    "WireType",
]
