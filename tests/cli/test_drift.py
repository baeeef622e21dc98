"""`fastlysync drift` against the emulator: exit codes, formats, ignore file, and bad input
(an unknown service, a revoked token, a server answering 500) reported per service while the
other services are still checked."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from cli_support import invoke, write_repo
from click.testing import CliRunner

from fastlysync.cli.main import cli

SPECS = {
    name: (f"name: {name}\ndomains:\n  - name: {name}.example.com\n"
           f"backends:\n  - name: origin\n    address: {name}-origin.example.com\n"
           "    port: 443\n")
    for name in ("alpha", "beta", "gamma")
}


def repo(root: Path, extra: dict[str, str] | None = None) -> Path:
    return write_repo(root, {**{f"services/{n}.yaml": t for n, t in SPECS.items()},
                             **(extra or {})})


@pytest.fixture
def applied(emulator: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = repo(tmp_path)
    monkeypatch.chdir(root)
    result = invoke(emulator, "apply", "--auto-approve")
    assert result.exit_code == 0, result.stderr
    return root


def service_id(emulator: Any, name: str) -> str:
    return str(emulator.client().get("/service/search", params={"name": name}).json()["id"])


def change_port(emulator: Any, name: str, port: int) -> None:
    http, sid = emulator.client(), service_id(emulator, name)
    active = next(v["number"] for v in http.get(f"/service/{sid}").json()["versions"]
                  if v["active"])
    draft = http.put(f"/service/{sid}/version/{active}/clone").json()["number"]
    http.put(f"/service/{sid}/version/{draft}/backend/origin", data={"port": str(port)})
    http.put(f"/service/{sid}/version/{draft}/activate").raise_for_status()


def test_no_drift_exits_0(emulator: Any, applied: Path) -> None:
    result = invoke(emulator, "drift")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines()[-1] == "No drift. 3 service(s) match git."


def test_drift_exits_2_and_names_object_and_field(emulator: Any, applied: Path) -> None:
    change_port(emulator, "beta", 8443)
    result = invoke(emulator, "drift", "--out", "report.json", "--out", "report.md")
    assert result.exit_code == 2, result.stderr
    assert "    ~ backend origin.port: 443 -> 8443" in result.stdout
    assert result.stdout.splitlines()[-1] == "Drift: 1 changed, 1 version in 1 of 3 service(s)."
    data = json.loads((applied / "report.json").read_text())
    [beta] = [s for s in data["services"] if s["name"] == "beta"]
    assert [(i["category"], i["kind"], i["name"], i["field"], i["spec"], i["live"])
            for i in beta["items"]] == [("changed", "backend", "origin", "port", 443, 8443),
                                        ("version", "version", "2", None, None, None)]
    assert "| changed | backend origin | port | 443 | 8443 |" in \
        (applied / "report.md").read_text()


def test_formats_json_and_markdown(emulator: Any, applied: Path) -> None:
    change_port(emulator, "alpha", 8080)
    as_json = invoke(emulator, "drift", "alpha", "--format", "json")
    assert as_json.exit_code == 2
    assert json.loads(as_json.stdout)["summary"]["changed"] == 1
    as_markdown = invoke(emulator, "drift", "--format", "markdown")
    assert as_markdown.stdout.startswith("## fastlysync drift\n")


def test_ignore_file_in_the_repo_is_honoured(emulator: Any, applied: Path) -> None:
    change_port(emulator, "gamma", 8443)
    (applied / "drift-ignore.yaml").write_text(
        "ignore:\n  - service: gamma\n    kind: backend\n    field: port\n"
        "  - service: gamma\n    category: version\n")
    result = invoke(emulator, "drift")
    assert result.exit_code == 0, result.stdout
    assert "2 item(s) ignored by rules" in result.stdout
    assert invoke(emulator, "drift", "--no-ignore").exit_code == 2


def test_bad_ignore_file_is_one_located_line(emulator: Any, applied: Path) -> None:
    (applied / "drift-ignore.yaml").write_text("ignore:\n  - kind: backnd\n")
    result = invoke(emulator, "drift")
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"{applied / 'drift-ignore.yaml'}:2:11: kind 'backnd' matches no kind "
        "(did you mean 'backend'?)"]


def test_unknown_service_is_reported_and_the_others_checked(emulator: Any, applied: Path
                                                            ) -> None:
    (applied / "services" / "delta.yaml").write_text(
        "name: delta\ndomains:\n  - name: delta.example.com\n")
    change_port(emulator, "alpha", 8443)
    result = invoke(emulator, "drift")
    assert result.exit_code == 1
    assert ("fastlysync: service delta (services/delta.yaml): no live service named 'delta' "
            "(apply creates it; drift checks services that exist)") in result.stderr
    assert "~ backend origin.port: 443 -> 8443" in result.stdout  # alpha still checked
    missing_arg = invoke(emulator, "drift", "nosuch", "beta")
    assert missing_arg.exit_code == 1
    assert "fastlysync: no spec for service 'nosuch'" in missing_arg.stderr
    assert "service beta" in missing_arg.stdout


def test_revoked_token_is_one_clear_line_per_service(emulator: Any, applied: Path) -> None:
    result = invoke(emulator, "drift", token="revoked-token-0123456789")
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert len(lines) == 3
    for name, line in zip(sorted(SPECS), lines, strict=True):
        assert line.startswith(f"fastlysync: service {name} (services/{name}.yaml): ")
        assert "401" in line
    assert "revoked-token-0123456789" not in result.output
    assert "Traceback" not in result.output


def test_server_errors_fail_one_service_not_the_others(emulator: Any, applied: Path) -> None:
    broken = service_id(emulator, "beta")
    emulator.admin.add_fault(path=f"^/service/{broken}/details", p500=1.0)
    change_port(emulator, "gamma", 8443)
    result = invoke(emulator, "drift")
    assert result.exit_code == 1
    [line] = result.stderr.splitlines()
    assert line.startswith("fastlysync: service beta (services/beta.yaml): GET "
                           f"/service/{broken}/details: 500")
    assert "gave up after" in line
    assert "service alpha" in result.stdout and "~ backend origin.port: 443 -> 8443" in \
        result.stdout


def test_no_token_is_an_error(emulator: Any, applied: Path) -> None:
    result = CliRunner().invoke(cli, ["drift"], env={"FASTLY_API_TOKEN": ""},
                                catch_exceptions=False)
    assert result.exit_code == 1
    assert result.stderr == "fastlysync: no API token: set FASTLY_API_TOKEN or pass --token-file\n"


SECRET_SPEC = """name: keyed
domains:
  - name: keyed.example.com
