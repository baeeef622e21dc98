"""How much of Terraform's `fastly_service_vcl` a spec can say.

Reads the provider's schema facts collected in `terraform_vcl_schema.json` (block kinds and
their settable attributes, nested ones as `block.attr`) and checks each against the kind
registry: a block maps to a kind, an attribute to a field of its model. What does not map is
either listed in WHY_NOT with the reason (the README's "Terraform coverage" section) or
reported as missing, and then the script exits 1. Terraform's names (blocks, renamed fields,
service arguments with no spec key) are spec/terraform.py's, the map the loader's hints use.

    python tools/terraform_coverage.py [--markdown]
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import get_args

from pydantic import BaseModel

from fastlysync.kinds import KINDS, Kind
from fastlysync.spec.model import ServiceBase
from fastlysync.spec.terraform import BLOCKS, NOT_NEEDED, SETTINGS, spec_field

FACTS = Path(__file__).with_name("terraform_vcl_schema.json")

WHY_NOT = {
    "acl.force_destroy": "Terraform-only switch that lets it delete a non-empty ACL; apply "
                         "deletes a container with its entries, behind its mass-delete check",
    "dictionary.force_destroy": "Terraform-only switch that lets it delete a non-empty "
                                "dictionary; same as acl.force_destroy",
    "product_enablement.name": "Terraform's internal key for a one-per-service block",
    "image_optimizer_default_settings.name": "Terraform's internal key for a "
                                             "one-per-service block",
}
"""Attributes a spec deliberately cannot say, and why."""

SERVICE_FIELDS = {"name": "name", "comment": "comment", "http3": "http3",
                  **{setting: f"settings.{setting}" for setting in SETTINGS}}
"""Terraform's service arguments that a spec says (the settings as spec/terraform.py maps
them); why the others have no spec key is spec/terraform.py's NOT_NEEDED."""


def kind_for(block: str) -> Kind | None:
    """The kind a Terraform block is (spec/terraform.py maps the block names that differ)."""
    spec_key = BLOCKS.get(block)
    if spec_key is None:
        return KINDS.get(block)
    return next((k for k in KINDS.values() if k.spec_key == spec_key), None)


def field_for(block: str, attribute: str) -> tuple[str, str] | None:
    """(kind name, field) that expresses `block.attribute`, or None.

    A nested Terraform attribute `outer.inner` is a field of the nested model (a rate
    limiter's `response.status`) or a flat field: `outer` for `outer.enabled`, else
    `outer_inner` (product enablement's `ddos_protection_mode`)."""
    kind = kind_for(block)
    if kind is None:
        return None
    fields = kind.model.model_fields
    name = spec_field(kind.name, attribute) or attribute
    outer, _, inner = name.partition(".")
    if not inner:
        return (kind.name, name) if name in fields else None
    nested = _model_of(fields[outer].annotation) if outer in fields else None
    if nested is not None and inner in nested.model_fields:
        return kind.name, name
    flat = outer if inner == "enabled" else f"{outer}_{inner}"
    return (kind.name, flat) if flat in fields else None


def _model_of(annotation: object) -> type[BaseModel] | None:
    for candidate in (annotation, *get_args(annotation)):
        if isinstance(candidate, type) and issubclass(candidate, BaseModel):
            return candidate
    return None


def service_field(name: str) -> bool:
    target = SERVICE_FIELDS.get(name)
    if target is None:
        return False
    head, _, tail = target.partition(".")
    if not tail:
        return head in ServiceBase.model_fields or head in {k.spec_key for k in KINDS.values()}
    kind = next((k for k in KINDS.values() if k.spec_key == head), None)
    return kind is not None and tail in kind.model.model_fields


def main(argv: list[str]) -> int:
    facts = json.loads(FACTS.read_text(encoding="utf-8"))
    blocks: dict[str, dict[str, dict[str, object]]] = facts["blocks"]
    total = covered = explained = 0
    kinds_ok = 0
    missing: list[str] = []
    reasons: list[tuple[str, str]] = []
    for block, attributes in sorted(blocks.items()):
        settable = [a for a, info in attributes.items() if not info.get("computed")]
        if kind_for(block) is not None:
            kinds_ok += 1
        for attribute in sorted(settable):
            total += 1
            key = f"{block}.{attribute}"
            if field_for(block, attribute) is not None:
                covered += 1
            elif key in WHY_NOT:
                explained += 1
                reasons.append((key, WHY_NOT[key]))
            else:
                missing.append(key)
    print(f"terraform fastly_service_vcl @ {facts['commit'][:12]}: {len(blocks)} block kinds, "
          f"{total} settable attributes")
    print(f"block kinds a spec can say: {kinds_ok} of {len(blocks)}")
    print(f"attributes a spec can say: {covered} of {total}; {explained} deliberately not "
          f"(reasons below); {len(missing)} missing")
    service = {a: i for a, i in facts["service"].items() if not i.get("computed")}
    said = [a for a in service if service_field(a)]
    print(f"service-level arguments: {len(said)} of {len(service)} in the spec; the rest are "
          "command-line choices (below)")
    if "--markdown" in argv:
        print("\n| Terraform attribute | why a spec does not say it |\n|---|---|")
        for key, why in reasons:
            print(f"| `{key}` | {why} |")
        for name in sorted(service):
            if name not in said:
                print(f"| `{name}` (service) | {NOT_NEEDED.get(name, 'not yet')} |")
    for key in missing:
        print(f"missing: {key}")
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
