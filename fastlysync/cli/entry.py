"""The `fastlysync` console entry point.

A plain `fastlysync lint PATH...` runs without importing click (a quarter of a cold lint's
start-up time, see `bench/lint_cold_start.py`); every other command line goes to the click
group in `fastlysync.cli.main`.
"""

from __future__ import annotations

import sys


def main() -> None:
    if sys.argv[1:2] == ["lint"]:
        from fastlysync.cli.lint_run import parse_simple, run

        simple = parse_simple(sys.argv[2:])
        if simple is not None:
            sys.exit(run(*simple))
    from fastlysync.cli.main import main as click_main

    click_main()
