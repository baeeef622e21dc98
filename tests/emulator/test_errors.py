"""Errors in the real API's legacy shape (`{"msg", "detail"}`) for every way a call can fail."""

from __future__ import annotations

from typing import Any


def test_errors_like_fastly(emulator: Any) -> None:
    client = emulator.client()
    unknown = client.get("/service/x/nonsense/path")
    assert unknown.status_code == 404 and unknown.json()["msg"] == "Record not found"
    assert client.get("/nothing-here").status_code == 404
    bad_token = emulator.client("not-a-token").get("/service")
    assert bad_token.status_code == 401
    assert bad_token.json() == {"msg": "Provided credentials are missing or invalid"}
    assert emulator.client("not-a-token").get("/tokens/self").status_code == 401
    sid = emulator.create_service("errs")["id"]
    assert client.delete(f"/service/{sid}").json() == {"status": "ok"}
    for gone in (client.get(f"/service/{sid}/details"),
                 client.get(f"/service/{sid}/version/1/generated_vcl"),
                 client.post(f"/service/{sid}/purge_all")):
        assert gone.status_code == 400
        assert gone.json() == {"msg": "Bad request", "detail": f"Service '{sid}' is deleted"}
    live = emulator.create_service("locked")["id"]
    client.put(f"/service/{live}/version/1/activate")
    locked = client.post(f"/service/{live}/version/1/domain", data={"name": "a.example.com"})
    assert locked.status_code == 422
    assert locked.json() == {"msg": "Version locked",
                             "detail": f"Version '1' for service '{live}' is locked"}
    assert client.put(f"/service/{live}/version/1/domain/check_all").status_code == 405
