"""Lint output: text for people, json/sarif/github for machines."""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from .diagnostic import Diagnostic

FORMATS = ("text", "json", "sarif", "github")
SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
INFORMATION_URI = "https://github.com/fastlysync/fastlysync"
"""Where the tool is documented (the package metadata's Homepage wins when it has one)."""
EXTRA_RULES = {"VCL000": "A spec file problem (YAML, schema, cross-reference or secret)."}
"""Codes reported outside the rule registry, declared in SARIF like the rules."""
_SARIF_LEVEL = {"error": "error", "warning": "warning", "info": "note"}
_GITHUB_LEVEL = {"error": "error", "warning": "warning", "info": "notice"}


def render(diagnostics: Sequence[Diagnostic], fmt: str, *, files: int = 0) -> str:
    if fmt == "json":
        return render_json(diagnostics)
    if fmt == "sarif":
        return render_sarif(diagnostics)
    if fmt == "github":
        return render_github(diagnostics)
    return render_text(diagnostics, files=files)


def summary(diagnostics: Sequence[Diagnostic], files: int = 0) -> str:
    counts = {"error": 0, "warning": 0, "info": 0}
    for d in diagnostics:
        counts[d.severity] = counts.get(d.severity, 0) + 1

    def plural(n: int, word: str) -> str:
        return f"{n} {word}{'' if n == 1 else 's'}"

    text = ", ".join((plural(counts["error"], "error"), plural(counts["warning"], "warning"),
                      plural(counts["info"], "note")))
    if files:
        text += f" in {plural(files, 'file')}"
    return text


MAX_SHOWN = 500
"""Findings a text or github report prints at most: a garbage file must not flood a terminal
or a CI log (the summary still counts them all; json and sarif carry every one)."""


def _not_shown(diagnostics: Sequence[Diagnostic]) -> list[str]:
    hidden = len(diagnostics) - MAX_SHOWN
    return ([f"... {hidden} more finding{'' if hidden == 1 else 's'} not shown "
             "(--format json lists them all)"] if hidden > 0 else [])


def render_text(diagnostics: Sequence[Diagnostic], *, files: int = 0) -> str:
    lines = [
        f"{d.path}{f':{d.line}:{d.column}' if d.line > 0 else ''}: {d.severity} {d.code} "
        f"{d.message} [{d.name}]"
        for d in diagnostics[:MAX_SHOWN]
    ]
    lines += _not_shown(diagnostics)
    lines.append(summary(diagnostics, files))
    return "\n".join(lines) + "\n"


def render_json(diagnostics: Sequence[Diagnostic]) -> str:
    import json  # only for machine formats: a cold text lint need not import it

    return json.dumps([d.to_dict() for d in diagnostics], indent=2) + "\n"


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def render_github(diagnostics: Sequence[Diagnostic]) -> str:
    """GitHub Actions workflow commands (`::error file=...,line=...,col=...::message`)."""
    out = []
    for d in diagnostics[:MAX_SHOWN]:
        level = _GITHUB_LEVEL.get(d.severity, "warning")
        props = [f"file={_escape_property(repo_path(d.path))}", f"line={max(d.line, 1)}",
                 f"col={max(d.column, 1)}"]
        if d.end_line:
            props.append(f"endLine={d.end_line}")
        if d.end_column and d.end_line == d.line:
            props.append(f"endColumn={d.end_column}")
        props.append(f"title={_escape_property(f'{d.code} {d.name}')}")
        out.append(f"::{level} {','.join(props)}::{_escape_data(d.message)}")
    out += [f"::warning::{line}" for line in _not_shown(diagnostics)]
    return "\n".join(out) + ("\n" if out else "")


