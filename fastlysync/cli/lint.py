"""`fastlysync lint`: check VCL files, snippets and conditions, alone or in service context."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import click

from fastlysync.cli.lint_run import FORMATS, run

LIST_FORMATS = ("text", "json", "sarif")
EXPLAIN_FORMATS = ("text", "json")
"""As `ruff rule` (text or json; sqlfluff's `rules` prints text only), plus SARIF for the
list, whose driver already describes every rule. github workflow commands annotate findings
at a file and line: a rule list has neither, so asking for it is a usage error."""


def rule_data(rule: Any) -> dict[str, Any]:
    return {"code": rule.code, "name": rule.name, "severity": rule.severity,
            "summary": rule.summary()}


def sarif_rules() -> str:
    """One SARIF run whose driver lists every rule, with no `results`: SARIF 2.1.0
    (3.14.23) keeps an empty array for "analysed, nothing found"; here nothing was analysed."""
    from fastlysync.vcl.report import render_sarif

    doc = json.loads(render_sarif([]))
    for one in doc["runs"]:
        del one["results"]
    return json.dumps(doc, indent=2) + "\n"


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
    for flag, wanted, allowed in (("--explain", explain_code is not None, EXPLAIN_FORMATS),
                                  ("--list-rules", list_rules, LIST_FORMATS)):
        if wanted and fmt not in allowed:
            raise click.UsageError(f"{flag} prints --format {', '.join(allowed)}, not {fmt} "
                                   "(github annotations are for findings)")
    if explain_code is not None:
        from fastlysync.vcl import registry
        from fastlysync.vcl.report import explain

        text = explain(explain_code)
        rule = registry.find(explain_code)
        if text is None or rule is None:
            click.echo(f"fastlysync: unknown rule {explain_code!r} (try --list-rules)", err=True)
            sys.exit(1)
        if fmt == "json":
            click.echo(json.dumps({**rule_data(rule), "doc": rule.doc, "bad": rule.bad,
                                   "good": rule.good, "aliases": list(rule.aliases)},
                                  indent=2))
        else:
            click.echo(text, nl=False)
        return
    if list_rules:
        from fastlysync.vcl.registry import all_rules

        if fmt == "json":  # a machine asked: JSON on stdout, as every --format json
            click.echo(json.dumps([rule_data(rule) for rule in all_rules()], indent=2))
            return
        if fmt == "sarif":
            click.echo(sarif_rules(), nl=False)
            return
        for rule in all_rules():
            click.echo(f"{rule.code}  {rule.name:<24} {rule.severity:<8} {rule.summary()}")
        return

    sys.exit(run(list(paths), fmt, config_path))
