"""The official Fastly CLI (npm @fastly/cli) against the emulator, over real HTTP.

The binary comes from FASTLY_CLI_BIN or `.tools/fastly-cli` (installed by
`.ci/install-fastly-cli.sh`). Without it these tests fail under CI and skip locally.
"""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
CANDIDATES = [
    ROOT / ".tools/fastly-cli/node_modules/@fastly/cli-linux-x64/fastly",
    ROOT / ".tools/fastly-cli/node_modules/.bin/fastly",
]
MAIN_VCL = "sub vcl_recv {\n#FASTLY recv\n  set req.http.X-Cli = \"1\";\n}\n"


def _binary() -> str:
    explicit = os.environ.get("FASTLY_CLI_BIN")
    if explicit:
        return explicit
    for candidate in CANDIDATES:
        if candidate.exists():
            return str(candidate)
    message = "Fastly CLI not installed: run .ci/install-fastly-cli.sh or set FASTLY_CLI_BIN"
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)


class Cli:
    def __init__(self, binary: str, emulator: Any, home: Path) -> None:
        self.binary = binary
        self.env = {**emulator.env(), "HOME": str(home), "XDG_CONFIG_HOME": str(home / ".cfg")}
        self.env.pop("FASTLY_DEBUG_MODE", None)
        # The CLI checks developer.fastly.com for a newer release on every run; a dead
        # loopback proxy keeps that request on this machine (loopback is never proxied).
        for proxy in ("HTTPS_PROXY", "https_proxy", "HTTP_PROXY", "http_proxy", "ALL_PROXY"):
            self.env.pop(proxy, None)
        self.env["HTTPS_PROXY"] = "http://127.0.0.1:9"

    def run(self, *args: str, ok: bool = True) -> subprocess.CompletedProcess[str]:
        result = subprocess.run([self.binary, *args], env=self.env, capture_output=True,
                                text=True, timeout=120)
        if ok:
            assert result.returncode == 0, f"fastly {' '.join(args)}\n{result.stderr}"
        return result

    def json(self, *args: str) -> Any:
        return json.loads(self.run(*args, "--json").stdout)


@pytest.fixture
def cli(emulator: Any, tmp_path: Path) -> Cli:
    return Cli(_binary(), emulator, tmp_path)


def _service_id(emulator: Any, name: str) -> str:
    return str(emulator.client().get("/service/search", params={"name": name}).json()["id"])


def test_create_clone_configure_activate(cli: Cli, emulator: Any, tmp_path: Path) -> None:
    cli.run("service", "create", "--name", "cli-svc", "--type", "vcl")
    sid = _service_id(emulator, "cli-svc")
    cli.run("service", "version", "clone", "--service-id", sid, "--version", "1")
    cli.run("service", "backend", "create", "--service-id", sid, "--version", "2",
            "--name", "origin", "--address", "127.0.0.1", "--port", "8080")
    cli.run("service", "domain", "create", "--service-id", sid, "--version", "2",
            "--name", "www.example.com")
    vcl = tmp_path / "main.vcl"
    vcl.write_text(MAIN_VCL)
    cli.run("service", "vcl", "custom", "create", "--service-id", sid, "--version", "2",
            "--name", "main", "--content", str(vcl), "--main")
    cli.run("service", "version", "activate", "--service-id", sid, "--version", "2")

    refused = cli.run("service", "backend", "create", "--service-id", sid, "--version",
                      "active", "--name", "b2", "--address", "127.0.0.2", ok=False)
    assert refused.returncode != 0 and "autoclone" in refused.stderr
    cli.run("service", "backend", "create", "--service-id", sid, "--version", "active",
            "--autoclone", "--name", "b2", "--address", "127.0.0.2")

    backends = cli.json("service", "backend", "list", "--service-id", sid, "--version", "3")
    assert sorted(b["Name"] for b in backends) == ["b2", "origin"]
    details = emulator.client().get(f"/service/{sid}/details").json()
    assert details["active_version"]["number"] == 2
    assert [v["name"] for v in details["active_version"]["vcls"]] == ["main"]
    requests = emulator.admin.requests()
    assert requests["PUT clone"] == 2 and requests["PUT activate"] == 1
    assert requests["GET oidc"] >= 1


def test_activation_error_is_reported(cli: Cli, emulator: Any, tmp_path: Path) -> None:
    cli.run("service", "create", "--name", "broken")
    sid = _service_id(emulator, "broken")
    vcl = tmp_path / "bad.vcl"
    vcl.write_text("sub vcl_recv {\n  set req.http.X = ;\n}\n")
    cli.run("service", "vcl", "custom", "create", "--service-id", sid, "--version", "1",
            "--name", "main", "--content", str(vcl), "--main")
    result = cli.run("service", "version", "activate", "--service-id", sid, "--version", "1",
                     ok=False)
    assert result.returncode != 0
    assert "400" in result.stderr and "Syntax error" in result.stderr
    assert "Line 2" in result.stderr


