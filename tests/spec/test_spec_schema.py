"""The JSON Schema of a spec file, and the copy committed for editors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from fastlysync.kinds import KINDS
from fastlysync.spec.schema import spec_schema

jsonschema = pytest.importorskip("jsonschema")

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def validator() -> object:
    schema = spec_schema()
    jsonschema.Draft7Validator.check_schema(schema)
    return jsonschema.Draft7Validator(schema)


def errors(validator, data: object) -> list[str]:
    return [e.message for e in validator.iter_errors(data)]


def test_every_kind_is_in_the_schema() -> None:
    properties = spec_schema()["properties"]
    assert {k.spec_key for k in KINDS.values()} <= set(properties)
    assert "environments" in properties


def test_examples_match_the_schema(validator) -> None:
    for path in sorted((ROOT / "services").glob("*.yaml")):
        assert errors(validator, yaml.safe_load(path.read_text())) == [], path


def test_schema_rejects_what_the_loader_rejects(validator) -> None:
    assert errors(validator, {"name": "s", "backends": [{"name": "b", "address": "a",
                                                         "prot": 1}]})
    assert errors(validator, {"name": "s", "conditions": [{"name": "c", "type": "NOPE",
                                                           "statement": "x"}]})
    assert errors(validator, {"backends": []})  # name is required


def test_environment_overrides_are_partial(validator) -> None:
    spec = {"name": "s", "backends": [{"name": "b", "address": "a.example.com"}],
            "environments": {"dev": {"name": "s-dev",
                                     "backends": [{"name": "b", "port": 8080},
                                                  {"name": "old", "_remove": True}],
                                     "settings": {"default_ttl": None}}}}
    assert errors(validator, spec) == []
    bad = {"name": "s", "environments": {"dev": {"backends": [{"port": 1}]}}}
    assert errors(validator, bad)  # an override still names its object
    assert errors(validator, {"name": "s", "environments": {"dev": {"nope": 1}}})


def test_dictionary_values_may_be_unquoted(validator) -> None:
    spec = {"name": "s", "dictionaries": [{"name": "d", "items": {"ttl": 300, "on": True}}]}
    assert errors(validator, spec) == []


def test_committed_schema_is_current() -> None:
    committed = ROOT / "services" / "fastlysync.schema.json"
    assert json.loads(committed.read_text()) == spec_schema(), (
        "regenerate with: fastlysync schema > services/fastlysync.schema.json")
