"""Version drift: is the active version one fastlysync made and activated?

Read from what `/details` already carries (the version list with comments and lock flags),
so it costs no request. Three findings:

- no version is active at all;
- rolled back: a newer version than the active one was activated before (activation locks a
  version, so a locked version above the active one was live once and was replaced by an
  older one, as "activate" on an old version in the web console does). Staging also locks a
  version, so versions on staging, or that fastlysync made for staging (their marker says
  `staged`), are no evidence, unless their marker is the plain one `activate` writes before
  a production activation (staging may still run that version). A rollback to content
  that equals git is not drift: the caller passes `in_step` and gets a note instead;
- the active version carries no fastlysync marker (made by hand, another tool, or a version
  from before fastlysync managed the service);
- the active version is a copy of a fastlysync version: a clone made in the console or with
  the Fastly CLI copies the comment, so its marker names the version it was cloned from.
"""

from __future__ import annotations

from typing import Any

from ..fastly.marker import parse_marker
from ..fastly.remote import RemoteService, version_number
from .model import VERSION_KIND, DriftItem

COMMENT_SHOWN = 80


def _comment(text: str | None) -> str:
    if not text:
        return "no version comment"
    short = text if len(text) <= COMMENT_SHOWN else text[:COMMENT_SHOWN - 1] + "…"
    return f"comment {short!r}"


def _staged(version: dict[str, Any]) -> bool:
    """Locked by staging only, as far as anyone can tell. A fastlysync marker that is
    neither `staged` nor `left` is the one `activate` writes before a production
    activation: that version was live even if staging still runs it."""
    marker = parse_marker(version.get("comment"))
    if marker is not None and not marker.staged and not marker.left:
        return False
    return bool(version.get("staging")) or (marker is not None and marker.staged)


def replaced(remote: RemoteService) -> dict[str, Any] | None:
    """The newest version above the active one that was live in production before."""
    number = remote.version
    newer = [v for v in remote.versions if (version_number(v) or 0) > number
             and (v.get("locked") or v.get("active")) and not _staged(v)]
    return max(newer, key=lambda v: version_number(v) or 0) if newer else None


def rollback_note(remote: RemoteService) -> str | None:
    latest = replaced(remote) if remote.active else None
    if latest is None:
        return None
    return (f"version {remote.version} is active after a rollback from version "
            f"{version_number(latest)}; its content matches git")


def version_drift(remote: RemoteService, *, in_step: bool = False) -> DriftItem | None:
    """`in_step`: the active content equals git (a rollback to it is then no drift)."""
    number = remote.version
    item = DriftItem(category="version", kind=VERSION_KIND, name=str(number))
    if not remote.active:
        item.message = f"no version is active (version {number} is the newest)"
        return item
    latest = replaced(remote)
    if latest is not None and not in_step:
        by = "fastlysync" if parse_marker(latest.get("comment")) else "another tool or by hand"
        item.message = (f"rolled back: version {number} is active, but newer version "
                        f"{version_number(latest)} (made by {by}) was activated before it")
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
