"""Parse throughput and parser start-up cost (the parse-only half of lint speed).

    python bench/parse_speed.py [--lines 10000] [--repeat 5]

Builds a ~--lines mixed corpus from tests/vcl/corpus and tests/vcl/fixtures/production
(whole files, snippets and a long redirect map), parses it in-process on one core and prints
lines/s and tokens-per-second; then times `import fastlysync.vcl.parser` + first parse in a
fresh interpreter. CPU time (process_time) is reported next to wall time because a shared
machine makes wall time noisy. Prints figures only; nothing is asserted.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SOURCES = sorted((ROOT / "tests" / "vcl" / "corpus").glob("*.vcl")) + sorted(
    (ROOT / "tests" / "vcl" / "fixtures" / "production").rglob("*.vcl"))


def mode_of(path: Path) -> str:
    text = path.read_text()
    from fastlysync.vcl.parser import parse

    return "file" if parse(text).ok else "statements"


def build_corpus(lines: int) -> list[tuple[str, str, str]]:
    files = [(str(p), p.read_text(), mode_of(p)) for p in SOURCES]
    corpus: list[tuple[str, str, str]] = []
    total = 0
    while total < lines:
        for name, text, mode in files:
            corpus.append((name, text, mode))
            total += text.count("\n")
            if total >= lines:
                break
    return corpus


def parse_rate(corpus: list[tuple[str, str, str]], repeat: int) -> None:
    from fastlysync.vcl.parser import parse, warm_up

    warm_up()
    lines = sum(text.count("\n") for _, text, _ in corpus)
    for name, text, mode in corpus:  # warm per-process memo tables
        assert parse(text, name, mode=mode).ok, name  # type: ignore[arg-type]
    best_cpu = best_wall = float("inf")
    for _ in range(repeat):
        cpu, wall = time.process_time(), time.perf_counter()
        for name, text, mode in corpus:
            parse(text, name, mode=mode)  # type: ignore[arg-type]
        best_cpu = min(best_cpu, time.process_time() - cpu)
        best_wall = min(best_wall, time.perf_counter() - wall)
    print(f"parse throughput: {lines / best_cpu:,.0f} lines/s CPU "
          f"({lines / best_wall:,.0f} lines/s wall) over {lines:,} lines in {len(corpus)} files")


def cold_start() -> None:
    sample = (ROOT / "tests" / "vcl" / "corpus" / "service_main.vcl").read_text()
    head = sample[: sample.index("sub is_crawler")]  # about 100 lines of declarations
    code = (
        "import time; t0 = time.perf_counter()\n"
        "from fastlysync.vcl.parser import parse\n"
        "t1 = time.perf_counter()\n"
        f"r = parse({head!r})\n"
        "t2 = time.perf_counter()\n"
        "assert r.ok\n"
        "print(f'{t1 - t0:.4f} {t2 - t1:.4f}')\n"
    )
    runs = []
    for _ in range(5):
        start = time.perf_counter()
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                             check=True, cwd=ROOT).stdout.split()
        runs.append((time.perf_counter() - start, float(out[0]), float(out[1])))
    total, imp, first = min(runs)
    print(f"cold start: interpreter + import + first parse of {head.count(chr(10))} lines = "
          f"{total:.3f} s (import {imp * 1000:.0f} ms, first parse {first * 1000:.0f} ms)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--lines", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    parse_rate(build_corpus(args.lines), args.repeat)
    cold_start()


if __name__ == "__main__":
    main()
