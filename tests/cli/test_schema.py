"""`fastlysync schema`: a JSON Schema an editor can use for spec files."""

from __future__ import annotations

import json

from click.testing import CliRunner

from fastlysync.cli.main import cli
from fastlysync.kinds import KINDS


def test_schema_command() -> None:
    result = CliRunner().invoke(cli, ["schema"])
    assert result.exit_code == 0
    schema = json.loads(result.stdout)
    assert schema["$schema"] == "http://json-schema.org/draft-07/schema#"
    assert schema["required"] == ["name"]
    service_keys = {"name", "id", "comment", "retire", "environments", "ignore_changes"}
    assert {k.spec_key for k in KINDS.values()} | service_keys == set(schema["properties"])
    backend = schema["definitions"]["Backend"]["properties"]["port"]
    assert backend["default"] == 80 and "API default: 80" in backend["description"]
    assert "ServiceOverride" in schema["definitions"]
