"""The emulator in SDK wire mode, for tests that drive the official Python SDK.

fastly-py checks every response against its declared types, which differ from what the real
API sends in a few places (syslog `port`, ACL entry `negated`, director `backends`); the
emulator's `sdk` wire mode answers in the SDK's types. Test modules that use the SDK import
these fixtures, which replace the suite's real-wire `emulator` for that module.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from fastlysync.emulator import BackgroundServer, create_app
from fastlysync.emulator.admin import AdminClient
from tests.conftest import ADMIN_TOKEN, OTHER_TOKEN, TOKEN, EmulatorHandle


@pytest.fixture(scope="session")
def sdk_emulator_server() -> Iterator[BackgroundServer]:
    app = create_app(tokens=[TOKEN, OTHER_TOKEN], seed=4321, wire_mode="sdk",
                     admin_token=ADMIN_TOKEN)
    server = BackgroundServer(app).start()
    try:
        yield server
    finally:
        server.stop()
        app.close()


@pytest.fixture(name="emulator")
def sdk_emulator(sdk_emulator_server: BackgroundServer) -> Iterator[EmulatorHandle]:
    """Like the suite's `emulator`, reset for this test, but answering in the SDK's types."""
    admin = AdminClient(sdk_emulator_server.url, token=ADMIN_TOKEN)
    admin.reset()
    handle = EmulatorHandle(url=sdk_emulator_server.url, token=TOKEN, other_token=OTHER_TOKEN,
                            admin=admin, app=sdk_emulator_server.app)
    try:
        yield handle
        assert handle.app.internal_errors == 0, "the emulator crashed: see its log"
    finally:
        handle.close_clients()
        admin.close()
