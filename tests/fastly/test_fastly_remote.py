"""Reading live services: binding by name or id, which logging kinds are read, normalising."""

from __future__ import annotations

import asyncio
from typing import Any

from fastlysync.fastly.client import FastlyClient
from fastlysync.fastly.config import ClientConfig
from fastlysync.fastly.marker import format_marker, parse_marker
from fastlysync.fastly.remote import ServiceRef, read_remote, resolve_ids
from fastlysync.kinds import KINDS


def run(emulator: Any, fn: Any) -> Any:
    async def main() -> Any:
        config = ClientConfig(token=emulator.token, endpoint=emulator.url, backoff=0.001)
        async with FastlyClient(config) as client:
            return await fn(client)
    return asyncio.run(main())


def test_few_names_are_searched_many_are_listed(emulator: Any) -> None:
    ids = {f"svc{i}": emulator.create_service(f"svc{i}")["id"] for i in range(6)}
    emulator.admin.reset_counters()
    found = run(emulator, lambda c: resolve_ids(c, [ServiceRef("svc1"), ServiceRef("nope")]))
    assert found == {"svc1": ids["svc1"], "nope": None}
    assert emulator.admin.requests() == {"GET service/search": 2}
    emulator.admin.reset_counters()
    refs = [ServiceRef(name) for name in ids] + [ServiceRef("bound", id="given")]
    found = run(emulator, lambda c: resolve_ids(c, refs))
    assert found == {**ids, "bound": "given"}
    assert emulator.admin.requests() == {"GET service list": 1}


def test_unmarked_version_reads_every_logging_kind(emulator: Any) -> None:
    service = emulator.create_service("unmarked")
    emulator.admin.reset_counters()
    remote = run(emulator, lambda c: read_remote(c, ServiceRef("unmarked", service["id"])))
    logging = {k.name for k in KINDS.values() if k.logging}
    assert remote.logging_read == logging
    assert sum(emulator.admin.requests().values()) == 1 + len(logging)
    assert (remote.version, remote.active) == (1, False)


def test_marked_version_reads_only_listed_and_wanted_kinds(emulator: Any) -> None:
    service = emulator.create_service("marked")
    comment = format_marker("services/marked.yaml", None, ["logging_s3"])
    emulator.client().put(f"/service/{service['id']}/version/1", data={"comment": comment})
    remote = run(emulator, lambda c: read_remote(c, ServiceRef("marked", service["id"]),
                                                 logging={"logging_syslog"}))
    assert remote.logging_read == {"logging_s3", "logging_syslog"}


def test_marker_round_trip() -> None:
    text = format_marker("services/a.yaml", "0123456789abcdef", ["logging_syslog", "logging_s3"])
    assert text == "fastlysync: services/a.yaml @ 0123456789ab; logging=s3,syslog"
    assert parse_marker(text).logging == {"logging_s3", "logging_syslog"}
    assert parse_marker("fastlysync: x; logging=").logging == frozenset()
    assert parse_marker("made by hand") is None
