"""The HTTP client against the emulator: retries, uncertainty, rate-limit budget, errors."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest

from fastlysync.fastly.client import FastlyClient, RateBudget, Reservation
from fastlysync.fastly.config import ClientConfig
from fastlysync.fastly.errors import ApiError, RateLimited, TransportError, Uncertain


def config(emulator: Any, **overrides: Any) -> ClientConfig:
    return ClientConfig(token=overrides.pop("token", emulator.token), endpoint=emulator.url,
                        backoff=0.001, backoff_cap=0.005, **overrides)


def run(emulator: Any, coro_fn: Any, **overrides: Any) -> Any:
    async def main() -> Any:
        async with FastlyClient(config(emulator, **overrides)) as client:
            return await coro_fn(client)
    return asyncio.run(main())


def test_get_retries_5xx_and_dropped_connections(emulator: Any) -> None:
    service = emulator.create_service("retry")
    emulator.admin.add_fault(method="GET", path="/details$", p503=1.0, times=2)
    emulator.admin.add_fault(method="GET", path="/details$", drop=1.0, times=1)

    async def read(client: FastlyClient) -> tuple[Any, int]:
        data = await client.get(f"/service/{service['id']}/details")
        return data, client.stats.retries

    data, retries = run(emulator, read)
    fired = sum(emulator.admin.counters()["faults"].values())
    assert data["id"] == service["id"] and retries == fired >= 2


def test_get_gives_up_after_attempts(emulator: Any) -> None:
    emulator.admin.add_fault(method="GET", path="^/service$", p503=1.0)
    with pytest.raises(TransportError, match="gave up after 3 attempts"):
        run(emulator, lambda c: c.get("/service"), attempts=3)
    assert sum(emulator.admin.counters()["faults"].values()) == 3


def test_post_is_not_repeated_after_a_lost_response(emulator: Any) -> None:
    emulator.admin.add_fault(method="POST", path="^/service$", drop=1.0, after=True, times=1)
    with pytest.raises(Uncertain, match="outcome unknown"):
        run(emulator, lambda c: c.call("POST", "/service", form={"name": "once"}))
    assert emulator.admin.requests()["POST service"] == 1
    names = [s["name"] for s in emulator.client().get("/service").json()]
    assert names == ["once"]  # it did happen: the caller must look before resending


def test_api_errors_are_one_line_with_msg_and_detail(emulator: Any) -> None:
    with pytest.raises(ApiError) as caught:
        run(emulator, lambda c: c.get("/service/nope/version/1/backend/x"))
    error = caught.value
    assert error.status in (400, 404)
    assert "\n" not in str(error) and str(error).startswith("GET /service/nope/")


def test_bad_token_error_never_shows_the_token(emulator: Any) -> None:
    with pytest.raises(ApiError) as caught:
        run(emulator, lambda c: c.get("/service"), token="super-secret-token-value")
    assert caught.value.status in (401, 403)
    assert "super-secret-token-value" not in str(caught.value)


def test_rate_limit_headers_are_tracked_and_429_not_retried(emulator: Any) -> None:
    emulator.admin.set_rate_limit(3)

    async def spend(client: FastlyClient) -> tuple[int | None, str]:
        for i in range(3):
            await client.call("POST", "/service", form={"name": f"s{i}"})
        remaining = client.budget.remaining
        try:
            await client.call("POST", "/service", form={"name": "over"})
        except RateLimited as exc:
            return remaining, str(exc)
        return remaining, "not limited"

    remaining, message = run(emulator, spend)
    assert remaining == 0
    assert "429" in message
    assert emulator.admin.counters()["statuses"].get("429") == 1  # sent once, not retried


def test_budget_reservations() -> None:
    budget = RateBudget(remaining=10, reset=None)
    first = budget.reserve(6)
    assert isinstance(first, Reservation)
    assert budget.reserve(5) is None  # 4 left
    budget.release(first)
    assert budget.reserve(10) is not None
    assert RateBudget().reserve(10**6) is not None  # unknown budget: allowed


@pytest.mark.parametrize("token", ["tok\r\nX-Evil: 1", "tok\x00secret"])
def test_a_header_value_never_appears_in_transport_errors(emulator: Any, token: str) -> None:
    """resolve_config refuses such tokens; should one reach the transport anyway, h11's
    message (which quotes the header) must not carry it out."""
    with pytest.raises(TransportError) as caught:
        run(emulator, lambda c: c.get("/service"), token=token, attempts=1)
    assert "tok" not in str(caught.value) and "Evil" not in str(caught.value)
    assert "invalid header" in str(caught.value)
