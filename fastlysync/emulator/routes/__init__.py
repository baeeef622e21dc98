"""Endpoints beyond the versioned kinds, one module per concern, that a client reads or calls
for a VCL service: domain checks and claims, version diffs, generated VCL, staging, purges, tokens.

Each module's `route(api, req)` answers the paths it owns (or None); `route` here asks them in
turn, before the kind routes (`domain/check_all` would otherwise look like a domain name).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..messages import Request, Route
from . import claims, diff, domains, generated, products, purge, staging, tokens, vcl_views

if TYPE_CHECKING:
    from ..api import FastlyApi

MODULES = (domains, claims, diff, generated, staging, purge, tokens, products, vcl_views)


def route(api: FastlyApi, req: Request) -> Route | None:
    for module in MODULES:
        found = module.route(api, req)
        if found is not None:
            return found
    return None
