"""Path matching shared by the route modules."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, Any

from ..errors import ApiError
from ..messages import Request, Response, Route

if TYPE_CHECKING:
    from ..api import FastlyApi


def match(segments: list[str], pattern: str) -> dict[str, str] | None:
    """`{name}` parts of `pattern` (`service/{sid}/diff/from/{a}/to/{b}`), or None."""
    parts = pattern.split("/")
    if len(parts) != len(segments):
        return None
    found: dict[str, str] = {}
    for part, segment in zip(parts, segments, strict=True):
        if part.startswith("{"):
            found[part[1:-1]] = segment
        elif part != segment:
            return None
    return found


def bind(api: FastlyApi, req: Request, pattern: str,
         table: dict[str, tuple[str, Callable[..., Response]]], *,
         limited: bool = True) -> Route | None:
    """A route for `req` when its path matches `pattern`: the handler for its method (called
    with the api, the request, the customer and the path's parameters), else a 405."""
    params = match(req.segments, pattern)
    if params is None:
        return None
    method = "GET" if req.method == "HEAD" and "GET" in table else req.method
    if method not in table:
        return Route(f"{req.method} unsupported", not_allowed, {})
    label, handler = table[method]
    return Route(label, partial(handler, api), dict(params), service_id=params.get("sid"),
                 limited=limited)


def not_allowed(req: Request, customer: str, **_: Any) -> Response:
    """The handler of a known path asked with a method it does not take."""
    raise ApiError(405, "Method not allowed", f"{req.method} is not supported on this path")
