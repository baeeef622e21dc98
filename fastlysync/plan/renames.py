"""A spec bound by name whose name changed: find the live service it was, not a new one.

A spec without `id:` finds its service by name, so renaming it in git would plan a second
service beside the old one. Each version fastlysync makes names the spec file it came from
(fastly/marker.py), so when a spec finds no service by its name, the account's service list
(one GET per 100 services, made only then) is searched for an unclaimed service whose
active (else newest) version was made from the same file. Exactly one match, for exactly
one spec from that file, is taken as a rename; anything ambiguous, and any spec from a file
with `environments:`, stays a create.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from ..fastly.client import FastlyClient
from ..fastly.marker import parse_marker
from ..fastly.remote import ServiceList, live_services
from ..spec.loader import LoadedService


def spec_source(loaded: LoadedService) -> str:
    """The spec file as version markers name it: relative to the repository root (apply
    writes it into each marker with this, so a rename is found by the same spelling)."""
    try:
        return str(Path(loaded.path).resolve().relative_to(Path(loaded.root).resolve()))
    except (ValueError, OSError):
        return str(loaded.path)


def _source(row: dict[str, Any]) -> str | None:
    versions = [v for v in row.get("versions") or [] if isinstance(v, dict)]
    active = [v for v in versions if v.get("active")]
    newest = max(versions, key=lambda v: int(v.get("number") or 0), default=None)
    version = active[0] if active else newest
    marker = parse_marker(version.get("comment")) if version else None
    return marker.source if marker else None


async def find_renamed(client: FastlyClient, services: Sequence[LoadedService],
                       ids: dict[str, str | None],
                       listing: ServiceList | None = None) -> dict[str, str]:
    """Spec name -> live service id, for name-bound specs renamed since their last apply
    (`listing`: the service list resolving the ids may already have read)."""
    # A file with `environments:` holds several services: a new environment is not a rename
    # of a sibling, so only single-service files are matched.
    lost = [s for s in services if not s.service.id and not s.service.retire
            and s.environment is None and ids.get(s.service.name) is None]
    if not lost:
        return {}
    claimed = {i for i in ids.values() if i}
    by_source: dict[str, list[str]] = {}
    for row in await live_services(client, listing):
        source = _source(row)
        if source is not None and str(row["id"]) not in claimed:
            by_source.setdefault(source, []).append(str(row["id"]))
    wanted: dict[str, list[LoadedService]] = {}
    for loaded in lost:
        wanted.setdefault(spec_source(loaded), []).append(loaded)
    found: dict[str, str] = {}
    for source, specs in wanted.items():
        candidates = by_source.get(source, [])
        if len(specs) == 1 and len(candidates) == 1:
            found[specs[0].service.name] = candidates[0]
    return found
