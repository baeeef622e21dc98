"""Each SDK wire difference exists because fastly-py refuses the real answer: the products
`_links`, and every field a kind declares with an SDK spelling of its own."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from emulator.replay_differences import SDK_WIRE
from emulator.samples import minimal_body, named_kinds
from fastly.exceptions import ApiTypeError, ApiValueError

from fastlysync.emulator import BackgroundServer
from fastlysync.kinds import KINDS, Kind
from tests.conftest import EmulatorHandle, reset_handle

from .sdk_mode import sdk_emulator_server  # noqa: F401  (SDK wire mode)
from .sdk_oracle import check, kind_item_path, response_type

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


def _bent_fields(kind: Kind) -> list[str]:
    """Fields the kind's declaration spells (or sends) differently for the SDK than on the
    real wire."""
    bent = {name for name, spelling in kind.unset_wire.items()
            if spelling in ("omit", "sdk_blank", "real_blank")}
    return sorted(bent | set(kind.real_wire) | set(kind.real_extras))


@pytest.mark.parametrize("kind", [k for k in named_kinds(KINDS) if _bent_fields(k)],
                         ids=lambda k: k.name)
def test_each_declared_sdk_spelling_is_needed(emulator: Any, sdk_wire: EmulatorHandle,
                                              kind: Kind) -> None:
    """The SDK accepts the SDK wire's answer, and refuses it with any one field as the real
    wire spells it: each declared difference is there because fastly-py needs it."""
    answers = []
    for handle in (emulator, sdk_wire):
        client = handle.client()
        sid = handle.create_service(f"bent-{kind.name}")["id"]
        base = f"/service/{sid}/version/1/{kind.api_path}"
        created = client.post(base, data=minimal_body(kind))
        assert created.status_code == 200, created.text
        answers.append(client.get(f"{base}/{created.json()['name']}").json())
    real, sdk = answers
    _path, declared = kind_item_path(kind.api_path)
    check(declared, sdk)
    for field in _bent_fields(kind):
        prefixed = kind.wire_prefix + field
        assert real.get(prefixed, "absent") != sdk.get(prefixed, "absent"), field
        spelled = {key: value for key, value in sdk.items() if key != prefixed}
        if prefixed in real:
            spelled[prefixed] = real[prefixed]
        with pytest.raises((ApiTypeError, ApiValueError)):
            check(declared, spelled)
