"""What the end-to-end benches share: `fastlysync emulator` in its own process, and running
`fastlysync` against it in a fresh process (so the timings include process start).

The bench scripts are run as `python bench/<name>.py`, which puts this folder on sys.path.
"""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
import time
from pathlib import Path


def start_emulator(token: str, rate_limit: int) -> tuple[subprocess.Popen[str], str]:
    """The emulator on a free port, and its base URL (read from its first line). Its admin
    token is put in this process's environment, where `AdminClient` finds it."""
    os.environ.setdefault("FASTLYSYNC_EMULATOR_ADMIN_TOKEN", "bench-" + secrets.token_hex(16))
    proc = subprocess.Popen(
        [sys.executable, "-m", "fastlysync", "emulator", "--port", "0", "--token", token,
         "--rate-limit", str(rate_limit), "--no-access-log"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert proc.stdout is not None
    line = proc.stdout.readline()
    if "listening on" not in line:
        proc.kill()
        errors = proc.stderr.read() if proc.stderr else ""
        raise SystemExit(f"emulator did not start: {line}{errors}")
    return proc, line.rsplit(" ", 1)[1].strip()


def stop_emulator(proc: subprocess.Popen[str]) -> None:
    proc.terminate()
    proc.wait(timeout=10)


def run_fastlysync(root: Path, url: str, token: str, *args: str,
                   timeout: float | None = None) -> tuple[subprocess.CompletedProcess[str], float]:
    """`fastlysync *args` in `root` against the emulator at `url`: the result and wall time."""
    env = {**os.environ, "FASTLY_API_ENDPOINT": url, "FASTLY_API_TOKEN": token}
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "fastlysync", *args], cwd=root, env=env,
                          capture_output=True, text=True, check=False, timeout=timeout)
    return done, time.perf_counter() - started


def create_services(root: Path, url: str, token: str, specs: dict[str, str]) -> None:
    """A bench's setup: write `specs` (service name -> YAML) under `root`/services and create
    them all with one `fastlysync apply`; exits on failure."""
    (root / "services").mkdir(exist_ok=True)
    for name, text in specs.items():
        (root / "services" / f"{name}.yaml").write_text(text)
    done, took = run_fastlysync(root, url, token, "apply", "--auto-approve")
    if done.returncode != 0:
        out = done.stdout + done.stderr
        raise SystemExit(f"setup apply failed ({done.returncode}):\n{out[-2000:]}")
    print(f"setup: created {len(specs)} services in {took:.1f} s")
