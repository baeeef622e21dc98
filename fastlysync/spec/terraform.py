"""Terraform's names for spec keys, so a team moving from the `fastly_service_vcl` resource
gets "Terraform's `destination` is `dst` here" instead of a bare "unknown key".

Names checked against the Fastly Terraform provider's schema (fastly/block_fastly_service_*.go);
docs/migrating-from-terraform.md has the whole map.
"""

from __future__ import annotations

BLOCKS = {
    "domain": "domains", "backend": "backends", "healthcheck": "healthchecks",
    "condition": "conditions", "header": "headers", "gzip": "gzips",
    "cache_setting": "cache_settings", "request_setting": "request_settings",
    "response_object": "response_objects", "snippet": "snippets",
    "dynamicsnippet": "snippets", "vcl": "vcls", "director": "directors",
    "dictionary": "dictionaries", "acl": "acls", "rate_limiter": "rate_limiters",
}
"""Terraform's singular block name -> the spec's list key."""

FIELDS: dict[str, dict[str, str]] = {
    "header": {"destination": "dst", "source": "src"},
    "logging_s3": {"s3_access_key": "access_key", "s3_secret_key": "secret_key",
                   "s3_iam_role": "iam_role"},
    "logging_bigquery": {"email": "user", "template": "template_suffix"},
}
"""Per kind: Terraform's field name -> the spec's."""

LOGGING_FIELDS = {"processing_region": "log_processing_region"}
ONE_PER_SERVICE = ("product_enablement", "image_optimizer_default_settings")
"""Blocks Terraform gives a `name` only to key its state; the spec's mapping has none."""
SETTINGS = ("default_host", "default_ttl", "stale_if_error", "stale_if_error_ttl")

NOT_NEEDED = {
    "activate": "apply activates; `apply --no-activate` leaves a validated draft",
    "version_comment": "apply writes the version comment itself: it is the marker that tells "
                       "fastlysync's versions apart",
    "force_destroy": "`retire: true` in the spec deletes the service (apply --force "
                     "deactivates, then deletes it); a list entry removed from the spec is "
                     "deleted by apply",
    "reuse": "Terraform-only (keep the service when the resource is destroyed): fastlysync "
             "deletes a service only for `retire: true`",
    "stage": "`apply --stage` / `activate --stage` (a command-line choice)",
    "dictionary_id": "dictionaries are matched by name",
    "acl_id": "ACLs are matched by name",
    "snippet_id": "snippets are matched by name",
}
"""Terraform-only keys: why the spec has no such key."""


def spec_field(kind: str, key: str) -> str | None:
    """The spec's name for Terraform's field `key` of `kind`, where they differ."""
    renamed = FIELDS.get(kind, {}).get(key)
    if renamed is None and kind.startswith("logging_"):
        renamed = LOGGING_FIELDS.get(key)
    return renamed


def terraform_hint(kind: str | None, key: str) -> str:
    """` (Terraform's name: ...)` when `key` is what Terraform calls a spec key of `kind`
    (None: the service's top level), else ""."""
    if kind is None:
        if key == "dynamicsnippet":
            return " (Terraform's dynamicsnippet block is a `snippets` entry with dynamic: true)"
        if key in BLOCKS:
            return f" (Terraform's {key} block is the {BLOCKS[key]!r} list here)"
        if key in SETTINGS:
            return f" (Terraform's {key} goes under 'settings:' here)"
    renamed = spec_field(kind, key) if kind is not None else None
    if renamed is not None:
        return f" (Terraform's {key!r} is {renamed!r} here)"
    if key == "name" and kind in ONE_PER_SERVICE:
        return " (Terraform's internal key for a one-per-service block: leave it out)"
    if key in NOT_NEEDED:
        return f" (a Terraform setting with no spec key: {NOT_NEEDED[key]})"
    return ""
