"""Everything one request carries through the state machine: headers, variables, trace."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from typing import Any

from .headers import Headers
from .values import IP, BackendRef, RTime, Time


@dataclass
class Request:
    """What a test case sends."""

    method: str = "GET"
    url: str = "/"
    headers: list[tuple[str, str]] = field(default_factory=list)
    client_ip: str = "203.0.113.10"
    geo: dict[str, Any] = field(default_factory=dict)
    tls_client: dict[str, Any] = field(default_factory=dict)
    tls: bool = True
    tls_protocol: str = "TLSv1.3"
    http2: bool = False
    body: str = ""
    host: str = ""


@dataclass
class BackendAnswer:
    status: int = 200
    headers: list[tuple[str, str]] = field(default_factory=list)
    body: str = ""
    unreachable: bool = False


@dataclass
class CachedObject:
    status: int
    response: str
    headers: Headers
    body: str
    stored_at: float
    ttl: float
    grace: float = 0.0
    pass_marker: bool = False
    hits: int = 0
    gzip: bool = False
    """Stored compressed (beresp.gzip): served gzipped to clients that accept it."""


@dataclass
class Step:
    """One line of the trace: a subroutine entered or a statement run."""

    path: str
    line: int
    text: str
    depth: int = 0


@dataclass
class State:
    """The mutable state of one request (across restarts)."""

    request: Request
    now: Time
    rng: random.Random
    client_ip: IP | None
    scope: str = "recv"
    vars: dict[str, Any] = field(default_factory=dict)
    req: Headers = field(default_factory=Headers)
    bereq: Headers = field(default_factory=Headers)
    beresp: Headers = field(default_factory=Headers)
    obj: Headers = field(default_factory=Headers)
    resp: Headers = field(default_factory=Headers)
    backend: BackendRef | None = None
    restarts: int = 0
    hash: list[str] = field(default_factory=list)
    groups: list[str | None] = field(default_factory=list)
    body: str = ""
    logs: list[tuple[str, str]] = field(default_factory=list)
    subs: list[str] = field(default_factory=list)
    steps: list[Step] | None = None
    outcome: str = ""  # hit, miss, pass, error, synthetic
    backend_used: str | None = None
    fetches: int = 0
    notes: list[str] = field(default_factory=list)
    ttl: RTime = field(default_factory=lambda: RTime(0))
    counter: int = 0
    deadline: float = float("inf")
    """``time.perf_counter()`` value after which the request is stopped."""
    pop: dict[str, Any] = field(default_factory=dict)
    """State of the POP that outlives one request (rate counters, penalty boxes)."""
