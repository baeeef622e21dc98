"""`gather_all`: the first failure is raised only once every job has ended (none is left
running unwatched), results come back in job order."""

from __future__ import annotations

import asyncio

import pytest

from fastlysync.fastly.gather import gather_all


def test_results_in_order() -> None:
    async def job(n: int) -> int:
        await asyncio.sleep(0.01 * (3 - n))
        return n
    assert asyncio.run(gather_all(*(job(n) for n in range(3)))) == [0, 1, 2]


def test_the_first_failure_is_raised_after_every_job_has_ended() -> None:
    ended: list[str] = []

    async def fails_fast() -> None:
        ended.append("fast")
        raise ValueError("first")

    async def fails_late() -> None:
        await asyncio.sleep(0.05)
        ended.append("late")
        raise KeyError("second")

    async def succeeds_late() -> int:
        await asyncio.sleep(0.1)
        ended.append("slow")
        return 1

    async def main() -> None:
        with pytest.raises(ValueError, match="first"):
            await gather_all(fails_fast(), fails_late(), succeeds_late())
        assert sorted(ended) == ["fast", "late", "slow"]  # nothing still running
        pending = [t for t in asyncio.all_tasks() if t is not asyncio.current_task()]
        assert pending == []

    asyncio.run(main())
