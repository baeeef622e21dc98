"""The JSON Schema of a spec file, for editors (yaml-language-server) and other tools.

It is the Service model's schema plus `environments`, whose overrides use relaxed copies of the
same definitions: nothing is required but an object's `name`, any value may be `null` (reset to
the default) and objects of a kind's list may say `_remove: true`. Draft-07 with `definitions`,
which every YAML editor plugin understands.
"""

from __future__ import annotations

import copy
from typing import Any

from ..kinds import KINDS
from .environments import ENV_NAME, ENVIRONMENTS_KEY, REMOVE_KEY
from .model import Service

DRAFT = "http://json-schema.org/draft-07/schema#"
_REF = "#/definitions/"
_OVERRIDE = "Override"


def _relaxed(definition: dict[str, Any], named: bool) -> dict[str, Any]:
    out = copy.deepcopy(definition)
    out["title"] = f"{definition.get('title', '')} override".strip()
    out["required"] = ["name"] if named and "name" in out.get("properties", {}) else []
    if not out["required"]:
        out.pop("required")
    properties = out.setdefault("properties", {})
    for key, prop in list(properties.items()):
        if key == "name":
            continue
        properties[key] = {"anyOf": [_without_meta(prop), {"type": "null"}],
                           **{k: v for k, v in prop.items() if k in ("description", "title")}}
    if named:
        properties[REMOVE_KEY] = {"type": "boolean", "description":
                                  "Remove the base's object of this name in this environment."}
    return out


def _without_meta(prop: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in prop.items() if k not in ("title", "default", "description")}


def _to_override_ref(prop: dict[str, Any]) -> dict[str, Any]:
    """A top-level property of the service, pointed at the relaxed definitions."""
    out = copy.deepcopy(prop)
    target = out.get("items", out)
    ref = target.get("$ref")
    if isinstance(ref, str) and ref.startswith(_REF):
        target["$ref"] = ref + _OVERRIDE
    return {"anyOf": [out, {"type": "null"}], **{k: v for k, v in prop.items()
                                                 if k in ("description", "title")}}


def _loosen_dictionary_values(node: Any) -> None:
    """YAML writes `ttl: 300` unquoted; the loader takes its text, so the schema allows it."""
    if isinstance(node, dict):
        extra = node.get("additionalProperties")
        if isinstance(extra, dict) and extra.get("type") == "string":
            node["additionalProperties"] = {**extra, "type": ["string", "number", "boolean"]}
        for value in node.values():
            _loosen_dictionary_values(value)
    elif isinstance(node, list):
        for value in node:
            _loosen_dictionary_values(value)


def spec_schema() -> dict[str, Any]:
    base = Service.model_json_schema(ref_template=_REF + "{model}")
    definitions: dict[str, Any] = base.pop("$defs", {})
    for kind in KINDS.values():
        title = kind.model.__name__
        if title in definitions:
            definitions[title + _OVERRIDE] = _relaxed(definitions[title],
                                                      named=not kind.singleton)
    override = {
        "type": "object",
        "title": "Environment overrides",
        "description": "Fields of the service to change in this environment (usually `name`, "
                       "and `id` when binding to an existing service).",
        "additionalProperties": False,
        "properties": {key: (_to_override_ref(prop) if key not in ("name", "id", "comment")
                             else {"anyOf": [_without_meta(prop), {"type": "null"}]})
                       for key, prop in base["properties"].items()},
    }
    definitions["ServiceOverride"] = override
    schema: dict[str, Any] = {
        "$schema": DRAFT,
        "title": "fastlysync service spec",
        "description": "One Fastly VCL service, or several (one per environment).",
        **{k: v for k, v in base.items() if k not in ("title", "$schema")},
    }
    schema["properties"] = {**base["properties"], ENVIRONMENTS_KEY: {
        "type": "object",
        "description": "One service per environment: each overrides the fields above. Lists of "
                       "named objects merge by name; mappings merge key by key; null resets a "
                       "field to its default; `_remove: true` drops a named object.",
        "minProperties": 1,
        "propertyNames": {"pattern": ENV_NAME.pattern},
        "additionalProperties": {"$ref": _REF + "ServiceOverride"},
    }}
    schema["definitions"] = definitions
    _loosen_dictionary_values(schema)
    return schema