def test_batch_dictionary_and_acl_entries(cli: Cli, emulator: Any, tmp_path: Path) -> None:
    cli.run("service", "create", "--name", "data")
    sid = _service_id(emulator, "data")
    cli.run("service", "dictionary", "create", "--service-id", sid, "--version", "1",
            "--name", "redirects")
    cli.run("service", "acl", "create", "--service-id", sid, "--version", "1",
            "--name", "blocked")
    cli.run("service", "version", "activate", "--service-id", sid, "--version", "1")
    client = emulator.client()
    dictionary = client.get(f"/service/{sid}/version/1/dictionary/redirects").json()["id"]
    acl = client.get(f"/service/{sid}/version/1/acl/blocked").json()["id"]

    batch = tmp_path / "items.json"
    batch.write_text(json.dumps({"items": [
        {"op": "upsert", "item_key": "/a", "item_value": "/b"},
        {"op": "create", "item_key": "/gone", "item_value": "/"}]}))
    cli.run("service", "dictionary-entry", "update", "--service-id", sid,
            "--dictionary-id", dictionary, "--file", str(batch))
    batch.write_text(json.dumps({"items": [
        {"op": "delete", "item_key": "/gone", "item_value": None}]}))
    cli.run("service", "dictionary-entry", "update", "--service-id", sid,
            "--dictionary-id", dictionary, "--file", str(batch))
    items = cli.json("service", "dictionary-entry", "list", "--service-id", sid,
                     "--dictionary-id", dictionary)
    assert [(i["ItemKey"], i["ItemValue"]) for i in items] == [("/a", "/b")]

    entries = tmp_path / "entries.json"
    entries.write_text(json.dumps({"entries": [
        {"op": "create", "ip": "192.0.2.0", "subnet": 24, "negated": "0", "comment": "net"},
        {"op": "create", "ip": "198.51.100.7", "subnet": 32, "negated": "1"}]}))
    cli.run("service", "acl-entry", "update", "--service-id", sid, "--acl-id", acl,
            "--file", str(entries))
    listed = cli.json("service", "acl-entry", "list", "--service-id", sid, "--acl-id", acl)
    assert sorted((e["IP"], e["Subnet"], e["Negated"]) for e in listed) == \
        [("192.0.2.0", 24, False), ("198.51.100.7", 32, True)]


def test_dynamic_snippet_update(cli: Cli, emulator: Any) -> None:
    cli.run("service", "create", "--name", "snips")
    sid = _service_id(emulator, "snips")
    cli.run("service", "vcl", "snippet", "create", "--service-id", sid, "--version", "1",
            "--name", "dyn", "--type", "recv", "--priority", "110", "--dynamic",
            "--content", 'set req.http.X-Dyn = "1";')
    cli.run("service", "version", "activate", "--service-id", sid, "--version", "1")
    snippet = emulator.client().get(f"/service/{sid}/version/1/snippet/dyn").json()
    assert snippet["dynamic"] == "1" and snippet["priority"] == "110"
    cli.run("service", "vcl", "snippet", "update", "--service-id", sid, "--version", "1",
            "--dynamic", "--snippet-id", snippet["id"], "--content", 'set req.http.X-Dyn = "2";')
    described = cli.json("service", "vcl", "snippet", "describe", "--service-id", sid,
                         "--version", "1", "--dynamic", "--snippet-id", snippet["id"])
    assert described["Content"] == 'set req.http.X-Dyn = "2";'


def test_service_list_pages_past_one_hundred(cli: Cli, emulator: Any) -> None:
    client = emulator.client()
    for i in range(130):
        client.post("/service", data={"name": f"bulk-{i:03d}"})
    listed = cli.json("service", "list")
    assert len(listed) == 130 and len({s["ServiceID"] for s in listed}) == 130
    pages = emulator.admin.requests()["GET service list"]
    assert pages == 2


def test_rate_limit_is_reported(cli: Cli, emulator: Any) -> None:
    emulator.admin.set_rate_limit(1)
    cli.run("service", "create", "--name", "first")
    result = cli.run("service", "create", "--name", "second", ok=False)
    assert result.returncode != 0
    assert "429" in result.stderr and "hourly rate limit" in result.stderr
    names = [s["Name"] for s in cli.json("service", "list")]
    assert names == ["first"]
