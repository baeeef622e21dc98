"""Progress on stderr while services are read or applied: only on a terminal.

With colour allowed it is a rich bar; with NO_COLOR / `--no-color` it is a plain counter
redrawn with carriage returns (no escape code at all). Lines printed while it runs
(`Progress.line`) appear above it and stay.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, TextIO

import click

from .terminal import is_terminal, use_color

PROGRESS_MIN = 2
"""No progress for a single service: it would only flash."""


class Progress:
    """`advance()` after each service; `line(text)` prints a lasting line on stdout."""

    def __init__(self, label: str, total: int, stream: TextIO, mode: str) -> None:
        self.label, self.total, self.stream, self.mode = label, total, stream, mode
        self.done = 0
        self._bar: Any = None
        self._task: Any = None
        self._width = 0

    def advance(self) -> None:
        self.done += 1
        if self._bar is not None:
            self._bar.advance(self._task)
        elif self.mode == "plain":
            self._draw()

    def line(self, text: str, *, err: bool = False) -> None:
        if self.mode == "plain":
            self._clear()
        if self._bar is not None and (err or is_terminal(sys.stdout)):
            # stderr is the bar's own stream, and a terminal stdout is the bar's terminal:
            # print above the bar, or the two would tangle
            self._bar.console.print(text, markup=False, highlight=False, soft_wrap=True)
        else:
            click.echo(text, err=err)
        if self.mode == "plain":
            self._draw()

    def _draw(self) -> None:
        text = f"{self.label} {self.done}/{self.total}"
        self._width = max(self._width, len(text))
        self.stream.write("\r" + text.ljust(self._width))
        self.stream.flush()

    def _clear(self) -> None:
        if self._width:
            self.stream.write("\r" + " " * self._width + "\r")
            self.stream.flush()


def mode_for(total: int, stream: TextIO) -> str:
    """"off" (not a terminal, or too few services), "plain" (NO_COLOR) or "rich"."""
    if total < PROGRESS_MIN or not is_terminal(stream):
        return "off"
    return "rich" if use_color(stream) else "plain"


@contextmanager
def progress(label: str, total: int, stream: TextIO | None = None) -> Iterator[Progress]:
    """A progress display for `total` services on `stream` (default stderr)."""
    stream = stream if stream is not None else sys.stderr
    shown = Progress(label, total, stream, mode_for(total, stream))
    if shown.mode == "rich":
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, TimeElapsedColumn
        from rich.progress import Progress as RichProgress

        console = Console(file=stream, highlight=False)
        with RichProgress(label, BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                          console=console, transient=True, redirect_stdout=False) as bar:
            shown._bar, shown._task = bar, bar.add_task(label, total=total)
            yield shown
        return
    try:
        if shown.mode == "plain":
            shown._draw()
        yield shown
    finally:
        if shown.mode == "plain":
            shown._clear()
