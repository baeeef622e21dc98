"""A URL with a password in it (`https://user:password@host/`, as HTTPS and Elasticsearch
logging endpoints are often given) is a credential in a field no kind marks sensitive: import
wrote it in clear into the spec meant for git. Its password becomes an `${env:NAME}` like any
sensitive value, the rest of the URL stays, and the import still plans empty."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from click.testing import CliRunner

from fastlysync.cli.main import cli

PASSWORD = "UrlPassw0rd-Leak%2Fx"
URL = f"https://alice:{PASSWORD}@logs.example.com/ingest"


def test_a_password_in_a_url_is_imported_as_a_placeholder(emulator: Any,
                                                          tmp_path: Path) -> None:
    service = emulator.create_service("weblogs")
    http = emulator.client()
    http.post(f"/service/{service['id']}/version/1/domain",
              data={"name": "weblogs.example.com"}).raise_for_status()
    http.post(f"/service/{service['id']}/version/1/logging/https",
              data={"name": "collector", "url": URL, "format": "%h"}).raise_for_status()
    http.put(f"/service/{service['id']}/version/1/activate").raise_for_status()
    env = {"FASTLY_API_ENDPOINT": emulator.url, "FASTLY_API_TOKEN": emulator.token}
    result = CliRunner().invoke(cli, ["import", "weblogs", "--out", str(tmp_path)],
                                env=env, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    spec = (tmp_path / "services" / "weblogs.yaml").read_text()
    assert "Leak" not in spec + result.output
    variable = "WEBLOGS_COLLECTOR_URL_PASSWORD"
    assert f"url: https://alice:${{env:{variable}}}@logs.example.com/ingest" in spec
    assert f"#   {variable}  (logging_https collector.url)" in spec
    replan = CliRunner().invoke(cli, ["plan", "--detailed-exitcode", "--format", "json",
                                      str(tmp_path / "services" / "weblogs.yaml")],
                                env={**env, variable: PASSWORD}, catch_exceptions=False)
    assert replan.exit_code == 0, replan.output
    assert "Leak" not in replan.output
