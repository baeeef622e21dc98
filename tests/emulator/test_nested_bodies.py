"""JSON request bodies nested thousands deep are a 400, not a crash (RecursionError in the
parser), on the real server: object writes, batch endpoints and the admin surface."""

from __future__ import annotations

from typing import Any

import pytest

DEEP = b"[" * 100_000 + b"]" * 100_000
DEEP_OBJECT = b'{"a":' * 50_000 + b"1" + b"}" * 50_000


@pytest.mark.parametrize("body", [DEEP, DEEP_OBJECT, b'{"items": ' + DEEP + b"}"])
def test_deeply_nested_json_is_a_400(emulator: Any, body: bytes) -> None:
    service = emulator.create_service("nested")
    sid = service["id"]
    http = emulator.client()
    dictionary = http.post(f"/service/{sid}/version/1/dictionary", data={"name": "d"}).json()
    targets = [("POST", f"/service/{sid}/version/1/backend"),
               ("PATCH", f"/service/{sid}/dictionary/{dictionary['id']}/items")]
    for method, path in targets:
        response = http.request(method, path, content=body,
                                headers={"content-type": "application/json"})
        assert response.status_code == 400, (method, path, response.text)
        assert response.json()["msg"] == "Bad request"
    assert emulator.app.internal_errors == 0

