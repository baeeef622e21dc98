"""How much of Terraform's `fastly_service_vcl` a spec can say.

Reads the provider's schema facts collected in `terraform_vcl_schema.json` (block kinds and
their settable attributes, nested ones as `block.attr`) and checks each against the kind
registry: a block maps to a kind, an attribute to a field of its model. What does not map is
either listed in WHY_NOT with the reason (the README's "Terraform coverage" section) or
reported as missing, and then the script exits 1.

    python tools/terraform_coverage.py [--markdown]
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import get_args

from pydantic import BaseModel

from fastlysync.kinds import KINDS
from fastlysync.spec.model import ServiceBase

FACTS = Path(__file__).with_name("terraform_vcl_schema.json")

BLOCK_KIND = {"cache_setting": "cache_settings", "request_setting": "request_settings",
              "dynamicsnippet": "snippet"}
"""Terraform block -> kind name, where they differ (a dynamic snippet is `dynamic: true`)."""

RENAMED = {
    "processing_region": "log_processing_region",
    "header.destination": "dst", "header.source": "src",
    "logging_s3.s3_access_key": "access_key", "logging_s3.s3_secret_key": "secret_key",
    "logging_s3.s3_iam_role": "iam_role",
    "logging_bigquery.email": "user", "logging_bigquery.template": "template_suffix",
}
"""Terraform attribute -> field, where the spec uses the API's name (any block, or
`block.attribute` for one block)."""

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

SERVICE_FIELDS = {"name": "name", "comment": "comment", "default_ttl": "settings.default_ttl",
                  "default_host": "settings.default_host",
                  "stale_if_error": "settings.stale_if_error",
                  "stale_if_error_ttl": "settings.stale_if_error_ttl", "http3": "http3"}
SERVICE_ELSEWHERE = {
    "activate": "`apply --no-activate` (a command-line choice, not service state)",
    "stage": "`apply --stage` / `activate --stage` (a command-line choice)",
    "version_comment": "fastlysync writes the version comment itself: it is the marker "
                       "that tells its versions apart (README, Figures)",
    "force_destroy": "retiring a service is declared in its spec (delete after deactivate)",
    "reuse": "Terraform-only: keep the service when the resource is destroyed",
}


def field_for(block: str, attribute: str) -> tuple[str, str] | None:
    """(kind name, field) that expresses `block.attribute`, or None.

    A nested Terraform attribute `outer.inner` is a field of the nested model (a rate
    limiter's `response.status`) or a flat field: `outer` for `outer.enabled`, else
    `outer_inner` (product enablement's `ddos_protection_mode`)."""
    kind = KINDS.get(BLOCK_KIND.get(block, block))
    if kind is None:
        return None
    fields = kind.model.model_fields
    name = RENAMED.get(f"{block}.{attribute}") or RENAMED.get(attribute) or attribute
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
        if KINDS.get(BLOCK_KIND.get(block, block)) is not None:
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
                print(f"| `{name}` (service) | {SERVICE_ELSEWHERE.get(name, 'not yet')} |")
    for key in missing:
        print(f"missing: {key}")
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
