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


@dataclass(frozen=True)
class SdkWire:
    """What the emulator's `--wire sdk` mode answers differently from the real API, because
    the official Python SDK (fastly-py 15.0.0, strict types) refuses what the real API sends:
    the SDK's bug, not the emulator's. The default `--wire real` keeps the real answer."""

    where: str
    real: str
    sdk: str
    reason: str


SDK_WIRE = (
    SdkWire("fields a kind declares with an SDK spelling (`real_wire`, and `unset_wire` "
            "`omit`/`sdk_blank`/`real_blank` in `fastlysync/kinds/`): syslog `port`, kafka "
            "`required_acks`; unset request settings `action`, gcs `account_name`, s3 `acl`, "
            "`compression_codec` of every file-upload logging kind, s3 and azureblob "
            "`file_max_bytes`, kafka `auth_method`, logentries and New Relic OTLP `region`, "
            "papertrail and logentries `port`, rate limiter `logger_type`; ftp `ipv4` "
            "(`real_extras`)",
            'the API\'s spelling: "514", "1", "", null, 0', "the SDK's type, or the key left out",
            "the SDK declares an int, an enum without an empty value, a non-nullable string or "
            "a minimum; tests/conformance/test_sdk_wire.py checks, field by field, that the "
            "SDK refuses the real spelling"),
    SdkWire("rate limiter `response.status`; `feature_update_available` and `deleted_at`",
            "429 (a number); the flag, no `deleted_at` (go-fastly's recordings)",
            '"429"; `deleted_at: null`, no flag',
            "RateLimiterResponse declares the status a string and knows no such flag"),
    SdkWire("ACL entry `negated` on reads", '"0"', "0",
            "AclEntryResponse declares `negated` an int (writes already answer 0/1)"),
    SdkWire("director `backends`", '["name", …]', '[{"name": …}, …]',
            "DirectorResponse declares a list of Backend objects"),
    SdkWire("director member answer", "`director_name`", "`director_name` and `director`",
            "DirectorBackend reads the director from `director`"),
    SdkWire("version diff `from` / `to`", '"1" (strings)', "1",
            "DiffResponse declares integers"),
    SdkWire("VCL diff `from` / `to`", '"1" (strings, as the version diff)', "1",
            "VclDiff declares integers"),
    SdkWire("`/tokens/self` `expires_at`", "null for a token that never expires", "key left out",
            "TokenResponse declares a non-nullable string"),
    SdkWire("products `_links`", '{"self": "/enabled-products/v1/…"}', "{}",
            "the generated `…ResponseLinksLinks` models map `self` to a `_self` argument that "
            "clashes with the model's own: every products answer with `_links.self` raises "
            "`got multiple values for argument '_self'`"),
)
"""Every difference of the SDK wire mode, with the SDK declaration that needs it."""

SDK_LIMITS = (
    "RequestSettingsApi.create_request_settings takes no fields (fastly-py 15 declares none): "
    "the emulator creates request settings with the API's defaults and a generated name "
    "(its spelling is a guess: no recording shows one); set fields with "
    "update_request_settings",
    "DirectorApi.create_director declares `backends` as a list of Backend objects: members "
    "are added with DirectorBackendApi.create_director_backend, as the API keeps them",
    "DirectorApi.update_director and SnippetApi.update_snippet take no fields: the emulator "
    "answers the object unchanged (an empty update); a versioned snippet "
    "or director is changed by deleting and creating it (dynamic snippets: "
    "update_snippet_dynamic)",
)
"""What fastly-py cannot send at all (not a wire difference: nothing for the emulator to bend)."""
