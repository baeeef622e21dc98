"""Control flow out of VCL statements, carried by exceptions (they are rare per request)."""

from __future__ import annotations

from typing import Any


class ActionReturn(Exception):
    """``return(action)``: ends the builtin subroutine (and any custom sub on the way)."""

    def __init__(self, action: str) -> None:
        self.action = action


class SubReturn(Exception):
    """``return;`` / ``return value;`` from a custom subroutine."""

    def __init__(self, value: Any = None) -> None:
        self.value = value


class ErrorSignal(Exception):
    """``error status "response";``: straight to vcl_error."""

    def __init__(self, status: int, response: str | None) -> None:
        self.status = status
        self.response = response


class RestartSignal(Exception):
    """``restart;``: back to vcl_recv."""


class GotoSignal(Exception):
    def __init__(self, label: str, node: Any) -> None:
        self.label = label
        self.node = node


class BreakSignal(Exception):
    """``break;`` out of a ``switch`` case."""
