"""Run a service's reads side by side, and fail only once every one of them has ended.

`asyncio.gather` raises the first failure and leaves the other reads running unwatched: the
caller marks the service failed and moves on, and each orphan that fails later is reported by
asyncio itself at shutdown ("unhandled exception during asyncio.run() shutdown", a traceback
per read), after fastlysync's own one-line error.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable
from typing import Any, TypeVar

T = TypeVar("T")


async def gather_all(*jobs: Awaitable[T]) -> list[T]:
    """Every job's result in order; when any failed, the first failure (in job order), raised
    after all have ended."""
    results: list[Any] = await asyncio.gather(*jobs, return_exceptions=True)
    for result in results:
        if isinstance(result, BaseException):
            raise result
    return results
