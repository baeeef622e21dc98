"""`fastlysync lint`: check VCL files, snippets and conditions, alone or in service context."""

from __future__ import annotations

import sys
from pathlib import Path

import click

FORMATS = ("text", "json", "sarif", "github")


def _default_paths() -> list[Path]:
    """The repository's services/ and vcl/ (nearest folder upward holding either)."""
    here = Path.cwd()
    for folder in (here, *here.parents):
        found = [folder / name for name in ("services", "vcl") if (folder / name).is_dir()]
        if found:
            return found
    return []


@click.command("lint")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="text", show_default=True,
              help="Output format.")
@click.option("--explain", "explain_code", metavar="CODE",
              help="Explain a rule (code or name) with a bad and a good example, then exit.")
@click.option("--list-rules", is_flag=True, help="List every rule and exit.")
@click.option("--config", "config_path", type=click.Path(path_type=Path, dir_okay=False),
              help="Settings file (default: nearest fastlysync.toml or pyproject.toml).")
def lint(paths: tuple[Path, ...], fmt: str, explain_code: str | None, list_rules: bool,
         config_path: Path | None) -> None:
    """Lint VCL files, folders or service specs (default: the repo's services/ and vcl/).

    Exit status: 1 when there is any error, else 0 (warnings and notes allowed).
    """
    if explain_code is not None:
        from fastlysync.vcl.report import explain

        text = explain(explain_code)
        if text is None:
            click.echo(f"fastlysync: unknown rule {explain_code!r} (try --list-rules)", err=True)
            sys.exit(1)
        click.echo(text, nl=False)
        return
    if list_rules:
        from fastlysync.vcl.registry import all_rules

        for rule in all_rules():
            click.echo(f"{rule.code}  {rule.name:<24} {rule.severity:<8} {rule.summary()}")
        return

    from fastlysync.vcl.config import ConfigError, load_config
    from fastlysync.vcl.lint import lint_paths
    from fastlysync.vcl.report import render

    targets = list(paths) or _default_paths()
    if not targets:
        click.echo("fastlysync: nothing to lint: no paths given and no services/ or vcl/ folder "
                   "here or above", err=True)
        sys.exit(1)
    try:
        config = load_config(config_path, start=targets[0])
    except ConfigError as exc:
        click.echo(f"fastlysync: {exc}", err=True)
        sys.exit(1)
    vcl_dirs = [t for t in targets if t.is_dir() and t.name == "vcl"] or [Path.cwd() / "vcl"]
    result = lint_paths(targets, config, vcl_dirs=vcl_dirs)
    for note in result.notes:
        click.echo(f"fastlysync: {note}", err=True)
    sys.stdout.write(render(result.diagnostics, fmt, files=result.files))
    sys.exit(result.exit_code)
