"""Shared fixtures: the Fastly API emulator as a real server on a free loopback port.

Integration tests (plan/apply, drift, import, the CLI) talk HTTP to it exactly as they would
to api.fastly.com; see the `emulator` fixture. Keep this interface stable: other test packages
depend on it.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import httpx
import pytest

from fastlysync.emulator import BackgroundServer, Emulator, create_app
from fastlysync.emulator.admin import AdminClient

TOKEN = "test-token-account-a"
OTHER_TOKEN = "test-token-account-b"
ADMIN_TOKEN = "test-admin-token"


@dataclass
class EmulatorHandle:
    """What the `emulator` fixture yields.

    - `url`: base URL (`http://127.0.0.1:PORT`), for FASTLY_API_ENDPOINT / `--endpoint`.
    - `token` / `other_token`: API tokens of two separate accounts.
    - `admin`: `AdminClient` holding the admin token (reset(), counters(), requests(),
      reset_counters(), set_faults([...]), add_fault(method=, path=, p503=, drop=, latency=,
      after=, times=), clear_faults(), set_rate_limit(n), add_account(), dump()).
    - `app`: the in-process `Emulator` object behind the server (same process).
    - `client(token=None)`: an `httpx.Client` on `url` with the Fastly-Key header set.
    - `env(token=None)`: environment for subprocesses (FASTLY_API_ENDPOINT,
      FASTLY_ACCOUNT_ENDPOINT, FASTLY_API_TOKEN) merged over os.environ.
    - `create_service(name, **fields)`: a new service in the default account, returned as JSON.
    """

    url: str
    token: str
    other_token: str
    admin: AdminClient
    app: Emulator
    _clients: list[httpx.Client] = field(default_factory=list)

    def client(self, token: str | None = None) -> httpx.Client:
        http = httpx.Client(base_url=self.url, timeout=30,
                            headers={"Fastly-Key": token or self.token})
        self._clients.append(http)
        return http

    def env(self, token: str | None = None) -> dict[str, str]:
        return {**os.environ, "FASTLY_API_ENDPOINT": self.url,
                "FASTLY_ACCOUNT_ENDPOINT": self.url, "FASTLY_API_TOKEN": token or self.token}

    def create_service(self, name: str, **fields: Any) -> dict[str, Any]:
        response = self.client().post("/service", data={"name": name, **fields})
        response.raise_for_status()
        return dict(response.json())

    def close_clients(self) -> None:
        for http in self._clients:
            http.close()
        self._clients.clear()


def serve_emulator(seed: int, **options: Any) -> Iterator[BackgroundServer]:
    """A real emulator server (uvicorn on a free loopback port) knowing the suite's tokens,
    stopped when the generator is; `options` go to `create_app` (e.g. `wire_mode`)."""
    app = create_app(tokens=[TOKEN, OTHER_TOKEN], seed=seed, admin_token=ADMIN_TOKEN,
                     **options)
    server = BackgroundServer(app).start()
    try:
        yield server
    finally:
        server.stop()
        app.close()


def reset_handle(server: BackgroundServer) -> Iterator[EmulatorHandle]:
    """`server` reset to a clean state, as an `EmulatorHandle`; fails at teardown if a
    request crashed it (an internal 500, not an injected fault)."""
    admin = AdminClient(server.url, token=ADMIN_TOKEN)
    admin.reset()
    handle = EmulatorHandle(url=server.url, token=TOKEN, other_token=OTHER_TOKEN,
                            admin=admin, app=server.app)
    try:
        yield handle
        crashes = handle.app.internal_errors
        assert crashes == 0, f"the emulator crashed on {crashes} request(s): see its log"
    finally:
        handle.close_clients()
        admin.close()


@pytest.fixture(scope="session")
def emulator_server() -> Iterator[BackgroundServer]:
    """One real emulator server (uvicorn on a free loopback port) for the whole session."""
    yield from serve_emulator(seed=1234)


@pytest.fixture
def emulator(emulator_server: BackgroundServer) -> Iterator[EmulatorHandle]:
    """The session's emulator server, reset to a clean state for this test.

    State reset means: no services, no faults, counters zeroed, rate-limit usage cleared and
    the limit back to 1,000. Accounts `TOKEN` and `OTHER_TOKEN` always exist. The test fails
    at teardown if a request crashed the emulator (an internal 500, not an injected fault).
    """
    yield from reset_handle(emulator_server)
