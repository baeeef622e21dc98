"""A local Fastly API for tests and dry runs: `create_app(...)` is the ASGI app.

See `app.Emulator` for the pipeline (auth, rate limit, faults, counters, admin), `api` for
the Fastly semantics and `server` for serving it with uvicorn.
"""

from __future__ import annotations

from .app import Emulator, EmulatorTransport, create_app
from .faults import FaultRule
from .server import BackgroundServer

__all__ = ["BackgroundServer", "Emulator", "EmulatorTransport", "FaultRule", "create_app"]
