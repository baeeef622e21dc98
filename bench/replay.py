"""Replay the real Fastly API's recorded traffic against the emulator; print the match rates.

    python bench/replay.py [--wire real|sdk] [--failures]

The recordings and the comparison are the test suite's (`tests/emulator/replay.py`); the
deliberate differences are listed in `tests/emulator/replay_differences.py`.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from fastlysync.emulator import BackgroundServer, create_app
from fastlysync.emulator.admin import AdminClient
from tests.emulator.replay import replay_all

TOKEN = "bench-replay-token"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--wire", choices=("real", "sdk"), default="real")
    parser.add_argument("--failures", action="store_true", help="list every mismatch")
    args = parser.parse_args()
    app = create_app(tokens=[TOKEN], seed=1, wire_mode=args.wire)
    with BackgroundServer(app) as server:
        admin = AdminClient(server.url, token=app.admin_token)
        summary = replay_all(server.url, TOKEN, admin.reset)
        strict = replay_all(server.url, TOKEN, admin.reset, allow_newer=False)
        admin.close()
    app.close()
    failures = summary.failures()
    if args.failures:
        for outcome in failures:
            print(f"{outcome.where}: {outcome.status} (API {outcome.expected_status})")
            for difference in outcome.differences[:12]:
                print(f"    {difference}")
    by_sequence = Counter(o.sequence for o in failures)
    print(f"wire mode: {args.wire}")
    print(f"requests replayed: {summary.total}")
    print(f"status matches: {summary.rate(shape=False):.1%}")
    print(f"status + keys + types match: {summary.rate(shape=True):.1%}")
    print(f"  counting keys the API added after older recordings as mismatches: "
          f"{strict.rate(shape=True):.1%}")
    for name, kind in summary.skipped.items():
        print(f"skipped: {name} (needs kind {kind}, not registered here)")
    for outcome in summary.unexplained():
        print(f"unexplained: {outcome.where}")
    print("mismatches by sequence: " + (", ".join(f"{k} {v}" for k, v
                                                  in by_sequence.most_common()) or "none"))


if __name__ == "__main__":
    main()
