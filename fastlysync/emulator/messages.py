"""A parsed API request and the response a handler returns, shared by every transport."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any


@dataclass
class Request:
    method: str
    segments: list[str]
    """Percent-decoded path segments (`%2F` inside a name stays inside its segment)."""
    query: dict[str, list[str]] = field(default_factory=dict)
    headers: dict[str, str] = field(default_factory=dict)
    """Lower-case names."""
    body: bytes = b""
    client: str | None = "127.0.0.1"
    base_url: str = "http://127.0.0.1"

    def arg(self, name: str) -> str | None:
        values = self.query.get(name)
        return values[-1] if values else None


@dataclass
class Response:
    status: int
    data: Any = None
    headers: dict[str, str] = field(default_factory=dict)
    raw: bytes | None = None
    """Pre-rendered body (the details cache), used instead of `data`."""

    def body(self) -> bytes:
        if self.raw is not None:
            return self.raw
        return json.dumps(self.data, separators=(",", ":"), ensure_ascii=False).encode()


@dataclass
class Route:
    label: str
    """Counter label: method and what was addressed (`GET details`, `POST backend`)."""
    handler: Callable[..., Response]
    params: dict[str, Any]
    service_id: str | None = None
    limited: bool = True
    """Whether a write here counts against the hourly rate limit (URL and surrogate-key
    purges do not)."""
