"""Errors from talking to Fastly: each renders as one readable line, never with the token."""

from __future__ import annotations


class FastlyError(Exception):
    """Base: `str(error)` is a one-line message fit for `fastlysync: <service>: <message>`."""


class ConfigError(FastlyError):
    """No token, an unreadable token file, or an endpoint we refuse to send a token to."""


class ApiError(FastlyError):
    """The API answered with an error status."""

    def __init__(self, method: str, path: str, status: int, msg: str, detail: str | None = None,
                 *, repeated: bool = False, from_fastly: bool = True) -> None:
        self.method = method
        self.path = path
        self.status = status
        self.msg = msg
        self.detail = detail
        self.repeated = repeated
        """Whether an earlier attempt of this request may already have taken effect."""
        self.from_fastly = from_fastly
        """Whether the body was a Fastly error document (`msg`/`errors`), not a proxy's page."""
        super().__init__(f"{method} {path}: {status} {self.reason}")

    @property
    def reason(self) -> str:
        """What Fastly said, without the request: `msg (detail)`, for a message that names
        the step itself ("activation of version 5 refused: ...")."""
        return f"{self.msg} ({self.detail})" if self.detail else self.msg

    @property
    def not_found(self) -> bool:
        """Fastly's own 404: a 404 page from a proxy or a wrong endpoint is not an answer."""
        return self.status == 404 and self.from_fastly

    @property
    def absent(self) -> bool:
        """Fastly saying the service does not exist: its 404, the 400 "Service 'x' not
        found" that search and unknown ids get, or the 400 "Service 'x' is deleted". Any
        other answer is an error, never "absent" (a bad answer read as absent would make
        plan propose creating a live service)."""
        if not self.from_fastly or self.status not in (400, 404):
            return False
        text = f"{self.msg} {self.detail or ''}".lower()
        return self.status == 404 or any(word in text for word in _NOT_FOUND)

    @property
    def duplicate(self) -> bool:
        return self.status == 409


_NOT_FOUND = ("not found", "couldn't find", "cannot find", "could not find", "is deleted")


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


class DeadlineExceeded(TransportError):
    """No complete answer in time (the request's deadline or the command's `--timeout`).

    A TransportError: as after a lost connection, the caller may look at the live state
    (did the activation happen?) before reporting."""

    def __init__(self, message: str, *, sent: bool = True) -> None:
        super().__init__(message)
        self.sent = sent
        """False when the deadline had passed before the request was sent."""


class BadResponse(FastlyError):
    """An answer we refuse to read: too large, nested too deeply, or not HTTP we understand.

    Raised by the transport without the request; the client adds method and path."""


class TlsError(FastlyError):
    """The TLS handshake failed (untrusted certificate, wrong host): retrying cannot help."""


class ProxyError(FastlyError):
    """The proxy refused or broke the CONNECT tunnel."""
