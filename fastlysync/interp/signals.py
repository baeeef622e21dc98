"""Control flow out of VCL statements, carried by exceptions (they are rare per request)."""

from __future__ import annotations

from typing import Any


class ActionReturn(Exception):
    """``return(action)``: ends the builtin subroutine (and any custom sub on the way);
    ``error`` and ``restart`` are the actions of their statements. ``where`` is the statement's
    ``(path, line)``, for an error naming the statement when the state does not allow it."""

    where: tuple[str, int] = ("", 0)
    statement = ""

    def __init__(self, action: str) -> None:
        self.action = action


class SubReturn(Exception):
    """``return;`` / ``return value;`` from a custom subroutine."""

    def __init__(self, value: Any = None) -> None:
        self.value = value


class ErrorSignal(Exception):
    """``error status "response";``: straight to vcl_error."""

    where: tuple[str, int] = ("", 0)

    def __init__(self, status: int, response: str | None) -> None:
        self.status = status
        self.response = response


class RestartSignal(Exception):
    """``restart;``: back to vcl_recv."""

    where: tuple[str, int] = ("", 0)


class GotoSignal(Exception):
    def __init__(self, label: str, node: Any) -> None:
        self.label = label
        self.node = node


class BreakSignal(Exception):
    """``break;`` out of a ``switch`` case."""
