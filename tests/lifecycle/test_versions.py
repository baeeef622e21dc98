"""Which version `activate` and `rollback` mean, from a version list (no API)."""

from __future__ import annotations

from typing import Any

import pytest

from fastlysync.fastly.marker import format_marker, parse_marker, staged, stamp
from fastlysync.lifecycle.activate import described
from fastlysync.lifecycle.versions import LifecycleError, Version, parse_versions


def marker(number: int, *, stage: bool = False) -> str:
    text = stamp(format_marker("services/shop.yaml", "abc1234", ["logging_s3"]), number)
    return staged(text) if stage else text


def rows(*versions: dict[str, Any]) -> dict[str, Any]:
    return {"name": "shop", "versions": list(versions)}


def v(number: int, **flags: Any) -> dict[str, Any]:
    return {"number": number, **flags}


def test_previous_is_the_newest_earlier_fastlysync_activation() -> None:
    versions = parse_versions(rows(
        v(1, locked=True, comment=marker(1)),
        v(2, locked=True, comment=marker(2)),
        v(3, locked=True, comment="edited by hand"),          # not fastlysync's
        v(4, locked=True, comment=marker(2)),                 # a console copy of 2
        v(5, locked=False, comment=marker(5)),                # never activated
        v(6, locked=True, comment=marker(6, stage=True)),     # only ever staged
        v(7, active=True, locked=True, comment=marker(7)),
        v(8, comment=marker(8))), "SID")
    assert versions.active is not None and versions.active.number == 7
    assert versions.previous().number == 2
    assert versions.draft().number == 8


def test_no_previous_and_no_draft_are_errors() -> None:
    versions = parse_versions(rows(v(1, active=True, locked=True, comment=marker(1))), "SID")
    with pytest.raises(LifecycleError, match="no earlier version made and activated"):
        versions.previous()
    with pytest.raises(LifecycleError, match="no version newer than the active version 1"):
        versions.draft()
    with pytest.raises(LifecycleError, match="has no version 4"):
        versions.get(4)
    idle = parse_versions(rows(v(1), v(2)), "SID")
    assert idle.draft().number == 2
    with pytest.raises(LifecycleError, match="no active version to roll back"):
        idle.previous()


def test_staged_marker_round_trip() -> None:
    tagged = marker(6, stage=True)
    assert tagged.endswith("; staged; v=6")
    found = parse_marker(tagged)
    assert found is not None and (found.staged, found.version) == (True, 6)
    assert parse_marker(stamp(tagged, 9)).staged  # re-stamping keeps the tag, v= last
    untagged = staged(tagged, False)
    assert untagged == marker(6) and not parse_marker(untagged).staged  # type: ignore[union-attr]
    assert staged("made by hand") == "made by hand"  # not fastlysync's: left alone


def test_bad_rows_are_skipped() -> None:
    versions = parse_versions({"versions": [None, {"comment": "x"}, v(3, active=True)]}, "SID")
    assert [x.number for x in versions.items] == [3]
    with pytest.raises(Exception, match="not an object"):
        parse_versions([], "SID")


def test_activate_names_what_the_version_is() -> None:
    active = Version(3, active=True, locked=True)
    assert described(Version(4), active) == "draft version 4"
    assert described(Version(4, locked=True, staging=True), active) == "staged version 4"
    assert (described(Version(4, locked=True, comment=marker(4)), active)
            == "version 4 (active before a rollback)")
    assert described(Version(4, locked=True, comment=marker(4)), None) == "version 4"
    # locked by hand (`fastly service version lock`): never active, so not a rollback's
    assert (described(Version(4, locked=True), active)
            == "locked version 4 (not made by fastlysync)")
