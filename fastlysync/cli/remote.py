"""The options every command that talks to the API shares, and the client config they make.

`--token-file`, `--endpoint` and `--concurrency` reach the command as arguments; the
network options (`--ca-bundle`, `--timeout`, `--verbose`) are kept in the click context so
that adding one never changes a command's signature. `client_config` reads both.
"""

from __future__ import annotations

import logging
import math
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from ..fastly.config import DEFAULT_TIMEOUT, ClientConfig, resolve_config
from ..fastly.errors import FastlyError
from ..masking import register
from .output import error

F = TypeVar("F", bound=Callable[..., Any])
META = "fastlysync.remote"
LOG_ENV = "FASTLYSYNC_LOG"


class Seconds(click.FloatRange):
    """A duration of 0 or more seconds; `nan` passes FloatRange's bounds (every comparison
    with it is false) and then meant "no limit" unnoticed, so it is refused here."""

    def __init__(self) -> None:
        super().__init__(min=0)

    def convert(self, value: Any, param: click.Parameter | None,
                ctx: click.Context | None) -> Any:
        seconds = super().convert(value, param, ctx)
        if math.isnan(seconds):
            self.fail(f"{value!r} is not a number of seconds.", param, ctx)
        return seconds


def _keep(ctx: click.Context, param: click.Parameter, value: Any) -> Any:
    ctx.meta.setdefault(META, {})[param.name] = value
    return value


def _verbose(ctx: click.Context, param: click.Parameter, value: bool) -> bool:
    debug_log(value or os.environ.get(LOG_ENV, "").strip().lower() == "debug")
    return value


class _Stderr(logging.StreamHandler):  # type: ignore[type-arg]
    """Writes to whatever sys.stderr is at the time (click's test runner swaps it)."""

    @property  # type: ignore[override]
    def stream(self) -> Any:
        return sys.stderr

    @stream.setter
    def stream(self, value: Any) -> None:
        pass


def debug_log(enabled: bool) -> None:
    """Each API request as one `fastlysync: debug: ...` line on stderr, or none."""
    logger = logging.getLogger("fastlysync.http")
    if not any(isinstance(h, _Stderr) for h in logger.handlers):
        handler = _Stderr()
        handler.setFormatter(logging.Formatter("fastlysync: debug: %(message)s"))
        logger.addHandler(handler)
    logger.setLevel(logging.DEBUG if enabled else logging.WARNING)
    logger.propagate = False


def remote_options(func: F) -> F:
    """--token-file, --endpoint, --concurrency, --ca-bundle, --timeout, --verbose (the token
    itself never goes in argv)."""
    func = click.option("--verbose", "-v", is_flag=True, expose_value=False,
                        callback=_verbose,
                        help=f"Log every API request to stderr (also {LOG_ENV}=debug).")(func)
    func = click.option("--timeout", type=Seconds(), default=DEFAULT_TIMEOUT,
                        show_default=True, expose_value=False, callback=_keep,
                        help="Seconds the whole command may spend on the API (0: no "
                             "limit); each request also has its own 30 s deadline.")(func)
    func = click.option("--ca-bundle", type=click.Path(path_type=Path, exists=True),
                        default=None, expose_value=False, callback=_keep,
                        help="PEM file (or folder) of CA certificates to trust instead of "
                             "the system's, e.g. a proxy that intercepts TLS (default: "
                             "$SSL_CERT_FILE / $SSL_CERT_DIR).")(func)
    func = click.option("--concurrency", type=click.IntRange(1, 256), default=None,
                        help="API requests in flight at once (default 64).")(func)
    func = click.option("--endpoint", metavar="URL", default=None,
                        help="API endpoint (default: $FASTLY_API_ENDPOINT or "
                             "https://api.fastly.com).")(func)
    func = click.option("--token-file", type=click.Path(path_type=Path, dir_okay=False),
                        default=None,
                        help="File holding the API token (default: $FASTLY_API_TOKEN).")(func)
    return func


def client_config(token_file: Path | None, endpoint: str | None,
                  concurrency: int | None) -> ClientConfig:
    """The config from the options (and the environment); a bad one exits 1 with one line."""
    ctx = click.get_current_context(silent=True)
    extra = ctx.meta.get(META, {}) if ctx is not None else {}
    try:
        config = resolve_config(token_file=token_file, endpoint=endpoint,
                                concurrency=concurrency, ca_bundle=extra.get("ca_bundle"),
                                timeout=extra.get("timeout", DEFAULT_TIMEOUT))
        register([config.token])  # from --token-file too: masked in everything printed
        return config
    except FastlyError as exc:
        error(str(exc))
        sys.exit(1)
