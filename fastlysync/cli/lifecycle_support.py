"""What `activate` and `rollback` share: one spec'd service by name, and the confirmation."""

from __future__ import annotations

import sys

import click

from ..apply.executor import ApplyOutcome
from ..spec.loader import LoadedService
from .output import error, print_json
from .plan import select_services


def one_service(name: str) -> LoadedService:
    """The spec of SERVICE (a service name or a spec file); exits 1 when there is none."""
    loaded, failed = select_services((name,))
    if failed:
        sys.exit(1)
    if len(loaded) != 1:
        error(f"{name}: names {len(loaded)} service specs; name one service"
              if loaded else f"no service spec found for {name!r}")
        sys.exit(1)
    if loaded[0].service.retire:  # its id may be deleted already: no API error to decode
        error(f"service {loaded[0].service.name}: its spec retires it (retire: true); "
              "`fastlysync apply --force` deletes it, there is no version to activate")
        sys.exit(1)
    return loaded[0]


def about(name: str, message: str) -> str:
    """`service NAME: message`, without naming the service twice when the message (from the
    lifecycle layer) already starts with it."""
    message = " ".join(message.split())
    return message if message.startswith(f"service {name}") else f"service {name}: {message}"


def confirm(question: str, auto_approve: bool) -> None:
    """Go ahead with --auto-approve, else ask on a terminal, else refuse (as apply does)."""
    if auto_approve:
        return
    if not sys.stdin.isatty():
        error("refusing without --auto-approve: stdin is not a terminal")
        sys.exit(1)
    if not click.confirm(question, default=False):
        error("cancelled")
        sys.exit(1)


def report(outcomes: list[ApplyOutcome], fmt: str) -> None:
    """Each outcome: a line (failures on stderr), or one JSON document on stdout."""
    if fmt == "json":
        print_json({"services": [o.as_dict() for o in outcomes],
                    "ok": all(o.ok for o in outcomes)})
    for outcome in outcomes:
        if outcome.ok and fmt != "json":
            click.echo(about(outcome.name, outcome.message))
        elif not outcome.ok:
            error(about(outcome.name, outcome.message))
