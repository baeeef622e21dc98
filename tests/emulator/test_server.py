"""The emulator as a real server: the shared fixture, sockets, and the CLI command."""

from __future__ import annotations

import contextlib
import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

import httpx
import pytest

TOKEN = "cli-token"


def test_fixture_serves_the_api(emulator: Any) -> None:
    service = emulator.create_service("fixture-svc")
    client = emulator.client()
    assert client.get(f"/service/{service['id']}/details").status_code == 200
    assert emulator.admin.requests() == {"POST service": 1, "GET details": 1}
    assert emulator.client(emulator.other_token).get("/service").json() == []
    assert emulator.env()["FASTLY_API_ENDPOINT"] == emulator.url


def test_fixture_starts_clean(emulator: Any) -> None:
    assert emulator.client().get("/service").json() == []
    assert emulator.admin.counters()["total"] == 1


def test_dropped_connection_over_a_socket(emulator: Any) -> None:
    sid = emulator.create_service("drop")["id"]
    emulator.admin.add_fault(method="PUT", path="/clone$", drop=1.0, times=1)
    client = emulator.client()
    with pytest.raises((httpx.RemoteProtocolError, httpx.ReadError)):
        client.put(f"/service/{sid}/version/1/clone")
    assert client.put(f"/service/{sid}/version/1/clone").json()["number"] == 2
    assert emulator.admin.counters()["faults"] == {"drop": 1}


def test_large_bodies(emulator: Any) -> None:
    sid = emulator.create_service("big")["id"]
    client = emulator.client()
    vcl = client.post(f"/service/{sid}/version/1/vcl",
                      data={"name": "big", "content": "#" * (2 * 1024 * 1024), "main": "1"})
    assert vcl.status_code == 400 and vcl.json()["msg"] == "Bad request"
    huge = client.post("/service", content=b"x" * (17 * 1024 * 1024))
    assert huge.status_code == 413
    assert client.get("/service").status_code == 200


def test_head_and_keep_alive(emulator: Any) -> None:
    client = emulator.client()
    head = client.head("/service")
    assert head.status_code == 200 and head.content == b""
    for _ in range(20):
        assert client.get("/service").status_code == 200


def test_garbage_on_the_socket_does_not_hurt(emulator: Any) -> None:
    host, port = emulator.url.removeprefix("http://").split(":")
    for junk in (b"\x00\xff\x10garbage\r\n\r\n", b"GET /service HTTP/9.9\r\n\r\n",
                 b"GET " + b"/a" * 50_000 + b" HTTP/1.1\r\nHost: x\r\n\r\n"):
        with socket.create_connection((host, int(port)), timeout=5) as sock:
            sock.sendall(junk)
            with contextlib.suppress(OSError):
                sock.recv(1024)
    assert emulator.client().get("/service").status_code == 200


# ----- the CLI command --------------------------------------------------------------------------


