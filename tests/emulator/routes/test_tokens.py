"""`/tokens/self` describes the caller's token without revealing it."""

from __future__ import annotations

from typing import Any


def test_tokens_self(emulator: Any) -> None:
    me = emulator.client().get("/tokens/self", headers={"User-Agent": "probe/1"})
    assert me.status_code == 200
    body = me.json()
    assert body["scope"] == "global" and body["expires_at"] is None
    assert body["user_agent"] == "probe/1" and body["ip"] == "127.0.0.1"
    assert emulator.token not in me.text
    other = emulator.client(emulator.other_token).get("/tokens/self").json()
    assert other["customer_id"] != body["customer_id"] and other["id"] != body["id"]
    assert emulator.client("wrong").get("/tokens/self").status_code == 401
