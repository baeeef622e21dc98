"""The `fastlysync` command group.

Commands load lazily: `fastlysync lint` must start fast, so it must not import the API
client, the emulator or the plan engine it never uses.
"""

from __future__ import annotations

import importlib

import click

COMMANDS: dict[str, str] = {
    "validate": "fastlysync.cli.validate:validate",
    "schema": "fastlysync.cli.schema:schema",
    "lint": "fastlysync.cli.lint:lint",
    "plan": "fastlysync.cli.plan:plan",
    "apply": "fastlysync.cli.apply:apply",
    "drift": "fastlysync.cli.drift:drift",
    "import": "fastlysync.cli.import_:import_",
    "check": "fastlysync.cli.check:check",
    "test": "fastlysync.cli.test:test",
    "emulator": "fastlysync.cli.emulator:emulator",
}
"""Command name -> `module:attribute` of its click command."""


class LazyGroup(click.Group):
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
        return getattr(module, attribute)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="fastlysync")
def cli() -> None:
    """Manage Fastly VCL services as code."""


def main() -> None:
    cli()
