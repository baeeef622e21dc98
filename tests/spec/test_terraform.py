"""Unknown spec keys that are Terraform's names get Terraform's mapping as the hint."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from fastlysync.kinds import KINDS
from fastlysync.spec.model import Service
from fastlysync.spec.terraform import BLOCKS, FIELDS, LOGGING_FIELDS, SETTINGS

CASES = {
    "header destination": (
        "headers:\n  - {name: h, action: set, type: request, dst: http.X, destination: x}\n",
        "header 'h': unknown key 'destination' (Terraform's 'destination' is 'dst' here)"),
    "s3 secret": (
        "logging_s3:\n  - {name: l, bucket_name: b, s3_secret_key: x}\n",
        "logging_s3 'l': unknown key 's3_secret_key' (Terraform's 's3_secret_key' is "
        "'secret_key' here)"),
    "logging region": (
        "logging_datadog:\n  - {name: d, token: t, processing_region: eu}\n",
        "logging_datadog 'd': unknown key 'processing_region' (Terraform's "
        "'processing_region' is 'log_processing_region' here)"),
    "block": ("cache_setting:\n  - {name: c}\n",
              "service: unknown key 'cache_setting' (Terraform's cache_setting block is the "
              "'cache_settings' list here)"),
    "dynamic snippet": ("dynamicsnippet:\n  - {name: d}\n",
                        "service: unknown key 'dynamicsnippet' (Terraform's dynamicsnippet "
                        "block is a `snippets` entry with dynamic: true)"),
    "setting": ("default_ttl: 30\n", "service: unknown key 'default_ttl' (Terraform's "
                                     "default_ttl goes under 'settings:' here)"),
    "one-per-service name": (
        "product_enablement:\n  name: products\n  brotli_compression: true\n",
        "product_enablement: unknown key 'name' (Terraform's internal key for a "
        "one-per-service block: leave it out)"),
    "image optimizer name": (
        "image_optimizer_default_settings:\n  name: io\n",
        "image_optimizer_default_settings: unknown key 'name' (Terraform's internal key for "
        "a one-per-service block: leave it out)"),
    "rate limiter block": ("rate_limiter:\n  - {name: r}\n",
                           "service: unknown key 'rate_limiter' (Terraform's rate_limiter "
                           "block is the 'rate_limiters' list here)"),
    "terraform only": ("force_destroy: true\n", "service: unknown key 'force_destroy' (a "
                                                "Terraform setting with no spec key: "
                                                "`retire: true` in the spec deletes the "
                                                "service"),
}


@pytest.mark.parametrize("case", list(CASES))
def test_terraform_names_get_the_spec_name(load: Callable[..., Any], case: str) -> None:
    body, expected = CASES[case]
    result = load("name: s\n" + body)
    assert any(expected in e.message for e in result.errors), \
        [e.message for e in result.errors]


def test_a_plain_typo_still_gets_did_you_mean(load: Callable[..., Any]) -> None:
    result = load("name: s\nbackends:\n  - {name: b, address: a.example.com, prot: 80}\n")
    assert "unknown key 'prot' (did you mean 'port'?)" in result.errors[0].message


def test_the_map_points_at_real_spec_keys_and_only_at_them() -> None:
    top = set(Service.model_fields)
    for terraform, ours in BLOCKS.items():
        assert terraform not in top and ours in top
    assert "settings" in top
    settings = KINDS["settings"].model.model_fields
    assert all(name in settings for name in SETTINGS)
    for kind, renames in FIELDS.items():
        fields = KINDS[kind].model.model_fields
        for terraform, ours in renames.items():
            assert terraform not in fields and ours in fields, (kind, terraform)
    for name, kind in KINDS.items():
        if name.startswith("logging_"):
            for terraform, ours in LOGGING_FIELDS.items():
                assert terraform not in kind.model.model_fields
                assert ours in kind.model.model_fields, name
