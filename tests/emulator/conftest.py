"""In-process emulator fixtures: a fresh app per test, called through httpx without sockets."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from fastlysync.emulator import Emulator, create_app

TOKEN = "inproc-token-a"
OTHER = "inproc-token-b"


@pytest.fixture
def app() -> Iterator[Emulator]:
    emulator = create_app(tokens=[TOKEN, OTHER], seed=7)
    yield emulator
    emulator.close()


@pytest.fixture
def client(app: Emulator) -> Iterator[httpx.Client]:
    with httpx.Client(transport=app.transport(), base_url="http://emu.test",
                      headers={"Fastly-Key": TOKEN}) as http:
        yield http


@pytest.fixture
def sid(client: httpx.Client) -> str:
    """A fresh service (version 1, empty and unlocked)."""
    response = client.post("/service", data={"name": "svc", "comment": "test"})
    assert response.status_code == 200, response.text
    return str(response.json()["id"])
