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


def test_verify_names_customer_user_services_and_token(emulator: Any) -> None:
    sid = emulator.create_service("mine")["id"]
    emulator.client(emulator.other_token).post("/service", data={"name": "theirs"})
    answer = emulator.client().get("/verify")
    assert answer.status_code == 200 and emulator.token not in answer.text
    body = answer.json()
    assert body["services"] == {sid: "mine"}  # this account's services only
    assert body["token"]["scope"] == "global" and body["user"]["login"]
    me = emulator.client().get("/tokens/self").json()
    assert body["token"]["id"] == me["id"] and body["customer"]["id"] == me["customer_id"]

