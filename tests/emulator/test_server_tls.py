"""`fastlysync emulator --tls-cert/--tls-key` serves https; the access log has one line per
request (no token, no body); bad TLS files are one line and exit 1."""

from __future__ import annotations

import signal
import ssl
import subprocess
import sys
from pathlib import Path

import httpx
import pytest
from tls_support import TlsFiles, make_tls_files

TOKEN = "tls-cli-token-abcdef"


@pytest.fixture(scope="module")
def tls_files(tmp_path_factory: pytest.TempPathFactory) -> TlsFiles:
    return make_tls_files(tmp_path_factory.mktemp("emulator-tls"))


def start(*args: str) -> tuple[subprocess.Popen[str], str]:
    proc = subprocess.Popen([sys.executable, "-m", "fastlysync", "emulator", "--port", "0",
                             "--token", TOKEN, *args],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert proc.stdout is not None
    line = proc.stdout.readline()
    if "listening on" not in line:
        proc.kill()
        raise AssertionError(line + (proc.stderr.read() if proc.stderr else ""))
    return proc, line.rsplit(" ", 1)[1].strip()


def stop(proc: subprocess.Popen[str]) -> str:
    proc.send_signal(signal.SIGTERM)
    _out, err = proc.communicate(timeout=10)
    return err


def test_https_and_one_access_line_per_request(tls_files: TlsFiles) -> None:
    proc, url = start("--tls-cert", str(tls_files.cert), "--tls-key", str(tls_files.key))
    try:
        assert url.startswith("https://127.0.0.1:")
        verify = ssl.create_default_context(cafile=str(tls_files.ca))
        with httpx.Client(base_url=url, verify=verify, headers={"Fastly-Key": TOKEN}) as http:
            assert http.get("/service").json() == []
            created = http.post("/service", data={"name": "tls-site"})
            assert created.status_code == 200
            assert http.get("/service/search", params={"name": "nope"}).status_code == 400
        with pytest.raises(httpx.ConnectError):  # the system store does not know the test CA
            httpx.get(f"{url}/service")
    finally:
        err = stop(proc)
    lines = [line for line in err.splitlines() if " ms" in line]
    assert len(lines) == 3, err
    assert lines[0].endswith("ms") and " 127.0.0.1 GET /service 200 " in lines[0]
    assert " POST /service 200 " in lines[1]
    assert " GET /service/search?name=nope 400 " in lines[2]
    assert TOKEN not in err and "tls-site" not in err  # no headers, no bodies


def test_no_access_log(tls_files: TlsFiles) -> None:
    proc, url = start("--no-access-log")
    try:
        assert url.startswith("http://")
        assert httpx.get(f"{url}/service", headers={"Fastly-Key": TOKEN}).status_code == 200
    finally:
        err = stop(proc)
    assert " GET /service " not in err


def test_bad_tls_files_are_one_line(tls_files: TlsFiles, tmp_path: Path) -> None:
    junk = tmp_path / "junk.pem"
    junk.write_text("-----BEGIN CERTIFICATE-----\nnot base64\n-----END CERTIFICATE-----\n")
    runs = [(["--tls-cert", str(tls_files.cert)], "--tls-cert and --tls-key go together"),
            (["--tls-cert", str(junk), "--tls-key", str(tls_files.key)], "--tls-cert/--tls-key"),
            (["--tls-cert", str(tls_files.cert), "--tls-key", str(tls_files.ca)],
             "--tls-cert/--tls-key")]
    for args, message in runs:
        done = subprocess.run([sys.executable, "-m", "fastlysync", "emulator", "--port", "0",
                               *args], capture_output=True, text=True, timeout=30, check=False)
        assert done.returncode != 0 and message in done.stderr, done.stderr
        assert "Traceback" not in done.stderr and "listening" not in done.stdout
        assert "BEGIN" not in done.stderr


def test_an_unread_stderr_never_stalls_the_api() -> None:
    """The parent pipes stderr and never reads it: once the pipe is full, access lines are
    dropped instead of blocking the server."""
    proc, url = start()
    try:
        with httpx.Client(base_url=url, headers={"Fastly-Key": TOKEN}, timeout=10) as http:
            target = "/service/search?name=" + "x" * 200  # ~260-byte lines: 64 KiB in 250
            for _ in range(1500):
                assert http.get(target).status_code == 400
    finally:
        err = stop(proc)
    assert err.count(" GET /service/search?name=") >= 200
