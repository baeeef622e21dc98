"""The coverage script's mapping stays honest: every Terraform block maps to a kind, and every
attribute it says a spec deliberately cannot express really is not expressible."""

from __future__ import annotations

import json
import sys
from pathlib import Path

TOOLS = Path(__file__).resolve().parents[2] / "tools"
sys.path.insert(0, str(TOOLS))

import pytest  # noqa: E402
import terraform_coverage as coverage  # noqa: E402

from fastlysync.kinds import KINDS  # noqa: E402
from fastlysync.spec import terraform  # noqa: E402

FACTS = json.loads((TOOLS / "terraform_vcl_schema.json").read_text(encoding="utf-8"))


def test_every_block_kind_maps_to_a_kind() -> None:
    blocks = FACTS["blocks"]
    assert len(blocks) == 46
    unmapped = [b for b in blocks if coverage.kind_for(b) is None]
    assert unmapped == []
    assert coverage.kind_for("dynamicsnippet") is KINDS["snippet"]
    assert coverage.kind_for("dictionary") is KINDS["dictionary"]


def test_names_come_from_the_one_map_the_loader_hints_with(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """A rename added to spec/terraform.py is one the coverage count sees, and the service
    arguments without a spec key are explained by the hints' reasons."""
    monkeypatch.setitem(terraform.FIELDS, "backend", {"tf_port": "port"})
    assert coverage.field_for("backend", "tf_port") == ("backend", "port")
    monkeypatch.setitem(terraform.BLOCKS, "tf_origin", "backends")
    assert coverage.kind_for("tf_origin") is KINDS["backend"]
    service = {a for a, info in FACTS["service"].items() if not info.get("computed")}
    unsaid = {a for a in service if not coverage.service_field(a)}
    assert unsaid and unsaid <= set(terraform.NOT_NEEDED)


def test_deleting_a_service_is_retire_not_out_of_scope() -> None:
    assert "`retire: true`" in terraform.NOT_NEEDED["force_destroy"]
    assert "not fastlysync's job" not in terraform.NOT_NEEDED["force_destroy"]


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
