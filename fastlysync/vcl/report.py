"""Lint output: text for people, json/sarif/github for machines."""

from __future__ import annotations

from collections.abc import Sequence

from .diagnostic import Diagnostic

FORMATS = ("text", "json", "sarif", "github")
SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
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


def render_text(diagnostics: Sequence[Diagnostic], *, files: int = 0) -> str:
    lines = [
        f"{d.path}{f':{d.line}:{d.column}' if d.line > 0 else ''}: {d.severity} {d.code} "
        f"{d.message} [{d.name}]"
        for d in diagnostics
    ]
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
    for d in diagnostics:
        level = _GITHUB_LEVEL.get(d.severity, "warning")
        props = [f"file={_escape_property(d.path)}", f"line={max(d.line, 1)}",
                 f"col={max(d.column, 1)}"]
        if d.end_line:
            props.append(f"endLine={d.end_line}")
        if d.end_column and d.end_line == d.line:
            props.append(f"endColumn={d.end_column}")
        props.append(f"title={_escape_property(f'{d.code} {d.name}')}")
        out.append(f"::{level} {','.join(props)}::{_escape_data(d.message)}")
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
    doc = {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "fastlysync",
                "rules": rules,
            }},
            "results": results,
        }],
    }
    import json

    return json.dumps(doc, indent=2) + "\n"


def _uri(path: str) -> str:
    """Repository-relative URI (code scanning matches results to files by it)."""
    from pathlib import Path

    p = Path(path)
    if p.is_absolute():
        try:
            p = p.relative_to(Path.cwd())
        except ValueError:
            return p.as_uri()
    text = p.as_posix()
    return text[2:] if text.startswith("./") else text


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
