"""The hourly write limit: counted per token, headers on writes only, the real 429 body."""

from __future__ import annotations

import httpx

from fastlysync.emulator import create_app

from .conftest import OTHER, TOKEN

BODY = {"msg": "You have exceeded your hourly rate limit. Please contact support@fastly.com if "
               "you think this is a mistake."}


class Clock:
    def __init__(self, now: float) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


def test_fixed_hourly_window_per_token() -> None:
    clock = Clock(1_700_000_100.0)
    app = create_app(tokens=[TOKEN, OTHER], rate_limit=3, clock=clock)
    client = httpx.Client(transport=app.transport(), base_url="http://emu.test",
                          headers={"Fastly-Key": TOKEN})
    top_of_hour = str((int(clock.now) // 3600 + 1) * 3600)
    remaining = []
    for i in range(3):
        response = client.post("/service", data={"name": f"s{i}"})
        assert response.status_code == 200
        assert response.headers["fastly-ratelimit-reset"] == top_of_hour
        remaining.append(response.headers["fastly-ratelimit-remaining"])
    assert remaining == ["2", "1", "0"]

    limited = client.post("/service", data={"name": "one too many"})
    assert limited.status_code == 429 and limited.json() == BODY
    assert "retry-after" not in limited.headers
    assert limited.headers["fastly-ratelimit-remaining"] == "0"
    assert len(client.get("/service").json()) == 3  # the refused write did nothing

    listed = client.get("/service")
    assert listed.status_code == 200 and "fastly-ratelimit-remaining" not in listed.headers
    other = client.post("/service", data={"name": "b"}, headers={"Fastly-Key": OTHER})
    assert other.status_code == 200 and other.headers["fastly-ratelimit-remaining"] == "2"

    clock.now += 3600
    assert client.post("/service", data={"name": "next hour"}).status_code == 200


def test_errors_count_and_carry_headers() -> None:
    app = create_app(tokens=[TOKEN], rate_limit=2)
    client = httpx.Client(transport=app.transport(), base_url="http://emu.test",
                          headers={"Fastly-Key": TOKEN})
    missing = client.delete("/service/nope")
    assert missing.status_code == 400 and missing.headers["fastly-ratelimit-remaining"] == "1"
    assert client.get("/service/nope").headers.get("fastly-ratelimit-remaining") is None
    client.put("/service/nope")
    assert client.post("/service", data={"name": "x"}).status_code == 429
