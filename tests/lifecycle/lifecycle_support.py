"""What the lifecycle tests share: a spec repository, `fastlysync` in-process against the
emulator, and the official Fastly CLI pointed at the same emulator to confirm live state."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from fastlysync.cli.main import cli

ROOT = Path(__file__).resolve().parents[2]
FASTLY_CLI = ROOT / ".tools/fastly-cli/node_modules/@fastly/cli-linux-x64/fastly"

SPEC = """\
name: {name}
domains:
  - name: {name}.example.com
backends:
  - name: origin
    address: {address}
dictionaries:
  - name: flags
    items:
      beta: "{beta}"
"""


def write_spec(root: Path, *, name: str = "shop", address: str = "a.example.com",
               beta: str = "off", extra: str = "") -> Path:
    (root / "services").mkdir(parents=True, exist_ok=True)
    path = root / "services" / f"{name}.yaml"
    path.write_text(SPEC.format(name=name, address=address, beta=beta) + extra)
    return path


def run(emulator: Any, *args: str) -> Result:
    env = {"FASTLY_API_ENDPOINT": emulator.url, "FASTLY_API_TOKEN": emulator.token}
    return CliRunner().invoke(cli, list(args), env=env, catch_exceptions=False)


class FastlyCli:
    """The official `fastly` binary, as tests/conformance/test_fastly_cli.py runs it."""

    def __init__(self, emulator: Any, home: Path) -> None:
        binary = os.environ.get("FASTLY_CLI_BIN") or str(FASTLY_CLI)
        if not Path(binary).exists():
            if os.environ.get("CI"):
                pytest.fail("Fastly CLI not installed: run .ci/install-fastly-cli.sh")
            pytest.skip("Fastly CLI not installed: run .ci/install-fastly-cli.sh")
        self.binary = binary
        self.env = {**emulator.env(), "HOME": str(home), "XDG_CONFIG_HOME": str(home / ".cfg")}
        self.env.pop("FASTLY_DEBUG_MODE", None)

    def run(self, *args: str) -> str:
        done = subprocess.run([self.binary, *args], env=self.env, capture_output=True,
                              text=True, timeout=120, check=False)
        assert done.returncode == 0, f"fastly {' '.join(args)}\n{done.stderr}"
        return done.stdout

    def json(self, *args: str) -> Any:
        return json.loads(self.run(*args, "--json"))

    def versions(self, service_id: str) -> dict[int, dict[str, Any]]:
        rows = self.json("service", "version", "list", "--service-id", service_id)
        return {int(row["Number"]): row for row in rows}

    def services(self) -> dict[str, str]:
        """Name -> id of every (undeleted) service."""
        return {row["Name"]: row["ServiceID"] for row in self.json("service", "list") or []}

    def dictionary_items(self, service_id: str, version: int, name: str) -> dict[str, str]:
        info = self.json("service", "dictionary", "describe", "--service-id", service_id,
                         "--version", str(version), "--name", name)
        rows = self.json("service", "dictionary-entry", "list", "--service-id", service_id,
                         "--dictionary-id", info["DictionaryID"])
        return {row["ItemKey"]: row["ItemValue"] for row in rows}
