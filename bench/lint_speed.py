"""Lint throughput and `fastlysync lint` cold start.

    python bench/lint_speed.py [--lines 10000] [--repeat 3]

Builds a corpus of about --lines lines from the production-style fixtures in
tests/vcl/fixtures/production (copies with renamed subs, so every file is a separate main VCL),
lints it in-process (parse + every rule, one core) and prints lines/s; then runs
`fastlysync lint` on a 100-line file in a fresh interpreter and prints the wall time.
Prints figures only; nothing is asserted.
"""

from __future__ import annotations

import argparse
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "vcl" / "fixtures" / "production"
SOURCES = [
    FIXTURES / "shop" / "vcl" / "main.vcl",
    FIXTURES / "registry" / "main.vcl",
    FIXTURES / "govuk" / "www.vcl",
    FIXTURES / "redirects" / "redirects.vcl",
]


def build_corpus(folder: Path, lines: int) -> int:
    (folder / "lib").mkdir(parents=True, exist_ok=True)
    shutil.copy(FIXTURES / "shop" / "vcl" / "lib" / "helpers.vcl", folder / "lib" / "helpers.vcl")
    total = 0
    n = 0
    while total < lines:
        src = SOURCES[n % len(SOURCES)]
        text = src.read_text()
        (folder / f"{n:03d}-{src.stem}.vcl").write_text(text)
        total += text.count("\n")
        n += 1
    return total


def lint_rate(folder: Path, repeat: int) -> tuple[float, int, int]:
    sys.path.insert(0, str(ROOT))
    from fastlysync.vcl.lint import lint_paths
    from fastlysync.vcl.parser import warm_up

    warm_up()
    lint_paths([folder], vcl_dirs=[folder])  # warm caches (catalogue, grammar)
    best = float("inf")
    result = None
    for _ in range(repeat):
        # CPU time of this process: the figure for one core, unaffected by other load.
        start = time.process_time()
        result = lint_paths([folder], vcl_dirs=[folder])
        best = min(best, time.process_time() - start)
    assert result is not None
    return result.lines / best, result.lines, result.errors


def _fastlysync_command() -> list[str]:
    """The console script installed beside this interpreter (not a version manager's shim on
    PATH, which would add its own start-up to the figure), else whatever PATH has, else -m."""
    beside = Path(sys.executable).with_name("fastlysync")
    if beside.is_file():
        return [str(beside)]
    exe = shutil.which("fastlysync")
    return [exe] if exe else [sys.executable, "-m", "fastlysync"]


def cold_start(folder: Path) -> tuple[float, float]:
    """Best wall and CPU time (of 5) of `fastlysync lint` on a 100-line file."""
    sample = folder / "sample100.vcl"
    lines = (FIXTURES / "shop" / "vcl" / "main.vcl").read_text().splitlines()[:100]
    # Keep it a complete file: take the header declarations only.
    text = "\n".join(lines)
    cut = text.rfind("\n}")
    sample.write_text(text[: cut + 2] + "\n")
    cmd = [*_fastlysync_command(), "lint", str(sample)]
    subprocess.run(cmd, capture_output=True, check=False)  # warm the OS file cache
    best = best_cpu = float("inf")
    for _ in range(5):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        subprocess.run(cmd, capture_output=True, check=False)
        best = min(best, time.perf_counter() - start)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        best_cpu = min(best_cpu, after.ru_utime - before.ru_utime + after.ru_stime
                       - before.ru_stime)
    return best, best_cpu


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lines", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus"
        corpus.mkdir()
        build_corpus(corpus, args.lines)
        rate, lines, errors = lint_rate(corpus, args.repeat)
        print(f"lint throughput: {rate:,.0f} lines/s over {lines:,} lines "
              f"(parse + all rules, one core; {errors} errors)")
        other = Path(tmp) / "cold"
        other.mkdir()
        wall, cpu = cold_start(other)
        print(f"cold start: fastlysync lint on a 100-line file: {wall:.3f} s wall, "
              f"{cpu:.3f} s CPU (best of 5)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
