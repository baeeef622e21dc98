"""The `fastlysync` command group.

Commands load lazily: `fastlysync lint` must start fast, so it must not import the API
client, the emulator or the plan engine it never uses.
"""

from __future__ import annotations

import contextlib
import importlib
import os
import sys

import click

from ..masking import MaskingStream, arm, disarm, register
from .terminal import no_color_option

COMMANDS: dict[str, str] = {
    "validate": "fastlysync.cli.validate:validate",
    "schema": "fastlysync.cli.schema:schema",
    "lint": "fastlysync.cli.lint:lint",
    "plan": "fastlysync.cli.plan:plan",
    "apply": "fastlysync.cli.apply:apply",
    "activate": "fastlysync.cli.activate:activate",
    "rollback": "fastlysync.cli.rollback:rollback",
    "drift": "fastlysync.cli.drift:drift",
    "import": "fastlysync.cli.import_:import_",
    "check": "fastlysync.cli.check:check",
    "test": "fastlysync.cli.test:test",
    "emulator": "fastlysync.cli.emulator:emulator",
}
"""Command name -> `module:attribute` of its click command."""


class LazyGroup(click.Group):
    """Loads commands on demand, gives each `--no-color`, and makes usage errors exit 1.

    click exits 2 on a usage error (unknown flag, bad value, missing argument), but 2 is
    fastlysync's "changes pending / drift": a mistyped flag in CI must fail, not pass.
    """

    def make_context(self, info_name: str | None, args: list[str],
                     parent: click.Context | None = None, **extra: object) -> click.Context:
        try:
            return super().make_context(info_name, args, parent, **extra)  # type: ignore[arg-type]
        except click.UsageError as exc:
            exc.exit_code = 1
            raise

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except click.UsageError as exc:
            exc.exit_code = 1
            raise

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(name for name in COMMANDS if self._load(name) is not None)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        return self._load(cmd_name)

    @staticmethod
    def _load(name: str) -> click.Command | None:
        target = COMMANDS.get(name)
        if target is None:
            return None
        module_name, attribute = target.split(":")
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as exc:
            if exc.name == module_name:
                return None  # not built yet
            raise
        command: click.Command = getattr(module, attribute)
        if not any(p.name == "no_color" for p in command.params):
            command.params.append(no_color_option())
        return command


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="fastlysync")
@click.pass_context
def cli(ctx: click.Context) -> None:
    """Manage Fastly VCL services as code."""
    mask_output(ctx)


cli.params.append(no_color_option())  # before the command name too: `fastlysync --no-color plan`


def mask_output(ctx: click.Context) -> None:
    """Every line the command prints passes through the one masking function (secrets are
    registered as specs load them); the streams are put back when the command ends."""
    arm()
    register([os.environ.get("FASTLY_API_TOKEN", "")])
    out, err = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = MaskingStream(out), MaskingStream(err)  # type: ignore[assignment]

    def restore() -> None:
        for stream in (sys.stdout, sys.stderr):
            with contextlib.suppress(OSError, ValueError):
                stream.flush()
        sys.stdout, sys.stderr = out, err
        disarm()

    ctx.call_on_close(restore)


def main() -> None:
    cli()
