"""The version comment fastlysync leaves on each version it makes.

It says what made the version (spec path, git commit), which logging kinds the version
holds and the version's own number. `/details` carries version comments but not logging
endpoints, so the marker is what lets a plan read only the logging kinds in use (one GET per
kind) instead of every kind. A version without a marker (made by hand or another tool) is read
for every logging kind.

The number is what tells a fastlysync version from a copy of one: a clone made in the web
console or with the Fastly CLI copies the comment, so its marker names another version. It
costs one write per apply (the comment always changes), the price of seeing console edits
as version drift.

Shape: `fastlysync: services/www.yaml @ 1a2b3c4d5e6f; logging=s3,syslog; v=12`

A draft an apply gave up on (it failed, or `--no-activate`) says so with `; left` before its
number, so the next apply may reuse it at once (see drafts.py).
"""

from __future__ import annotations

import re
import subprocess
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

PREFIX = "fastlysync:"
_LOGGING = re.compile(r"(?:^|;)\s*logging=([A-Za-z0-9_,]*)")
_VERSION = re.compile(r";\s*v=([0-9]+)\s*$")
_LEFT = re.compile(r";\s*left\s*(?=;|$)")
_STAGED = re.compile(r";\s*staged\s*(?=;|$)")
STAGED_TAG = "; staged"
COMMENT_LIMIT = 1000


@dataclass(frozen=True)
class Marker:
    logging: frozenset[str]
    """Logging kind names (`logging_s3`) the version holds."""
    version: int | None = None
    """The version the marker was written for (None in markers from before it was kept)."""
    left: bool = False
    """The apply that made this draft gave it up (failed or --no-activate)."""
    source: str | None = None
    """The spec file the version was made from (relative to the repository root)."""
    staged: bool = False
    """Made for Fastly's staging environment and never activated in production by
    fastlysync: its lock says nothing about production (see drift/versions.py)."""


def parse_marker(comment: str | None) -> Marker | None:
    if not comment or not comment.startswith(PREFIX):
        return None
    found = _LOGGING.search(comment[len(PREFIX):])
    names = found.group(1).split(",") if found else []
    number = _VERSION.search(comment)
    where = comment[len(PREFIX):].split(";", 1)[0].rsplit(" @ ", 1)[0].strip()
    return Marker(frozenset(f"logging_{name}" for name in names if name),
                  int(number.group(1)) if number else None, left=bool(_LEFT.search(comment)),
                  source=where or None, staged=bool(_STAGED.search(comment)))


def format_marker(source: str | None, commit: str | None, logging: Iterable[str]) -> str:
    """The comment for a version made from `source` at `commit` holding `logging` kinds."""
    where = source or "spec"
    if commit:
        where += f" @ {commit[:12]}"
    kinds = sorted(name.removeprefix("logging_") for name in logging)
    text = f"{PREFIX} {where}; logging={','.join(kinds)}"
    return text[:COMMENT_LIMIT]


def stamp(comment: str, version: int, *, left: bool = False) -> str:
    """`comment` (a marker) written for `version`; `left`: a draft given up on."""
    if not comment.startswith(PREFIX):
        return comment
    suffix = ("; left" if left else "") + f"; v={version}"
    base = _LEFT.sub("", _VERSION.sub("", comment))
    return base[:COMMENT_LIMIT - len(suffix)] + suffix


def staged(comment: str, on: bool = True) -> str:
    """`comment` (a marker) tagged as made for staging (`on`) or not; the `v=` stays last."""
    if not comment.startswith(PREFIX):
        return comment
    number = _VERSION.search(comment)
    body = _STAGED.sub("", _VERSION.sub("", comment))
    if on:
        body = body[:COMMENT_LIMIT - len(STAGED_TAG) - 16] + STAGED_TAG
    return body + (number.group(0) if number else "")


def git_commit(path: Path) -> str | None:
    """HEAD of the git repository holding `path` (None outside git or without git)."""
    folder = path if path.is_dir() else path.parent
    try:
        done = subprocess.run(["git", "-C", str(folder or Path.cwd()), "rev-parse", "HEAD"],
                              capture_output=True, text=True, timeout=5, check=False)
    except (OSError, subprocess.SubprocessError):
        return None
    commit = done.stdout.strip()
    return commit if done.returncode == 0 and re.fullmatch(r"[0-9a-f]{7,64}", commit) else None