def _start(*args: str) -> tuple[subprocess.Popen[str], str]:
    proc = subprocess.Popen([sys.executable, "-m", "fastlysync", "emulator", "--port", "0",
                             *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert proc.stdout is not None
    line = proc.stdout.readline()
    assert "listening on" in line, line + (proc.stderr.read() if proc.stderr else "")
    return proc, line.rsplit(" ", 1)[1].strip()


def _stop(proc: subprocess.Popen[str]) -> None:
    proc.send_signal(signal.SIGTERM)
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


def test_cli_generates_and_prints_a_token() -> None:
    proc, url = _start()
    try:
        assert proc.stdout is not None
        token_line = proc.stdout.readline() + proc.stdout.readline()
        token = token_line.split("FASTLY_API_TOKEN=")[1].strip()
        assert httpx.get(f"{url}/service", headers={"Fastly-Key": token}).status_code == 200
        assert httpx.get(f"{url}/service", headers={"Fastly-Key": "x"}).status_code == 401
    finally:
        _stop(proc)


def test_cli_rejects_bad_options(tmp_path: Path) -> None:
    result = subprocess.run([sys.executable, "-m", "fastlysync", "emulator", "--fault",
                             "p503=7"], capture_output=True, text=True, timeout=60)
    assert result.returncode == 1 and "--fault" in result.stderr
    (tmp_path / "bad.db").write_bytes(b"not a database at all" * 100)
    result = subprocess.run([sys.executable, "-m", "fastlysync", "emulator", "--port", "0",
                             "--state", str(tmp_path / "bad.db")],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 1
    assert result.stderr.startswith("fastlysync: ") and "Traceback" not in result.stderr


def test_cli_state_survives_restart_and_kill(tmp_path: Path) -> None:
    state = str(tmp_path / "state.db")
    proc, url = _start("--state", state, "--token", TOKEN)
    headers = {"Fastly-Key": TOKEN}
    try:
        sid = httpx.post(f"{url}/service", data={"name": "kept"}, headers=headers).json()["id"]
        dictionary = httpx.post(f"{url}/service/{sid}/version/1/dictionary",
                                data={"name": "d"}, headers=headers).json()["id"]
    finally:
        _stop(proc)

    proc, url = _start("--state", state, "--token", TOKEN)
    batch = [{"op": "create", "item_key": "k", "item_value": "v"}]
    stop = threading.Event()
    sent = []

    def hammer() -> None:
        with httpx.Client(base_url=url, headers=headers, timeout=5) as client:
            n = 0
            while not stop.is_set():
                ops = [{**batch[0], "item_key": f"k{n}-{i}"} for i in range(50)]
                try:
                    client.patch(f"/service/{sid}/dictionary/{dictionary}/items",
                                 json={"items": ops})
                    client.put(f"/service/{sid}/version/1/clone")
                except httpx.HTTPError:
                    return
                sent.append(n)
                n += 1

    worker = threading.Thread(target=hammer)
    worker.start()
    time.sleep(1.0)
    os.kill(proc.pid, signal.SIGKILL)  # a crash mid-traffic
    proc.wait()
    stop.set()
    worker.join()
    assert sent

    proc, url = _start("--state", state, "--token", TOKEN)
    try:
        items = httpx.get(f"{url}/service/{sid}/dictionary/{dictionary}/items",
                          params={"per_page": 1000}, headers=headers).json()
        assert len(items) % 50 == 0  # every batch landed whole or not at all
        versions = httpx.get(f"{url}/service/{sid}/version", headers=headers).json()
        assert [v["number"] for v in versions] == list(range(1, len(versions) + 1))
        for version in versions:
            details = httpx.get(f"{url}/service/{sid}/details",
                                params={"version": version["number"]}, headers=headers)
            assert details.status_code == 200
            assert json.loads(details.text)["version"]["dictionaries"][0]["id"] == dictionary
    finally:
        _stop(proc)


def test_cli_reads_tokens_from_a_file(tmp_path: Path) -> None:
    tokens = tmp_path / "tokens"
    tokens.write_text("first-token\n\nsecond-token\n")
    proc, url = _start("--token-file", str(tokens))
    try:
        for token in ("first-token", "second-token"):
            assert httpx.get(f"{url}/service", headers={"Fastly-Key": token}).status_code == 200
        created = httpx.post(f"{url}/service", data={"name": "mine"},
                             headers={"Fastly-Key": "first-token"})
        assert created.status_code == 200
        assert httpx.get(f"{url}/service", headers={"Fastly-Key": "second-token"}).json() == []
    finally:
        _stop(proc)


def test_cli_refuses_a_bad_token_file_in_one_line(tmp_path: Path) -> None:
    """A binary, empty or control-character token file: one line, exit 1, never the value."""
    cases = {"binary": b"\xc5\xff\x00tok-binary-secret", "empty": b"\n\n",
             "control": b"good-token\ntok-ctl\x01secret\n"}
    for name, content in cases.items():
        path = tmp_path / name
        path.write_bytes(content)
        result = subprocess.run([sys.executable, "-m", "fastlysync", "emulator", "--port", "0",
                                 "--token-file", str(path)],
                                capture_output=True, text=True, timeout=60)
        assert result.returncode == 1, (name, result.stdout)
        assert result.stderr.startswith(f"fastlysync: token file {path}"), result.stderr
        assert len(result.stderr.splitlines()) == 1, result.stderr
        assert "secret" not in result.stderr and "listening" not in result.stdout
