"""Terminal conventions, on a real pseudo-terminal: colour and progress only on a TTY, no
escape code of any kind with NO_COLOR or `--no-color` (progress then redraws with carriage
returns), colour with FORCE_COLOR even off a terminal."""

from __future__ import annotations

import errno
import os
import pty
import subprocess
from pathlib import Path

import pytest
from cli_support import write_repo
from proc_support import cli_env, fastlysync, spawned_emulator

ESC = b"\x1b"
SPECS = {f"services/s{n}.yaml": f"name: s{n}\ndomains:\n  - name: s{n}.example.com\n"
         f"backends:\n  - name: origin\n    address: o{n}.example.com\n" for n in range(3)}
VCL_SPEC = ("name: v\ndomains:\n  - name: v.example.com\nbackends:\n  - name: origin\n"
            "    address: o.example.com\nvcls:\n  - name: main\n    file: main.vcl\n"
            "    main: true\n")
VCL = "sub vcl_recv {\n#FASTLY recv\n  return(lookup);\n}\n"


def on_tty(args: list[str], cwd: Path, env: dict[str, str]) -> tuple[int, bytes]:
    """Run `args` with stdin, stdout and stderr on one pseudo-terminal; all it wrote."""
    master, slave = pty.openpty()
    proc = subprocess.Popen(args, cwd=cwd, env={**env, "TERM": "xterm-256color",
                                                 "COLUMNS": "120"},
                            stdin=slave, stdout=slave, stderr=slave, close_fds=True)
    os.close(slave)
    chunks = []
    while True:
        try:
            data = os.read(master, 65536)
        except OSError as exc:  # EIO: the child closed the terminal
            if exc.errno != errno.EIO:
                raise
            break
        if not data:
            break
        chunks.append(data)
    os.close(master)
    return proc.wait(timeout=120), b"".join(chunks)


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, Path, Path]:
    """An emulator subprocess, a repo applied to it (with one service drifted out of
    band, one pending change) and an empty folder for import."""
    tmp = tmp_path_factory.mktemp("terminal")
    root = write_repo(tmp / "repo", {**SPECS, "services/v.yaml": VCL_SPEC, "vcl/main.vcl": VCL})
    with spawned_emulator(tmp) as url:
        subprocess.run(fastlysync("apply", "--auto-approve"), cwd=root, env=cli_env(url),
                       check=True, capture_output=True)
        (root / "services" / "s1.yaml").write_text(
            SPECS["services/s1.yaml"].replace("o1.", "o1-new."))
        (tmp / "import").mkdir()
        yield url, root, tmp / "import"


COMMANDS = {
    "validate": ["validate"], "lint": ["lint"], "check": ["check"], "plan": ["plan"],
    "drift": ["drift"], "apply": ["apply", "--auto-approve", "--no-activate"],
    "import": ["import", "s0", "--out", "{import}", "--force"], "schema": ["schema"],
    "help": ["--help"],
}


@pytest.mark.parametrize("name", list(COMMANDS))
def test_no_color_on_a_tty_means_no_escape_codes(world: tuple[str, Path, Path],
                                                 name: str) -> None:
    url, root, imports = world
    args = [a.replace("{import}", str(imports)) for a in COMMANDS[name]]
    code, out = on_tty(fastlysync(*args), root, cli_env(url, {"NO_COLOR": "1"}))
    assert code in (0, 2), out.decode(errors="replace")
    assert ESC not in out, out


def test_colour_and_progress_on_a_tty_by_default(world: tuple[str, Path, Path]) -> None:
    url, root, _ = world
    code, out = on_tty(fastlysync("plan"), root, cli_env(url))
    assert code == 0
    assert b"\x1b[33m" in out  # the update, in yellow
    assert b"planning" in out  # the progress bar's label


def test_no_color_flag_and_plain_progress(world: tuple[str, Path, Path]) -> None:
    url, root, _ = world
    code, out = on_tty(fastlysync("drift", "--no-color"), root, cli_env(url))
    assert code == 2, out
    assert ESC not in out
    assert b"\rchecking services 4/4" in out  # progress, drawn with carriage returns only


def test_force_color_off_a_terminal(world: tuple[str, Path, Path]) -> None:
    url, root, _ = world
    forced = subprocess.run(fastlysync("plan"), cwd=root, capture_output=True,
                            env=cli_env(url, {"FORCE_COLOR": "1"}))
    assert b"\x1b[33m" in forced.stdout
    assert ESC not in forced.stderr  # no progress bar off a terminal
    plain = subprocess.run(fastlysync("plan"), cwd=root, capture_output=True,
                           env=cli_env(url))
    assert ESC not in plain.stdout + plain.stderr
    both = subprocess.run(fastlysync("plan", "--no-color"), cwd=root, capture_output=True,
                          env=cli_env(url, {"FORCE_COLOR": "1"}))
    assert ESC not in both.stdout  # the flag wins
