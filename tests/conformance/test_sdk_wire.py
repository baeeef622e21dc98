"""Each SDK wire difference exists because fastly-py refuses the real answer: checked here
for the products `_links` (the others are checked where they are served)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from emulator.replay_differences import SDK_WIRE
from fastly.exceptions import ApiValueError

from fastlysync.emulator import BackgroundServer
from tests.conftest import EmulatorHandle, reset_handle

from .sdk_mode import sdk_emulator_server  # noqa: F401  (SDK wire mode)
from .sdk_oracle import check, response_type

PRODUCT = "/enabled-products/v1/brotli_compression/services/{service_id}"


@pytest.fixture
def sdk_wire(sdk_emulator_server: BackgroundServer) -> Iterator[EmulatorHandle]:  # noqa: F811
    yield from reset_handle(sdk_emulator_server)


def test_products_links_self(emulator: Any, sdk_wire: EmulatorHandle) -> None:
    assert any("_links" in entry.where for entry in SDK_WIRE)
    declared = response_type("PUT", PRODUCT)
    answers = []
    for handle in (emulator, sdk_wire):
        sid = handle.create_service("links")["id"]
        answers.append(handle.client().put(PRODUCT.replace("{service_id}", sid)).json())
    real, sdk = answers
    assert real["_links"] == {"self": f"/enabled-products/v1/brotli_compression/services/"
                                      f"{real['service']['id']}"}
    with pytest.raises(ApiValueError, match="_self"):
        check(declared, real)
    assert sdk["_links"] == {}
    check(declared, sdk)
    listed = response_type("GET", "/enabled-products/v1/brotli_compression/services")
    with pytest.raises(ApiValueError, match="_self"):
        check(listed, emulator.client().get("/enabled-products/v1/brotli_compression/services")
              .json())
