"""A domain another account's service holds cannot be added (or renamed to)."""

from __future__ import annotations

from typing import Any

TAKEN = {"msg": "Bad request",
         "detail": "Domain 'shop.example.com' is already taken by another customer"}


def test_a_domain_belongs_to_one_account(emulator: Any) -> None:
    ours, theirs = emulator.client(), emulator.client(emulator.other_token)
    held = theirs.post("/service", data={"name": "theirs"}).json()["id"]
    assert theirs.post(f"/service/{held}/version/1/domain",
                       data={"name": "shop.example.com"}).status_code == 200
    sid = emulator.create_service("ours")["id"]
    refused = ours.post(f"/service/{sid}/version/1/domain", data={"name": "Shop.Example.com"})
    assert refused.status_code == 400
    assert refused.json() == {**TAKEN, "detail": TAKEN["detail"].replace(
        "shop.example.com", "Shop.Example.com")}
    assert ours.get(f"/service/{sid}/version/1/domain").json() == []

    assert ours.post(f"/service/{sid}/version/1/domain",
                     data={"name": "www.example.com"}).status_code == 200
    renamed = ours.put(f"/service/{sid}/version/1/domain/www.example.com",
                       data={"name": "shop.example.com"})
    assert (renamed.status_code, renamed.json()) == (400, TAKEN)
    assert ours.put(f"/service/{sid}/version/1/domain/www.example.com",
                    data={"comment": "kept"}).json()["comment"] == "kept"
    # the same account may use a name on two of its services; a deleted service frees it
    other = theirs.post("/service", data={"name": "theirs-2"}).json()["id"]
    assert theirs.post(f"/service/{other}/version/1/domain",
                       data={"name": "shop.example.com"}).status_code == 200
    for service in (held, other):
        assert theirs.delete(f"/service/{service}").status_code == 200
    assert ours.post(f"/service/{sid}/version/1/domain",
                     data={"name": "shop.example.com"}).status_code == 200


def test_a_locked_version_is_reported_before_the_claim(emulator: Any) -> None:
    ours, theirs = emulator.client(), emulator.client(emulator.other_token)
    held = theirs.post("/service", data={"name": "theirs"}).json()["id"]
    theirs.post(f"/service/{held}/version/1/domain", data={"name": "shop.example.com"})
    sid = emulator.create_service("ours")["id"]
    assert ours.put(f"/service/{sid}/version/1/activate").status_code == 200
    locked = ours.post(f"/service/{sid}/version/1/domain", data={"name": "shop.example.com"})
    assert (locked.status_code, locked.json()["msg"]) == (422, "Version locked")
    counted = emulator.admin.requests()
    assert counted["POST domain"] == 2  # the label the generic route counts under
