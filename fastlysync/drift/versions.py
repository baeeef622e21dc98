"""Version drift: is the active version one fastlysync made and activated?

Read from what `/details` already carries (the version list with comments and lock flags),
so it costs no request. Three findings:

- no version is active at all;
- rolled back: a newer version than the active one was activated before (activation locks a
  version, so a locked version above the active one was live once and was replaced by an
  older one, as "activate" on an old version in the web console does);
- the active version carries no fastlysync marker (made by hand, another tool, or a version
  from before fastlysync managed the service);
- the active version is a copy of a fastlysync version: a clone made in the console or with
  the Fastly CLI copies the comment, so its marker names the version it was cloned from.
"""

from __future__ import annotations

from typing import Any

from ..fastly.marker import parse_marker
from ..fastly.remote import RemoteService
from .model import VERSION_KIND, DriftItem

COMMENT_SHOWN = 80


def _number(version: dict[str, Any]) -> int | None:
    try:
        return int(version["number"])
    except (KeyError, TypeError, ValueError):
        return None


def _comment(text: str | None) -> str:
    if not text:
        return "no version comment"
    short = text if len(text) <= COMMENT_SHOWN else text[:COMMENT_SHOWN - 1] + "…"
    return f"comment {short!r}"


def version_drift(remote: RemoteService) -> DriftItem | None:
    number = remote.version
    item = DriftItem(category="version", kind=VERSION_KIND, name=str(number))
    if not remote.active:
        item.message = f"no version is active (version {number} is the newest)"
        return item
    newer = [v for v in remote.versions
             if (_number(v) or 0) > number and (v.get("locked") or v.get("active"))]
    if newer:
        latest = max(newer, key=lambda v: _number(v) or 0)
        by = "fastlysync" if parse_marker(latest.get("comment")) else "another tool or by hand"
        item.message = (f"rolled back: version {number} is active, but newer version "
                        f"{_number(latest)} (made by {by}) was activated before it")
        return item
    marker = parse_marker(remote.version_comment)
    if marker is None:
        item.message = (f"active version {number} was not made by fastlysync "
                        f"({_comment(remote.version_comment)})")
        return item
    if marker.version is not None and marker.version != number:
        item.message = (f"active version {number} was not made by fastlysync: it is a copy of "
                        f"fastlysync's version {marker.version}, cloned and edited outside it "
                        "(web console, Fastly CLI or another tool)")
        return item
    return None
