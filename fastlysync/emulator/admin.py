"""The emulator's admin endpoints (`/_emulator/...`): who may call them, and a small client.

They can dump every account's secrets, mint tokens and wipe state, so they answer only on
loopback and only with the admin token in the `Fastly-Emulator-Admin` header (compared in
constant time). The token is given (`--admin-token`, `$FASTLYSYNC_EMULATOR_ADMIN_TOKEN`) or
generated and printed at start. `GET /_emulator/health` alone needs none (readiness probes).

The client is used by the pytest fixture, the benchmarks and anyone scripting the emulator.
"""

from __future__ import annotations

import hmac
import os
import secrets
from typing import Any

import httpx

ADMIN_HEADER = "Fastly-Emulator-Admin"
ADMIN_TOKEN_ENV = "FASTLYSYNC_EMULATOR_ADMIN_TOKEN"


def new_admin_token() -> str:
    return "adm_" + secrets.token_urlsafe(24)


def admin_allowed(given: str | None, token: str) -> bool:
    return bool(given) and hmac.compare_digest(str(given).encode(), token.encode())


class AdminClient:
    def __init__(self, url: str, *, token: str | None = None,
                 transport: httpx.BaseTransport | None = None) -> None:
        """`token`: the emulator's admin token (default: $FASTLYSYNC_EMULATOR_ADMIN_TOKEN)."""
        token = token or os.environ.get(ADMIN_TOKEN_ENV, "")
        self._http = httpx.Client(base_url=url.rstrip("/") + "/_emulator", timeout=30,
                                  transport=transport, headers={ADMIN_HEADER: token})

    def _call(self, method: str, path: str, body: Any = None) -> Any:
        response = self._http.request(method, path, json=body)
        response.raise_for_status()
        return response.json()

    def health(self) -> dict[str, Any]:
        return dict(self._call("GET", "/health"))

    def reset(self) -> None:
        """Delete every service and clear counters, faults and rate-limit usage."""
        self._call("POST", "/reset")

    def counters(self) -> dict[str, Any]:
        """{"requests": {"GET details": n, ...}, "statuses": {...}, "faults": {...}, "total"}."""
        return dict(self._call("GET", "/counters"))

    def requests(self) -> dict[str, int]:
        return dict(self.counters()["requests"])

    def reset_counters(self) -> None:
        self._call("DELETE", "/counters")

    def set_faults(self, rules: list[dict[str, Any]], seed: int | None = None) -> list[Any]:
        """Replace the fault rules; each is a dict of FaultRule fields (method, path, latency,
        drop, p500, p503, p429, after, times)."""
        return list(self._call("PUT", "/faults", {"rules": rules, "seed": seed})["rules"])

    def add_fault(self, **rule: Any) -> list[Any]:
        return list(self._call("POST", "/faults", rule)["rules"])

    def faults(self) -> list[Any]:
        return list(self._call("GET", "/faults")["rules"])

    def clear_faults(self) -> None:
        self._call("DELETE", "/faults")

    def set_rate_limit(self, limit: int) -> None:
        self._call("PUT", "/ratelimit", {"limit": limit})

    def reset_rate_limit(self) -> None:
        self._call("DELETE", "/ratelimit")

    def add_account(self, token: str | None = None) -> str:
        return str(self._call("POST", "/accounts", {"token": token} if token else {})["token"])

    def dump(self) -> list[list[Any]]:
        """Every stored row as [table, key, value] (accounts left out)."""
        return list(self._call("GET", "/dump")["tables"])

    def close(self) -> None:
        self._http.close()
