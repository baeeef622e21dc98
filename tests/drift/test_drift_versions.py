"""Version drift rules for rollbacks and staging, on a RemoteService built by hand."""

from __future__ import annotations

from typing import Any

from fastlysync.drift.versions import rollback_note, version_drift
from fastlysync.fastly.marker import format_marker, staged, stamp
from fastlysync.fastly.remote import RemoteService
from fastlysync.spec.model import Service


def marker(number: int) -> str:
    return stamp(format_marker("services/shop.yaml", None, []), number)


def remote(active: int, versions: list[dict[str, Any]]) -> RemoteService:
    comment = next(v["comment"] for v in versions if v["number"] == active)
    return RemoteService(service=Service(name="shop"), id="SID", name="shop", version=active,
                         active=True, version_comment=comment, versions=versions)


def left(number: int) -> str:
    """The marker of an `apply --no-activate` draft."""
    return stamp(format_marker("services/shop.yaml", None, []), number, left=True)


def test_a_staged_version_is_no_rollback() -> None:
    """A --no-activate draft staged with the Fastly CLI: locked by staging only."""
    live = remote(1, [{"number": 1, "active": True, "locked": True, "comment": marker(1)},
                      {"number": 2, "locked": True, "staging": True, "comment": left(2)}])
    assert version_drift(live) is None


def test_a_version_activated_after_staging_is_a_rollback() -> None:
    """`activate` rewrites a staged version's marker to the plain one before its production
    activation; staging still running it does not hide that it was live."""
    live = remote(1, [{"number": 1, "active": True, "locked": True, "comment": marker(1)},
                      {"number": 2, "locked": True, "staging": True, "comment": marker(2)}])
    item = version_drift(live)
    assert item is not None and (item.message or "").startswith("rolled back: version 1")


def test_a_version_once_staged_by_fastlysync_is_no_rollback() -> None:
    live = remote(1, [{"number": 1, "active": True, "locked": True, "comment": marker(1)},
                      {"number": 2, "locked": True, "comment": staged(marker(2))},
                      {"number": 3, "locked": True, "staging": True, "comment": left(3)}])
    assert version_drift(live) is None


def test_rollback_is_drift_unless_the_content_equals_git() -> None:
    live = remote(1, [{"number": 1, "active": True, "locked": True, "comment": marker(1)},
                      {"number": 2, "locked": True, "comment": marker(2)}])
    item = version_drift(live)
    assert item is not None and item.message is not None
    assert item.message.startswith("rolled back: version 1 is active, but newer version 2")
    assert version_drift(live, in_step=True) is None
    assert rollback_note(live) == ("version 1 is active after a rollback from version 2; "
                                   "its content matches git")


def test_in_step_does_not_excuse_a_hand_made_version() -> None:
    live = remote(1, [{"number": 1, "active": True, "locked": True, "comment": "by hand"},
                      {"number": 2, "locked": True, "comment": marker(2)}])
    item = version_drift(live, in_step=True)
    assert item is not None and "was not made by fastlysync" in (item.message or "")
