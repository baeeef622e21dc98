"""Every deliberate difference between the emulator and the recorded Fastly API, with why.

`tests/emulator/test_replay.py` and `bench/replay.py` read this module: a mismatch not listed
here fails the test, and so does an entry here that no longer happens.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class NewerKey:
    """A key the API added after some recordings were made: the emulator sends it (as the
    newer recordings show), recordings made before `since` lack it. Not a mismatch."""

    key: str
    since: str
    reason: str


NEWER_KEYS = (
    NewerKey("environments", "2026-01-01",
             "services, versions and details carry `environments` in the 2026 recordings "
             "(details_with_filters); the 2021-2025 recordings predate it"),
    *(NewerKey(key, "2023-01-01",
               "backends recorded in 2021 and 2022 predate these fields; the 2026 backend "
               "recordings have them")
      for key in ("keepalive_time", "max_lifetime", "max_use", "prefer_ipv6", "share_key",
                  "tcp_keepalive_enable", "tcp_keepalive_interval", "tcp_keepalive_probes",
                  "tcp_keepalive_time")),
)


@dataclass(frozen=True)
class Deliberate:
    """A replayed request the emulator answers differently on purpose."""

    where: str
    """Regex searched in `Outcome.where` (`sequence#index cassette METHOD path`)."""
    reason: str


DELIBERATE = (
    Deliberate(r"^services#1[23] cleanup\.yaml DELETE",
               "deleting a deleted service: the 2022 recording answers 200, the 2026 one "
               "(services__details_with_filters cleanup) 400 'Service ... is deleted'; the "
               "emulator follows the newer API"),
)


REQUIRES_KIND = {"sumologics": "logging_sumologic"}
"""Sequences for kinds declared elsewhere (issue 13 adds the logging kinds): replayed when
the kind is registered, skipped (and reported) when it is not."""


SETUP = {
    "director_backends": (1, (
        ("POST", "/service/kKJb5bOFI47uHeBVluGfX1/version/60/backend",
         "name=backend&address=127.0.0.1"),
        ("POST", "/service/kKJb5bOFI47uHeBVluGfX1/version/60/director", "name=director"),
    )),
}
"""Objects go-fastly's test account held before a sequence ran (its director_backends test
creates them in cassettes kept elsewhere): (before which interaction, requests to make)."""
