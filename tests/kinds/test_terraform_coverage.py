"""The coverage script's mapping stays honest: every Terraform block maps to a kind, and every
attribute it says a spec deliberately cannot express really is not expressible."""

from __future__ import annotations

import json
import sys
from pathlib import Path

TOOLS = Path(__file__).resolve().parents[2] / "tools"
sys.path.insert(0, str(TOOLS))

import terraform_coverage as coverage  # noqa: E402

from fastlysync.kinds import KINDS  # noqa: E402

FACTS = json.loads((TOOLS / "terraform_vcl_schema.json").read_text(encoding="utf-8"))


def test_every_block_kind_maps_to_a_kind() -> None:
    blocks = FACTS["blocks"]
    assert len(blocks) == 46
    unmapped = [b for b in blocks if coverage.BLOCK_KIND.get(b, b) not in KINDS]
    assert unmapped == []


def test_reasons_are_only_given_for_what_is_really_missing() -> None:
    for key in coverage.WHY_NOT:
        block, attribute = key.split(".", 1)
        assert attribute in FACTS["blocks"][block], key
        assert coverage.field_for(block, attribute) is None, key


def test_nested_and_renamed_attributes_map() -> None:
    assert coverage.field_for("rate_limiter", "response.status") == (
        "rate_limiter", "response.status")
    assert coverage.field_for("product_enablement", "ddos_protection.mode") == (
        "product_enablement", "ddos_protection_mode")
    assert coverage.field_for("product_enablement", "ngwaf.enabled") == (
        "product_enablement", "ngwaf")
    assert coverage.field_for("logging_s3", "s3_access_key") == ("logging_s3", "access_key")
    assert coverage.field_for("header", "destination") == ("header", "dst")
    assert coverage.field_for("backend", "no_such_attribute") is None
