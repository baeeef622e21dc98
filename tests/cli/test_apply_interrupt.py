"""Ctrl-C during an apply: a real `fastlysync apply` subprocess against an emulator with
injected latency gets SIGINT mid-run; its report must name exactly the services the API
shows activated (once: in-flight services finish, no new one starts; twice: in-flight ones
are abandoned and the live version is read back to say what they got)."""

from __future__ import annotations

import re
import signal
import subprocess
import time
from pathlib import Path

import pytest
from cli_support import write_repo
from proc_support import api, cli_env, fastlysync, spawned_emulator

COUNT = 24


def specs() -> dict[str, str]:
    return {f"services/svc{n:02}.yaml":
            f"name: svc{n:02}\ndomains:\n  - name: svc{n:02}.example.com\n"
            f"backends:\n  - name: origin\n    address: o{n:02}.example.com\n"
            for n in range(COUNT)}


def live_active(url: str) -> set[str]:
    with api(url) as http:
        listed = http.get("/service", params={"per_page": 1000}).json()
    return {s["name"] for s in listed if any(v["active"] for v in s["versions"])}


def group(report: str, label: str) -> set[str]:
    match = re.search(rf"^  {re.escape(label)} \((\d+)\): (.*)$", report, re.MULTILINE)
    assert match, report
    names = set() if match.group(2) == "-" else set(match.group(2).split(", "))
    assert len(names) == int(match.group(1))
    return names


def interrupted_apply(url: str, root: Path, presses: int) -> tuple[int, str, str]:
    proc = subprocess.Popen(fastlysync("apply", "--auto-approve"), cwd=root,
                            env=cli_env(url, {"PYTHONUNBUFFERED": "1"}),
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert proc.stdout is not None
    seen: list[str] = []
    for line in proc.stdout:  # wait until two services have finished, then interrupt
        seen.append(line)
        if sum(x.startswith("service svc") and "applied" in x for x in seen) >= 2:
            break
    for _ in range(presses):
        proc.send_signal(signal.SIGINT)
        time.sleep(0.05)
    out, err = proc.communicate(timeout=120)
    return proc.returncode, "".join(seen) + out, err


@pytest.mark.parametrize("presses", [1, 2], ids=["drain", "abandon"])
def test_report_names_exactly_the_services_the_api_shows_activated(
        tmp_path: Path, presses: int) -> None:
    root = write_repo(tmp_path / "repo", specs())
    with spawned_emulator(tmp_path, "--fault", "latency=40ms") as url:
        code, out, err = interrupted_apply(url, root, presses)
        live = live_active(url)
    assert code == 130, err
    assert "Traceback" not in err
    assert "fastlysync: interrupted: finishing the services in flight" in err
    activated = group(out, "activated")
    not_started = group(out, "not started")
    abandoned = group(out, "abandoned, active version unchanged")
    assert activated == live
    assert activated, out
    assert not_started, out  # interrupted early: most services never began
    everything = {f"svc{n:02}" for n in range(COUNT)}
    assert activated | not_started | abandoned | group(out, "failed") == everything
    assert not (live & (not_started | abandoned))
    if presses == 1:
        assert not abandoned
    totals = out.strip().splitlines()[-1]
    assert totals.startswith(f"Apply: {len(not_started)} not started"), totals
    assert f"{len(activated)} of {COUNT} services applied ({len(activated)} activated)" \
        in totals


def test_sigterm_drains_like_ctrl_c_and_reports_what_the_api_shows(tmp_path: Path) -> None:
    """CI runners and container platforms stop a job with SIGTERM: the default action killed
    apply mid-flight with no report at all; it must drain and report as Ctrl-C does (128+15)."""
    root = write_repo(tmp_path / "repo", specs())
    with spawned_emulator(tmp_path, "--fault", "latency=40ms") as url:
        proc = subprocess.Popen(fastlysync("apply", "--auto-approve"), cwd=root,
                                env=cli_env(url, {"PYTHONUNBUFFERED": "1"}),
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        assert proc.stdout is not None
        seen: list[str] = []
        for line in proc.stdout:
            seen.append(line)
            if sum(x.startswith("service svc") and "applied" in x for x in seen) >= 2:
                break
        proc.send_signal(signal.SIGTERM)
        out, err = proc.communicate(timeout=120)
        out = "".join(seen) + out
        live = live_active(url)
    assert proc.returncode == 128 + signal.SIGTERM, err
    assert "Traceback" not in err
    assert "fastlysync: terminated (SIGTERM): finishing the services in flight" in err
    activated = group(out, "activated")
    assert activated == live and activated
    assert not group(out, "abandoned, active version unchanged")
    not_started = group(out, "not started")
    assert not_started and not (live & not_started)
