"""Why a run of VCL stopped early: unsupported features, runtime errors and Fastly's limits."""

from __future__ import annotations


class VclRuntimeError(Exception):
    """A problem running VCL, with the place it happened (``file:line``)."""

    kind = "error"

    def __init__(self, message: str, path: str = "", line: int = 0) -> None:
        super().__init__(message)
        self.message = message
        self.path = path
        self.line = line

    @property
    def where(self) -> str:
        return f"{self.path}:{self.line}" if self.path else ""

    def __str__(self) -> str:
        return f"{self.message} at {self.where}" if self.where else self.message


class Unsupported(VclRuntimeError):
    """A builtin function or statement the interpreter does not model: never a guessed answer."""

    kind = "unsupported"

    def __init__(self, name: str, path: str = "", line: int = 0) -> None:
        super().__init__(f"unsupported: {name}", path, line)
        self.name = name


class LimitExceeded(VclRuntimeError):
    """A hostile or runaway program hit one of the interpreter's limits (restarts, depth, steps,
    regex time)."""

    kind = "limit"