def render_sarif(diagnostics: Sequence[Diagnostic]) -> str:
    """SARIF 2.1.0 as GitHub code scanning accepts it (one run, rules in the driver)."""
    from . import registry

    rules = []
    index: dict[str, int] = {}
    for rule in registry.all_rules():
        index[rule.code] = len(rules)
        rules.append({
            "id": rule.code,
            "name": rule.name,
            "shortDescription": {"text": rule.summary()},
            "fullDescription": {"text": rule.doc or rule.summary()},
            "help": {"text": rule.doc or rule.summary()},
            "defaultConfiguration": {"level": _SARIF_LEVEL[rule.severity]},
            "properties": {"tags": ["vcl", "fastly"]},
        })
    for d in diagnostics:  # every code reported is declared, spec problems included
        if d.code not in index:
            index[d.code] = len(rules)
            text = EXTRA_RULES.get(d.code, d.name)
            rules.append({"id": d.code, "name": d.name, "shortDescription": {"text": text},
                          "fullDescription": {"text": text}, "help": {"text": text},
                          "defaultConfiguration": {"level": _SARIF_LEVEL.get(d.severity,
                                                                             "warning")},
                          "properties": {"tags": ["fastlysync"]}})
    results = []
    for d in diagnostics:
        region: dict[str, int] = {"startLine": max(d.line, 1), "startColumn": max(d.column, 1)}
        if d.end_line and d.end_line >= d.line:
            region["endLine"] = d.end_line
            if d.end_column and (d.end_line > d.line or d.end_column > d.column):
                region["endColumn"] = d.end_column
        result = {
            "ruleId": d.code,
            "level": _SARIF_LEVEL.get(d.severity, "warning"),
            "message": {"text": d.message},
            "locations": [{
                "physicalLocation": {
                    "artifactLocation": {"uri": _uri(d.path)},
                    "region": region,
                }
            }],
        }
        if d.code in index:
            result["ruleIndex"] = index[d.code]
        results.append(result)
    version = _version()  # read from the package metadata: once
    doc = {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "fastlysync",
                "version": version,
                "semanticVersion": version,
                "informationUri": _information_uri(),
                "rules": rules,
            }},
            "results": results,
        }],
    }
    import json

    return json.dumps(doc, indent=2) + "\n"


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("fastlysync")
    except PackageNotFoundError:
        return "0+unknown"


def _information_uri() -> str:
    from importlib.metadata import PackageNotFoundError, metadata

    try:
        for entry in metadata("fastlysync").get_all("Project-URL") or []:
            label, _, url = entry.partition(",")
            if label.strip().lower() == "homepage" and url.strip():
                return url.strip()
    except PackageNotFoundError:
        pass
    return INFORMATION_URI


def repo_root(start: Path | None = None) -> Path | None:
    """The repository the paths are reported against: $GITHUB_WORKSPACE in GitHub Actions,
    else the nearest folder at or above the working directory holding `.git`."""
    workspace = os.environ.get("GITHUB_WORKSPACE")
    if workspace:
        return Path(workspace).absolute()
    here = (start or Path.cwd()).absolute()
    for folder in (here, *here.parents):
        if (folder / ".git").exists():
            return folder
    return None


def repo_path(path: str) -> str:
    """`path` relative to the repository root, with forward slashes (GitHub annotations and
    code scanning match files by it), whatever folder the command ran in."""
    p = Path(path)
    absolute = p if p.is_absolute() else Path.cwd() / p
    root = repo_root()
    for base in (root, Path.cwd()):
        if base is None:
            continue
        try:
            text = Path(os.path.normpath(absolute)).relative_to(base).as_posix()
        except ValueError:
            continue
        return text
    return p.as_posix()  # outside the repository: as given


def _uri(path: str) -> str:
    """Repository-relative URI (code scanning matches results to files by it)."""
    text = repo_path(path)
    return Path(text).as_uri() if Path(text).is_absolute() else text


def explain(code: str) -> str | None:
    """The `--explain` text for a rule code or name, None if unknown."""
    from . import registry

    rule = registry.find(code)
    if rule is None:
        return None
    parts = [f"{rule.code} {rule.name} ({rule.severity})", "", rule.summary(), ""]
    if rule.doc:
        parts += [rule.doc, ""]
    if rule.aliases:
        parts += ["Also known as: " + ", ".join(rule.aliases), ""]
    if rule.bad:
        parts += ["Bad:", "", _indent(rule.bad), ""]
    if rule.good:
        parts += ["Good:", "", _indent(rule.good), ""]
    parts.append(f"Ignore with `# fastlysync: ignore[{rule.code}]` on (or above) the line.")
    return "\n".join(parts) + "\n"


def _indent(text: str) -> str:
    return "\n".join("    " + line if line else "" for line in text.rstrip("\n").split("\n"))
