"""A local Fastly API for tests and dry runs: `create_app(...)` is the ASGI app.

See `app.Emulator` for the pipeline (auth, rate limit, faults, counters, admin), `api` for
the Fastly semantics of services, versions and the kinds, `routes/` for the other endpoints a
client reads (generated VCL, diffs, domain checks, staging, purges, tokens), `render` for the
wire spellings (`real` by default, `sdk` for strictly typed clients) and `server` for serving
it with uvicorn.
"""

from __future__ import annotations

from .app import Emulator, EmulatorTransport, create_app
from .faults import FaultRule
from .server import BackgroundServer

__all__ = ["BackgroundServer", "Emulator", "EmulatorTransport", "FaultRule", "create_app"]
