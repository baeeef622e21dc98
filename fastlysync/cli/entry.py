"""The `fastlysync` console entry point.

A plain `fastlysync lint PATH...` runs without importing click (a quarter of a cold lint's
start-up time, see `bench/lint_cold_start.py`); every other command line goes to the click
group in `fastlysync.cli.main`.
"""

from __future__ import annotations

import contextlib
import sys


def main() -> None:
    if sys.argv[1:2] == ["lint"]:
        try:
            from fastlysync.cli.lint_run import parse_simple, run

            simple = parse_simple(sys.argv[2:])
            if simple is not None:
                sys.exit(run(*simple))
        except KeyboardInterrupt:
            sys.stderr.write("fastlysync: interrupted\n")
            sys.exit(130)
        except OSError as exc:  # no click guard on this path: one line, never a traceback
            _quiet_stdout()
            if not isinstance(exc, BrokenPipeError):  # `| head` closed it: not an error
                sys.stderr.write(f"fastlysync: cannot write the output: "
                                 f"{exc.strerror or exc}\n")
            sys.exit(1)
    from fastlysync.cli.main import main as click_main

    click_main()


def _quiet_stdout() -> None:
    """Point stdout at /dev/null so that the interpreter's final flush of what could not be
    written does not print its own "Exception ignored" traceback."""
    import os

    with contextlib.suppress(OSError, ValueError):
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
