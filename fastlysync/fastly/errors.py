"""Errors from talking to Fastly: each renders as one readable line, never with the token."""

from __future__ import annotations


class FastlyError(Exception):
    """Base: `str(error)` is a one-line message fit for `fastlysync: <service>: <message>`."""


class ConfigError(FastlyError):
    """No token, an unreadable token file, or an endpoint we refuse to send a token to."""


class ApiError(FastlyError):
    """The API answered with an error status."""

    def __init__(self, method: str, path: str, status: int, msg: str, detail: str | None = None,
                 *, repeated: bool = False) -> None:
        self.method = method
        self.path = path
        self.status = status
        self.msg = msg
        self.detail = detail
        self.repeated = repeated
        """Whether an earlier attempt of this request may already have taken effect."""
        text = f"{method} {path}: {status} {msg}"
        if detail:
            text += f" ({detail})"
        super().__init__(text)

    @property
    def not_found(self) -> bool:
        return self.status == 404

    @property
    def duplicate(self) -> bool:
        return self.status == 409


class RateLimited(ApiError):
    """429: the hourly write budget is spent; retrying before the reset is pointless."""

    def __init__(self, method: str, path: str, msg: str, reset: int | None) -> None:
        super().__init__(method, path, 429, msg)
        self.reset = reset


class TransportError(FastlyError):
    """The API could not be reached (after retries where retrying was safe)."""


class Uncertain(FastlyError):
    """A request that is not safe to repeat failed in a way that leaves its effect unknown.

    The caller checks the live state (by name) before sending it again.
    """

    def __init__(self, method: str, path: str, reason: str) -> None:
        self.method = method
        self.path = path
        super().__init__(f"{method} {path}: outcome unknown ({reason})")
