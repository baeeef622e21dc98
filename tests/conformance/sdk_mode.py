"""The emulator in SDK wire mode, for tests that drive the official Python SDK.

fastly-py checks every response against its declared types, which differ from what the real
API sends in a few places (syslog `port`, ACL entry `negated`, director `backends`: each is
listed in `SDK_WIRE` in tests/emulator/replay_differences.py); the emulator's `sdk` wire mode
answers in the SDK's types. Test modules that use the SDK import
these fixtures, which replace the suite's real-wire `emulator` for that module.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import fastly
import pytest

from fastlysync.emulator import BackgroundServer
from fastlysync.kinds import Kind
from tests.conftest import EmulatorHandle, reset_handle, serve_emulator


def sdk_client(emulator: EmulatorHandle) -> fastly.ApiClient:
    """The official SDK's client on `emulator`, without retries (a failure shows at once)."""
    conf = fastly.Configuration(host=emulator.url)
    conf.api_token = emulator.token
    conf.retries = 0
    return fastly.ApiClient(conf)


@pytest.fixture(scope="session")
def sdk_emulator_server() -> Iterator[BackgroundServer]:
    yield from serve_emulator(seed=4321, wire_mode="sdk")


@pytest.fixture(name="emulator")
def sdk_emulator(sdk_emulator_server: BackgroundServer) -> Iterator[EmulatorHandle]:
    """Like the suite's `emulator`, reset for this test, but answering in the SDK's types."""
    yield from reset_handle(sdk_emulator_server)


def sdk_typed(kind: Kind, body: dict[str, str]) -> dict[str, Any]:
    """A form body with the Python types the SDK's keyword arguments take."""
    out: dict[str, Any] = {}
    for field, value in body.items():
        info = kind.model.model_fields.get(field)
        annotation = info.annotation if info else str
        if annotation is int:
            out[field] = int(value)
        elif annotation is bool:
            out[field] = value.lower() in ("1", "true")
        else:
            out[field] = value
    return out
