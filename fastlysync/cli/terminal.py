"""Terminal conventions every command follows: colour only on a terminal and never with
NO_COLOR or `--no-color`; FORCE_COLOR forces it on (CI logs that render ANSI).

`--no-color` is added to every command by the command group, so each renderer only asks
`use_color(stream)`.
"""

from __future__ import annotations

import os
import sys
from typing import TextIO

import click

NO_COLOR_KEY = "fastlysync.no_color"


def _flag_set() -> bool:
    ctx = click.get_current_context(silent=True)
    while ctx is not None:
        if ctx.meta.get(NO_COLOR_KEY):
            return True
        ctx = ctx.parent
    return False


def use_color(stream: TextIO | None = None) -> bool:
    """Whether to write ANSI colour to `stream` (default stdout)."""
    if _flag_set() or os.environ.get("NO_COLOR", "") != "":
        return False
    if os.environ.get("FORCE_COLOR", "") != "":
        return True
    return is_terminal(stream if stream is not None else sys.stdout)


def is_terminal(stream: TextIO) -> bool:
    """Whether `stream` is a terminal (a closed or file-less stream is not)."""
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def _set_no_color(ctx: click.Context, _param: click.Parameter, value: bool) -> bool:
    if value:
        ctx.meta[NO_COLOR_KEY] = True
    return value


def no_color_option() -> click.Option:
    """`--no-color`, as a parameter object the group appends to each command."""
    return click.Option(["--no-color"], is_flag=True, expose_value=False, is_eager=True,
                        callback=_set_no_color,
                        help="No ANSI colour (also: the NO_COLOR environment variable).")