backends:
  - name: origin
    address: keyed-origin.example.com
snippets:
  - name: auth
    type: recv
    content: |
      set req.http.X-Key = "${env:KEYED_SECRET}";
"""


def test_text_holding_a_secret_drifts_as_a_masked_diff(emulator: Any, tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    """As plan shows it: the diff, with the secret masked where it sits (text and json)."""
    secret = "KeyedSecretValue42"
    monkeypatch.chdir(write_repo(tmp_path, {"services/keyed.yaml": SECRET_SPEC}))
    env = {"KEYED_SECRET": secret}
    assert invoke(emulator, "apply", "--auto-approve", env=env).exit_code == 0
    http, sid = emulator.client(), service_id(emulator, "keyed")
    active = next(v["number"] for v in http.get(f"/service/{sid}").json()["versions"]
                  if v["active"])
    draft = http.put(f"/service/{sid}/version/{active}/clone").json()["number"]
    content = f'set req.http.X-Key = "{secret}";\nset req.http.X-Extra = "1";\n'
    http.put(f"/service/{sid}/version/{draft}/snippet/auth",
             data={"content": content}).raise_for_status()
    http.put(f"/service/{sid}/version/{draft}/activate").raise_for_status()

    text = invoke(emulator, "drift", env=env)
    assert text.exit_code == 2, text.stderr
    assert "    ~ snippet auth.content:" in text.stdout
    assert '         set req.http.X-Key = "********";' in text.stdout
    assert '        +set req.http.X-Extra = "1";' in text.stdout
    assert "(sensitive)" not in text.stdout

    as_json = invoke(emulator, "drift", "--format", "json", env=env)
    [item] = [i for i in json.loads(as_json.stdout)["services"][0]["items"]
              if i["category"] == "changed"]
    assert (item["kind"], item["field"], item["sensitive"]) == ("snippet", "content", True)
    assert '+set req.http.X-Extra = "1";' in item["diff"]
    assert ' set req.http.X-Key = "********";' in item["diff"]
    assert secret not in text.stdout + as_json.stdout
