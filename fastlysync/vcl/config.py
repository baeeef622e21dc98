"""Lint settings from `[tool.fastlysync.lint]` in pyproject.toml (or `[lint]` in fastlysync.toml).

    [tool.fastlysync.lint]
    ignore = ["VCL601", "unused-declaration"]        # codes or names
    severity = { VCL201 = "error", unused-local = "info" }
    per-file-ignores = { "vcl/legacy/*.vcl" = ["VCL404"] }

fastlysync.toml wins over pyproject.toml when both exist in the same folder; the nearest folder
upward from where linting starts wins over folders further up.
"""

from __future__ import annotations

import fnmatch
from pathlib import Path

from .diagnostic import SEVERITIES, Diagnostic
from .records import field, record

TYPE_CHECKING = False  # typing itself costs a cold lint its import
if TYPE_CHECKING:
    from typing import Any


class ConfigError(ValueError):
    """A bad lint setting; the message names the file and key."""


@record
class LintConfig:
    ignore: set[str] = field(default_factory=set)
    severity: dict[str, str] = field(default_factory=dict)
    per_file_ignores: dict[str, set[str]] = field(default_factory=dict)
    path: Path | None = None
    root: Path | None = None
    """Folder holding the config file; per-file-ignores globs are relative to it."""

    def apply(self, diagnostics: list[Diagnostic]) -> list[Diagnostic]:
        """Drop ignored findings and apply severity overrides (syntax errors stay errors)."""
        out = []
        for d in diagnostics:
            if d.code in self.ignore and d.code != "VCL001":
                continue
            if self.per_file_ignores and self._file_ignores(d.path, d.code):
                continue
            override = self.severity.get(d.code)
            if override and d.code != "VCL001":
                d.severity = override
            out.append(d)
        return out

    def _file_ignores(self, path: str, code: str) -> bool:
        rel = path
        if self.root is not None:
            try:
                rel = str(Path(path).resolve().relative_to(self.root.resolve()))
            except ValueError:
                rel = path
        for pattern, codes in self.per_file_ignores.items():
            if code in codes and (fnmatch.fnmatch(rel, pattern) or fnmatch.fnmatch(path, pattern)):
                return True
        return False


def find_config(start: Path) -> Path | None:
    """The nearest fastlysync.toml, or pyproject.toml with a [tool.fastlysync.lint] table."""
    start = start.resolve()
    if start.is_file():
        start = start.parent
    for folder in (start, *start.parents):
        own = folder / "fastlysync.toml"
        if own.is_file():
            return own
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file() and b"fastlysync" in pyproject.read_bytes():
            return pyproject
    return None


def load_config(path: Path | None = None, start: Path | None = None) -> LintConfig:
    """Read settings from `path`, or search upward from `start` (default: the cwd)."""
    if path is None:
        path = find_config(start or Path.cwd())
        if path is None:
            return LintConfig()
    import tomllib

    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read: {exc}") from exc
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: {exc}") from exc
    table: Any = data.get("tool", {}).get("fastlysync", {}).get("lint")
    if table is None and path.name == "fastlysync.toml":
        table = data.get("lint")
    if table is None:
        return LintConfig(path=path, root=path.parent)
    return parse_config(table, path)


def parse_config(table: Any, path: Path | None = None) -> LintConfig:
    from .registry import find

    where = f"{path}: " if path else ""
    if not isinstance(table, dict):
        raise ConfigError(f"{where}[tool.fastlysync.lint] must be a table")
    known = {"ignore", "severity", "per-file-ignores", "per_file_ignores"}
    for key in table:
        if key not in known:
            raise ConfigError(f"{where}unknown lint setting {key!r} (expected one of "
                              f"{', '.join(sorted(known - {'per_file_ignores'}))})")

    def codes(value: Any, key: str) -> set[str]:
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list):
            raise ConfigError(f"{where}{key} must be a list of rule codes or names")
        out = set()
        for item in value:
            rule = find(str(item))
            if rule is None:
                raise ConfigError(f"{where}{key}: unknown rule {item!r}")
            out.add(rule.code)
        return out

    config = LintConfig(path=path, root=path.parent if path else None)
    config.ignore = codes(table.get("ignore", []), "ignore")
    severity = table.get("severity", {})
    if not isinstance(severity, dict):
        raise ConfigError(f"{where}severity must be a table of rule = \"error|warning|info\"")
    for key, value in severity.items():
        rule = find(str(key))
        if rule is None:
            raise ConfigError(f"{where}severity: unknown rule {key!r}")
        level = str(value).lower()
        if level in ("ignore", "off", "none"):
            config.ignore.add(rule.code)
            continue
        if level not in SEVERITIES:
            raise ConfigError(f"{where}severity.{key}: {value!r} is not error, warning, info or "
                              f"ignore")
        config.severity[rule.code] = level
    pfi = table.get("per-file-ignores", table.get("per_file_ignores", {}))
    if not isinstance(pfi, dict):
        raise ConfigError(f"{where}per-file-ignores must be a table of glob = [rules]")
    for glob, value in pfi.items():
        config.per_file_ignores[str(glob)] = codes(value, f"per-file-ignores.{glob}")
    return config
