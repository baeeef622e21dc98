"""Cold start of `fastlysync lint` on a 100-line file, and what its imports cost.

    python bench/lint_cold_start.py [--runs 15] [--baseline CHECKOUT]

Runs, each in a fresh interpreter and taking turns: `python -c pass` (the floor), the
`fastlysync` console script (`fastlysync lint FILE`, which skips click), the same lint through
the click group (`python -c 'from fastlysync.cli.main import main; main()' lint FILE`, the
path every other command takes) and, with `--baseline`, another source tree's lint (e.g. a
`git archive` of an older commit). Prints the best and median wall time and the best CPU time
of each, then the modules whose own import time is largest (`python -X importtime`).
Bytecode is compiled first and PYTHONDONTWRITEBYTECODE is dropped for the children, as on a
normal install. On a busy machine wall times vary run to run; the best run, the CPU time and
the ratio to the baseline say most. Prints figures only; nothing is asserted."""

from __future__ import annotations

import argparse
import compileall
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "tests" / "vcl" / "fixtures" / "production" / "shop" / "vcl" / "main.vcl"


def sample_file(folder: Path) -> Path:
    """The first 100 lines of a production-style main VCL, cut at a whole declaration."""
    text = "\n".join(SAMPLE.read_text().splitlines()[:100])
    path = folder / "sample100.vcl"
    path.write_text(text[: text.rfind("\n}") + 2] + "\n")
    return path


def console_script() -> list[str]:
    beside = Path(sys.executable).with_name("fastlysync")
    return [str(beside)] if beside.is_file() else [sys.executable, "-m", "fastlysync"]


def measure_all(cmds: list[list[str]], runs: int,
                env: dict[str, str]) -> list[tuple[float, float, float]]:
    """(best wall, median wall, best CPU) seconds of each command over `runs` rounds; the
    commands take turns, so a burst of load on the machine hits them alike."""
    for cmd in cmds:  # warm the file cache and the user cache dir
        subprocess.run(cmd, capture_output=True, check=False, env=env)
    walls: list[list[float]] = [[] for _ in cmds]
    cpus: list[list[float]] = [[] for _ in cmds]
    for _ in range(runs):
        for i, cmd in enumerate(cmds):
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            start = time.perf_counter()
            subprocess.run(cmd, capture_output=True, check=False, env=env)
            walls[i].append(time.perf_counter() - start)
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpus[i].append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return [(min(w), statistics.median(w), min(c)) for w, c in zip(walls, cpus, strict=True)]


def heaviest_imports(cmd: list[str], env: dict[str, str], count: int) -> list[tuple[int, str]]:
    """(own microseconds, module) of the modules that cost the most to import (best of 3)."""
    best: dict[str, int] = {}
    for _ in range(3):
        proc = subprocess.run([sys.executable, "-X", "importtime", *cmd[1:]] if cmd[0] ==
                              sys.executable else [sys.executable, "-X", "importtime", *cmd],
                              capture_output=True, text=True, check=False, env=env)
        for line in proc.stderr.splitlines():
            if not line.startswith("import time:") or "self [us]" in line:
                continue
            own, _cumulative, name = line[len("import time:"):].split("|")
            key = name.strip()
            best[key] = min(best.get(key, 1 << 60), int(own))
    return sorted(((us, name) for name, us in best.items()), reverse=True)[:count]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--baseline", type=Path, metavar="CHECKOUT",
                        help="also time the lint of another source tree (e.g. `git archive` of "
                             "an older commit), run through its click group, for a ratio that "
                             "holds on a busy machine")
    args = parser.parse_args()
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    compileall.compile_dir(ROOT / "fastlysync", quiet=1)
    with tempfile.TemporaryDirectory() as tmp:
        sample = sample_file(Path(tmp))
        click_main = "from fastlysync.cli.main import main; main()"
        cases = [
            ("python -c pass (floor)", [sys.executable, "-c", "pass"]),
            ("fastlysync lint (console script)", [*console_script(), "lint", str(sample)]),
            ("lint through the click group", [sys.executable, "-c", click_main, "lint",
                                              str(sample)]),
        ]
        if args.baseline is not None:
            cases.append((f"baseline {args.baseline.name}", [
                sys.executable, "-c", f"import sys; sys.path.insert(0, {str(args.baseline)!r}); "
                + click_main, "lint", str(sample)]))
        lines = len(sample.read_text().splitlines())
        print(f"cold start, {lines}-line file, {args.runs} runs each "
              f"(load average {os.getloadavg()[0]:.2f}):")
        for label, (best, median, cpu) in zip([c[0] for c in cases],
                                               measure_all([c[1] for c in cases], args.runs, env),
                                               strict=True):
            print(f"  {label:<34} best {best * 1e3:6.1f} ms  median {median * 1e3:6.1f} ms  "
                  f"CPU {cpu * 1e3:6.1f} ms")
        script = Path(console_script()[0])
        cmd = ([sys.executable, str(script)] if script.name == "fastlysync"
               else console_script()) + ["lint", str(sample)]
        print("heaviest imports of `fastlysync lint` (own time, best of 3):")
        for us, name in heaviest_imports(cmd, env, 12):
            print(f"  {us / 1e3:6.1f} ms  {name}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
