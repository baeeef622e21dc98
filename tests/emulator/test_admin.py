"""The admin surface needs the admin token (and loopback); the state file is private."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import httpx
import pytest

from fastlysync.emulator import create_app
from fastlysync.emulator.admin import ADMIN_HEADER, ADMIN_TOKEN_ENV, AdminClient

TOKEN = "admin-test-api-token"


@pytest.fixture
def app():
    emulator = create_app(tokens=[TOKEN], admin_token="the-admin-token")
    yield emulator
    emulator.close()


@pytest.mark.parametrize(("method", "path"), [
    ("GET", "/_emulator/dump"), ("POST", "/_emulator/reset"), ("POST", "/_emulator/accounts"),
    ("GET", "/_emulator/counters"), ("DELETE", "/_emulator/faults"),
    ("PUT", "/_emulator/ratelimit"),
])
@pytest.mark.parametrize("given", [None, "", "wrong", TOKEN, "the-admin-toke"])
def test_admin_endpoints_refuse_without_the_admin_token(app, method: str, path: str,
                                                        given: str | None) -> None:
    headers = {"Fastly-Key": TOKEN} | ({ADMIN_HEADER: given} if given is not None else {})
    client = httpx.Client(transport=app.transport(), base_url="http://emu.test",
                          headers=headers)
    response = client.request(method, path, json={})
    assert response.status_code == 401
    assert ADMIN_HEADER in response.json()["detail"]
    assert "the-admin-token" not in response.text


def test_with_the_token_admin_works_and_health_needs_none(app) -> None:
    service = httpx.Client(transport=app.transport(), base_url="http://emu.test",
                           headers={"Fastly-Key": TOKEN})
    service.post("/service", data={"name": "kept"}).raise_for_status()
    admin = AdminClient("http://emu.test", token="the-admin-token", transport=app.transport())
    assert any(row[0] == "service" for row in admin.dump())
    admin.reset()
    assert service.get("/service").json() == []
    bare = httpx.Client(transport=app.transport(), base_url="http://emu.test")
    assert bare.get("/_emulator/health").json()["status"] == "ok"


def test_the_token_is_still_loopback_only(app) -> None:
    remote = httpx.Client(transport=app.transport(client="203.0.113.9"),
                          base_url="http://emu.test", headers={ADMIN_HEADER: "the-admin-token"})
    assert remote.get("/_emulator/dump").status_code == 403


def test_a_generated_admin_token_differs_per_app(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(ADMIN_TOKEN_ENV, raising=False)
    first, second = create_app(tokens=[TOKEN]), create_app(tokens=[TOKEN])
    assert first.admin_token != second.admin_token and len(first.admin_token) > 24
    first.close()
    second.close()


def test_state_file_and_its_journal_are_owner_only(tmp_path: Path) -> None:
    path = tmp_path / "state.db"
    path.write_bytes(b"")
    path.chmod(0o644)  # an existing file is tightened too
    app = create_app(tokens=[TOKEN], state=str(path))
    client = httpx.Client(transport=app.transport(), base_url="http://emu.test",
                          headers={"Fastly-Key": TOKEN})
    client.post("/service", data={"name": "s"}).raise_for_status()
    for file in tmp_path.iterdir():
        assert stat.S_IMODE(file.stat().st_mode) == 0o600, file
    app.close()


def test_cli_prints_a_generated_admin_token_and_uses_a_given_one(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != ADMIN_TOKEN_ENV}
    for extra, expect in (([], None), (["--admin-token", "given-admin"], "given-admin")):
        proc = subprocess.Popen([sys.executable, "-m", "fastlysync", "emulator", "--port", "0",
                                 "--token", TOKEN, *extra], env=env, stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, text=True)
        try:
            assert proc.stdout is not None
            url = proc.stdout.readline().rsplit(" ", 1)[1].strip()
            lines = [proc.stdout.readline() for _ in range(2 if expect is None else 1)]
            printed = [ln.split("=", 1)[1].strip() for ln in lines if ADMIN_TOKEN_ENV in ln]
            token = expect or printed[0]
            assert (expect is None) == bool(printed)
            assert httpx.get(f"{url}/_emulator/counters").status_code == 401
            assert httpx.get(f"{url}/_emulator/counters",
                             headers={ADMIN_HEADER: token}).status_code == 200
        finally:
            proc.terminate()
            proc.wait(timeout=10)
