"""Real processes for the CLI tests that need them: an emulator subprocess (with its own
fault settings, e.g. injected latency) and `fastlysync` run as a subprocess."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

import httpx

TOKEN = "proc-support-token"


@contextmanager
def spawned_emulator(tmp: Path, *args: str) -> Iterator[str]:
    """An emulator subprocess on a free loopback port; yields its URL (token: TOKEN)."""
    tokens = tmp / "emulator-tokens"
    tokens.write_text(TOKEN + "\n")
    proc = subprocess.Popen([sys.executable, "-m", "fastlysync", "emulator", "--port", "0",
                             "--token-file", str(tokens), *args],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert proc.stdout is not None
        line = proc.stdout.readline()
        assert "listening on" in line, line + (proc.stderr.read() if proc.stderr else "")
        yield line.rsplit(" ", 1)[1].strip()
    finally:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def api(url: str) -> httpx.Client:
    return httpx.Client(base_url=url, headers={"Fastly-Key": TOKEN}, timeout=30)


def cli_env(url: str, extra: Mapping[str, str] | None = None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items()
           if k not in ("NO_COLOR", "FORCE_COLOR", "FASTLY_API_TOKEN", "FASTLY_API_ENDPOINT")}
    env.update({"FASTLY_API_ENDPOINT": url, "FASTLY_API_TOKEN": TOKEN, **(extra or {})})
    return env


def fastlysync(*args: str) -> list[str]:
    """argv that runs this checkout's `fastlysync`."""
    return [sys.executable, "-m", "fastlysync", *args]
