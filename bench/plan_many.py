"""Plan over many services against the emulator with injected latency per request.

Starts `fastlysync emulator` in its own process, writes N service specs (a typical service:
domain, two backends, health check, condition, header, snippet, a dictionary and a syslog
endpoint), creates them with `fastlysync apply`, then injects a fixed latency on every API
request and times `fastlysync plan` end to end (process start, spec loading, reads, diff,
render). Prints wall time and the requests the emulator served.

    python bench/plan_many.py [--services 1000] [--latency 0.05] [--concurrency N]

Measured (2 shared cores, other jobs running): 1,000 services, 50 ms per request, default
concurrency 64: 7.7-10.3 s wall, 3,010 requests (3 per service + 10 list pages).
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

from emulator_process import create_services, run_fastlysync, start_emulator, stop_emulator

from fastlysync.emulator.admin import AdminClient

TOKEN = "bench-token"

SPEC = """\
name: {name}
domains:
  - name: {name}.example.com
backends:
  - name: origin
    address: origin-{i}.example.com
    port: 443
    use_ssl: true
    healthcheck: hc
  - name: fallback
    address: fallback-{i}.example.com
healthchecks:
  - name: hc
    host: origin-{i}.example.com
    path: /health
conditions:
  - name: is_api
    statement: req.url ~ "^/api"
    type: REQUEST
headers:
  - name: served-by
    action: set
    type: response
    dst: http.X-Service
    src: '"{name}"'
snippets:
  - name: recv
    type: recv
    content: |
      set req.http.X-Service = "{name}";
dictionaries:
  - name: flags
    items:
      beta: "{beta}"
      region: eu
logging_syslog:
  - name: syslog
    address: logs.example.com
settings:
  default_ttl: 300
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--services", type=int, default=1000)
    parser.add_argument("--latency", type=float, default=0.05, help="seconds per request")
    parser.add_argument("--concurrency", type=int, default=None)
    args = parser.parse_args()

    proc, url = start_emulator(TOKEN, rate_limit=1000000)
    admin = AdminClient(url)
    try:
        with tempfile.TemporaryDirectory() as folder:
            root = Path(folder)
            names = [f"svc-{i:04d}" for i in range(args.services)]
            create_services(root, url, TOKEN, {name: SPEC.format(name=name, i=i, beta=i % 2)
                                               for i, name in enumerate(names)})

            admin.reset_counters()
            admin.set_faults([{"path": "^/service", "latency": args.latency}])
            extra = ["--concurrency", str(args.concurrency)] if args.concurrency else []
            done, took = run_fastlysync(root, url, TOKEN, "plan", "--detailed-exitcode", *extra)
            code, out = done.returncode, done.stdout + done.stderr
            admin.clear_faults()
            requests = admin.counters()["requests"]
            if code != 0:
                raise SystemExit(f"plan exit {code} (expected 0, no changes):\n{out[-2000:]}")
            total = sum(requests.values())
            print(f"plan: {args.services} services, {args.latency * 1000:.0f} ms latency per "
                  f"request: {took:.2f} s wall, {total} requests "
                  f"({total / args.services:.2f} per service)")
            for label, count in sorted(requests.items()):
                print(f"  {label}: {count}")
    finally:
        admin.close()
        stop_emulator(proc)


if __name__ == "__main__":
    main()
