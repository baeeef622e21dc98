"""`fastlysync emulator`: serve a local Fastly API (for tests, demos and dry runs)."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ..fastly.config import clean_token, token_file_text
from ..fastly.errors import ConfigError
from .output import guarded


def file_tokens(path: Path) -> list[str]:
    """The tokens of a --token-file, one per line, each checked as clients check theirs (a
    binary file or a control character is a one-line error that never shows the value)."""
    tokens = [clean_token(line, f"token file {path} (line {number})")
              for number, line in enumerate(token_file_text(path).splitlines(), 1)
              if line.strip()]
    if not tokens:
        raise ConfigError(f"token file {path} holds no token")
    return tokens


@click.command("emulator")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8787, show_default=True, type=click.IntRange(0, 65535),
              help="Port to listen on (0: any free port).")
@click.option("--state", "state", type=click.Path(dir_okay=False, writable=True),
              help="SQLite file that keeps state across restarts (default: memory only).")
@click.option("--token", "tokens", multiple=True, metavar="TOKEN",
              help="Accept this API token; each token is a separate account (repeatable). "
                   "Without one, a token is generated and printed.")
@click.option("--token-file", type=click.Path(dir_okay=False, path_type=Path),
              help="Read tokens from this file, one per line (keeps them out of argv).")
@click.option("--rate-limit", default=1000, show_default=True, type=click.IntRange(0),
              help="Non-GET requests per token per hour.")
@click.option("--fault", "faults", multiple=True, metavar="SPEC",
              help="Inject faults, e.g. 'method=PUT path=/clone$ p503=0.5 latency=200ms' "
                   "(keys: method, path, latency, drop, p500, p503, p429, after, times).")
@click.option("--seed", type=int, help="Seed ids and fault rolls, for reproducible runs.")
@click.option("--wire", "wire_mode", type=click.Choice(["real", "sdk"]), default="real",
              show_default=True,
              help="real: field types as Fastly sends them (default); sdk: as the official "
                   "Python SDK declares them, for clients that check types strictly.")
@click.option("--base-url", help="Public URL used in Link headers (default: from Host).")
@click.option("--admin-token", envvar="FASTLYSYNC_EMULATOR_ADMIN_TOKEN", metavar="TOKEN",
              help="Token the /_emulator admin endpoints require (default: generated and "
                   "printed; also $FASTLYSYNC_EMULATOR_ADMIN_TOKEN).")
@click.option("--tls-cert", type=click.Path(exists=True, dir_okay=False),
              help="Serve https with this PEM certificate (chain); needs --tls-key.")
@click.option("--tls-key", type=click.Path(exists=True, dir_okay=False),
              help="PEM private key of --tls-cert.")
@click.option("--access-log/--no-access-log", default=True, show_default=True,
              help="One line per request on stderr: client, method, path, status, ms.")
@guarded
def emulator(host: str, port: int, state: str | None, tokens: tuple[str, ...],
             token_file: Path | None, rate_limit: int, faults: tuple[str, ...],
             seed: int | None, wire_mode: str, base_url: str | None,
             admin_token: str | None, tls_cert: str | None, tls_key: str | None,
             access_log: bool) -> None:
    """Serve the Fastly API locally until stopped (Ctrl-C)."""
    from ..emulator.admin import ADMIN_TOKEN_ENV, new_admin_token
    from ..emulator.app import create_app
    from ..emulator.faults import FaultRule
    from ..emulator.server import Tls, bind, enable_access_log, serve

    if (tls_cert is None) != (tls_key is None):
        raise click.UsageError("--tls-cert and --tls-key go together")
    tls = Tls(tls_cert, tls_key) if tls_cert and tls_key else None
    if tls is not None:
        try:
            tls.check()
        except (OSError, ValueError) as exc:  # ssl.SSLError is an OSError
            click.echo(f"fastlysync: --tls-cert/--tls-key: {_reason(exc)}", err=True)
            sys.exit(1)

    if token_file is not None:
        try:
            tokens = (*tokens, *file_tokens(token_file))
        except ConfigError as exc:
            click.echo(f"fastlysync: {exc}", err=True)
            sys.exit(1)
    try:
        rules = [FaultRule.parse(spec) for spec in faults]
    except ValueError as exc:
        raise click.UsageError(f"--fault: {exc}") from None
    try:
        app = create_app(tokens=tokens, state=state, rate_limit=rate_limit, faults=rules,
                         base_url=base_url, seed=seed, wire_mode=wire_mode,
                         admin_token=admin_token or new_admin_token())
    except Exception as exc:  # unreadable state file and the like
        click.echo(f"fastlysync: cannot start the emulator: {exc}", err=True)
        sys.exit(1)
    try:
        sock = bind(host, port)
    except OSError as exc:
        click.echo(f"fastlysync: cannot listen on {host}:{port}: {exc.strerror or exc}", err=True)
        sys.exit(1)
    bound_host, bound_port = sock.getsockname()[:2]
    shown = f"[{bound_host}]" if ":" in bound_host else bound_host
    url = f"{'https' if tls else 'http'}://{shown}:{bound_port}"
    click.echo(f"fastlysync emulator listening on {url}")
    click.echo(f"  FASTLY_API_ENDPOINT={url}")
    if app.generated_token or not tokens:
        click.echo(f"  FASTLY_API_TOKEN={app.token}")
    if not admin_token:
        click.echo(f"  {ADMIN_TOKEN_ENV}={app.admin_token}")
    if state:
        click.echo(f"  state: {state}")
    sys.stdout.flush()
    listener = enable_access_log() if access_log else None
    try:
        serve(app, sock, tls, log_requests=access_log)
    except KeyboardInterrupt:
        pass
    except (OSError, ValueError) as exc:  # ssl.SSLError is an OSError: a bad cert or key
        click.echo(f"fastlysync: cannot serve: {_reason(exc)}", err=True)
        sys.exit(1)
    finally:
        app.close()
        if listener is not None:
            listener.stop()


def _reason(exc: Exception) -> str:
    """A one-line reason that never quotes file contents (a key is a secret)."""
    reason = getattr(exc, "reason", None) or getattr(exc, "strerror", None)
    return f"{type(exc).__name__}: {reason}" if reason else type(exc).__name__
