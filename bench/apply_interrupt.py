"""Ctrl-C during a large apply, on a terminal: is the report exact?

Creates N services in the emulator, edits every spec (one backend change each), injects a
fixed latency on every API request, then runs `fastlysync apply --auto-approve` on a
pseudo-terminal, sends SIGINT after a delay and compares the report's "activated" list with
the services the API shows at version 2. Prints the figures; exits 1 on a mismatch.

Measured (2 shared cores, other jobs running), 200 services, 50 ms per request, SIGINT after
4 s: once: exit 130 0.21 s after the signal, 29 reported activated = 29 at version 2 in the
API; twice: 21 = 21, the in-flight services abandoned.

    python bench/apply_interrupt.py [--services 200] [--latency 0.05] [--after 4] [--presses 1]
"""

from __future__ import annotations

import argparse
import errno
import os
import pty
import re
import select
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx
from emulator_process import create_services, start_emulator, stop_emulator

from fastlysync.emulator.admin import AdminClient

TOKEN = "bench-token"
SPEC = ("name: {name}\ndomains:\n  - name: {name}.example.com\nbackends:\n  - name: origin\n"
        "    address: {address}\n")


def on_tty(argv: list[str], cwd: Path, env: dict[str, str], after: float,
           presses: int) -> tuple[int, str, float]:
    """Run `argv` on a pty, SIGINT it `after` seconds in; its exit code, output, and the
    seconds from the first SIGINT to its exit."""
    master, slave = pty.openpty()
    proc = subprocess.Popen(argv, cwd=cwd, env=env, stdin=slave, stdout=slave, stderr=slave)
    os.close(slave)
    started, chunks, sent = time.monotonic(), [], None
    while True:
        if sent is None and time.monotonic() - started >= after:
            for _ in range(presses):
                proc.send_signal(signal.SIGINT)
                time.sleep(0.05)
            sent = time.monotonic()
        ready, _, _ = select.select([master], [], [], 0.1)
        if not ready:
            continue
        try:
            data = os.read(master, 65536)
        except OSError as exc:
            if exc.errno != errno.EIO:
                raise
            break
        if not data:
            break
        chunks.append(data)
    code = proc.wait()
    return code, b"".join(chunks).decode(errors="replace"), time.monotonic() - (sent or 0)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--services", type=int, default=200)
    parser.add_argument("--latency", type=float, default=0.05, help="seconds per request")
    parser.add_argument("--after", type=float, default=4.0, help="seconds before SIGINT")
    parser.add_argument("--presses", type=int, default=1, help="1 drains, 2 abandons")
    args = parser.parse_args()

    proc, url = start_emulator(TOKEN, rate_limit=1000000)
    admin = AdminClient(url)
    try:
        with tempfile.TemporaryDirectory() as folder:
            root = Path(folder)
            names = [f"svc-{i:04d}" for i in range(args.services)]
            create_services(root, url, TOKEN, {
                name: SPEC.format(name=name, address=f"{name}.origin.example.com")
                for name in names})
            for name in names:
                (root / "services" / f"{name}.yaml").write_text(
                    SPEC.format(name=name, address=f"{name}.new-origin.example.com"))
            admin.set_faults([{"path": "^/service", "latency": args.latency}])
            env = {**os.environ, "FASTLY_API_ENDPOINT": url, "FASTLY_API_TOKEN": TOKEN,
                   "TERM": "xterm-256color"}
            code, out, stop_s = on_tty([sys.executable, "-m", "fastlysync", "apply",
                                        "--auto-approve"], root, env, args.after, args.presses)
            admin.clear_faults()
            with httpx.Client(base_url=url, headers={"Fastly-Key": TOKEN}) as http:
                listed = http.get("/service", params={"per_page": 1000}).json()
            live = {s["name"] for s in listed if s["version"] == 2}
            match = re.search(r"activated \((\d+)\): (.*)", out)
            reported = set(match.group(2).strip().split(", ")) if match else set()
            reported.discard("-")
            streamed = len(re.findall(r"service svc-\d+: 1 change\(s\) applied", out))
            progress = "applying" in out
            print(f"apply: {args.services} services, {args.latency * 1000:.0f} ms latency, "
                  f"SIGINT x{args.presses} after {args.after:.1f} s: exit {code}, "
                  f"{stop_s:.2f} s from SIGINT to exit")
            print(f"  reported activated: {len(reported)}; API shows activated: {len(live)}; "
                  f"exact match: {reported == live}")
            print(f"  per-service result lines streamed: {streamed}; progress bar shown: "
                  f"{progress}")
            for label in ("not started", "abandoned, active version unchanged", "failed"):
                found = re.search(rf"{re.escape(label)} \((\d+)\)", out)
                print(f"  {label}: {found.group(1) if found else '?'}")
            if reported != live or code != 130:
                print(out[-3000:])
                raise SystemExit(1)
    finally:
        admin.close()
        stop_emulator(proc)


if __name__ == "__main__":
    main()
