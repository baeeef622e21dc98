"""examples/demo.sh end to end: the README's story holds (exit 0), and the script notices
when it does not (exit 1, naming the step)."""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DEMO = ROOT / "examples" / "demo.sh"
HEADINGS = ["== 1. Start the Fastly API emulator ==",
            "== 2. Validate the specs and lint the VCL ==",
            "== 3. Apply services/ to the emulator ==",
            "== 4. Plan again: nothing left to change ==",
            "== 5. A colleague edits the live service with the official Fastly CLI ==",
            "== 6. Drift: live no longer matches git (exit 2) ==",
            "== 7. Apply again: git wins ==",
            "== 8. Drift again: none (exit 0) =="]


def fastly_cli() -> str | None:
    """The Fastly CLI binary: $FASTLY_CLI_BIN, else the one .ci/install-fastly-cli.sh puts in
    .tools/ (installed now if npm is there)."""
    given = os.environ.get("FASTLY_CLI_BIN")
    if given:
        return given
    found = sorted(ROOT.glob(".tools/fastly-cli/node_modules/@fastly/cli-*/fastly"))
    if found:
        return str(found[0])
    if shutil.which("npm") is None:
        return None
    done = subprocess.run(["bash", str(ROOT / ".ci" / "install-fastly-cli.sh")],
                          capture_output=True, text=True, timeout=300, check=False)
    return done.stdout.strip() or None if done.returncode == 0 else None


def demo_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("FASTLY_", "SHOP_"))}
    # `python3 -m fastlysync` must import this checkout, as `pip install -e .` arranges.
    env["PATH"] = os.pathsep.join([str(Path(sys.executable).parent), env.get("PATH", "")])
    return {**env, **extra}


def assert_emulator_stopped(output: str) -> None:
    """The trap killed the emulator: its port no longer answers."""
    found = re.search(r"listening on http://127\.0\.0\.1:(\d+)", output)
    assert found, output[:500]
    with socket.socket() as sock, pytest.raises(ConnectionRefusedError):
        sock.connect(("127.0.0.1", int(found.group(1))))


def test_demo_story_holds() -> None:
    binary = fastly_cli()
    if binary is None:
        pytest.skip("the Fastly CLI is not installed and npm is not available")
    done = subprocess.run(["bash", str(DEMO)], cwd=ROOT, capture_output=True, text=True,
                          timeout=300, env=demo_env(FASTLY_CLI_BIN=binary), check=False)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-2000:]
    positions = [done.stdout.find(heading) for heading in HEADINGS]
    assert all(p >= 0 for p in positions) and positions == sorted(positions), done.stdout
    assert "~ backend origin.port: 443 -> 8443" in done.stdout
    assert "The story holds" in done.stdout
    assert_emulator_stopped(done.stdout)


def test_demo_fails_when_the_story_does_not_hold(tmp_path: Path) -> None:
    """A 'Fastly CLI' that changes nothing: drift finds none, so step 6 must fail."""
    fake = tmp_path / "fastly"
    fake.write_text("#!/bin/sh\necho '{\"DictionaryID\": \"none\"}'\nexit 0\n")
    fake.chmod(0o755)
    done = subprocess.run(["bash", str(DEMO)], cwd=ROOT, capture_output=True, text=True,
                          timeout=300, env=demo_env(FASTLY_CLI_BIN=str(fake)), check=False)
    assert done.returncode == 1
    assert "demo FAILED at step 6: 'fastlysync drift' exited 0, expected 2" in done.stderr
    assert "== 7." not in done.stdout
    assert_emulator_stopped(done.stdout)
