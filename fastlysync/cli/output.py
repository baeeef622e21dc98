"""Output helpers every command shares: `--format`, problem lines, JSON, no tracebacks."""

from __future__ import annotations

import functools
import json
import sys
from collections.abc import Callable, Iterable, Sequence
from typing import Any, Protocol, TypeVar

import click

F = TypeVar("F", bound=Callable[..., Any])


class Problem(Protocol):
    """Anything with a location and a message (SpecError, lint diagnostics)."""

    path: str
    line: int
    column: int
    message: str


def format_option(*choices: str, default: str = "text") -> Callable[[F], F]:
    """`--format` with the given choices, passed to the command as `fmt`."""
    return click.option("--format", "fmt", type=click.Choice(list(choices)), default=default,
                        show_default=True, help="Output format.")


def problem_line(problem: Problem) -> str:
    """`path:line:col: message`, or `path: message` when there is no position."""
    if problem.line <= 0:
        return f"{problem.path}: {problem.message}"
    return f"{problem.path}:{problem.line}:{problem.column}: {problem.message}"


def problem_dict(problem: Problem) -> dict[str, Any]:
    return {"path": str(problem.path), "line": problem.line, "column": problem.column,
            "message": problem.message}


def print_json(data: Any) -> None:
    click.echo(json.dumps(data, indent=2, ensure_ascii=False))


MAX_PRINTED = 200
"""Problems printed as text at most: a generated spec with thousands of errors must not flood
a terminal or a CI log."""


def print_problems(problems: Sequence[Problem], fmt: str) -> None:
    """Text: one line each on stderr. JSON: a list of {path, line, column, message} on stdout."""
    if fmt == "json":
        print_json([problem_dict(p) for p in problems])
        return
    for problem in problems[:MAX_PRINTED]:
        click.echo(problem_line(problem), err=True)
    if len(problems) > MAX_PRINTED:
        click.echo(f"fastlysync: {len(problems) - MAX_PRINTED} more problems not shown "
                   "(--format json lists them all)", err=True)


def error(message: str) -> None:
    """A problem without a location: `fastlysync: message` on stderr, always one line (a
    live name holding a line break cannot forge a second line, such as `::error::`)."""
    from ..masking import printable

    click.echo(f"fastlysync: {printable(message)}", err=True)


def plural(count: int, word: str, many: str | None = None) -> str:
    return f"{count} {word if count == 1 else (many or word + 's')}"


def count_files(paths: Iterable[object]) -> int:
    return len({str(p) for p in paths})


def guarded(func: F) -> F:
    """Turn any unexpected exception into a `fastlysync: ...` line and exit 1 (no traceback).

    click's own exits and usage errors pass through untouched.
    """

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except (click.exceptions.Exit, click.ClickException, click.Abort, SystemExit):
            raise
        except KeyboardInterrupt:
            error("interrupted")
            sys.exit(130)
        except BrokenPipeError:
            sys.exit(1)
        except Exception as exc:  # the promise is: never a traceback
            detail = str(exc).splitlines()[0] if str(exc) else ""
            error(f"internal error: {type(exc).__name__}" + (f": {detail}" if detail else ""))
            sys.exit(1)

    return wrapper  # type: ignore[return-value]
