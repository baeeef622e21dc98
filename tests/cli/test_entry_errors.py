"""The console entry point's click-free lint path has none of click's guard: an output it
cannot write (a full disk, a closed pipe) or a Ctrl-C must still end in one line, never a
traceback, like every other command."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

VCL = "sub vcl_recv {\n#FASTLY recv\n  return(lookup);\n}\n"


def entry(*args: str) -> list[str]:
    """The installed console script's code path (`fastlysync.cli.entry.main`)."""
    return [sys.executable, "-c", "from fastlysync.cli.entry import main; main()", *args]


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
@pytest.mark.parametrize("args", [["lint"], ["lint", "--format", "json", "vcl"]])
def test_a_full_disk_on_stdout_is_one_line_and_exit_1(tmp_path: Path, args: list[str]) -> None:
    (tmp_path / "vcl").mkdir()
    (tmp_path / "vcl" / "main.vcl").write_text(VCL)
    with open("/dev/full", "w") as full:
        proc = subprocess.run(entry(*args), cwd=tmp_path, stdout=full, stderr=subprocess.PIPE,
                              text=True, timeout=60)
    assert proc.returncode == 1
    assert proc.stderr == "fastlysync: cannot write the output: No space left on device\n"


def test_a_closed_pipe_is_quiet(tmp_path: Path) -> None:
    (tmp_path / "vcl").mkdir()
    for n in range(1000):  # more output than a pipe's 64 KiB buffer: the write meets EPIPE
        (tmp_path / "vcl" / f"f{n}.vcl").write_text("sub vcl_recv {\n  set beresp.ttl = 1s;\n}\n")
    proc = subprocess.Popen(entry("lint"), cwd=tmp_path, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.readline()
    proc.stdout.close()  # `fastlysync lint | head -1`
    err = proc.stderr.read()
    assert proc.wait(timeout=60) == 1
    assert "Traceback" not in err and "Exception ignored" not in err, err


def test_ctrl_c_during_a_lint_is_one_line_and_exit_130(tmp_path: Path) -> None:
    (tmp_path / "vcl").mkdir()
    body = "sub vcl_recv {\n" + "  set req.http.X = \"1\";\n" * 30_000 + "}\n"
    for n in range(40):  # seconds of parsing: the signal lands mid-lint
        (tmp_path / "vcl" / f"f{n}.vcl").write_text(body)
    proc = subprocess.Popen(entry("lint"), cwd=tmp_path, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    time.sleep(1.0)
    proc.send_signal(signal.SIGINT)
    _out, err = proc.communicate(timeout=120)
    assert proc.returncode == 130, err[-2000:]
    assert err == "fastlysync: interrupted\n"
