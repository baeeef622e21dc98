"""pyproject.toml declares exactly what fastlysync imports: a missing one breaks `pip install .`
for whoever does not happen to have it, an unused one is weight and attack surface."""

from __future__ import annotations

import ast
import re
import sys
import tomllib
from importlib.metadata import packages_distributions
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
NOT_IMPORTED = {"httptools": "uvicorn's optional fast HTTP parser, used when installed"}


def declared(extra: str | None = None) -> set[str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    specs = project["optional-dependencies"][extra] if extra else project["dependencies"]
    return {re.split(r"[<>=!~\[ ;]", spec, maxsplit=1)[0].lower().replace("_", "-")
            for spec in specs}


def imported_top_levels() -> set[str]:
    names = set()
    for path in (ROOT / "fastlysync").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(), str(path))):
            if isinstance(node, ast.Import):
                names |= {alias.name.split(".")[0] for alias in node.names}
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names.add(node.module.split(".")[0])
    return {n for n in names if n not in sys.stdlib_module_names and n != "fastlysync"}


def test_every_import_is_declared_and_every_dependency_imported() -> None:
    owners = packages_distributions()
    used = set()
    for name in imported_top_levels():
        assert name in owners, f"{name} is imported but no installed distribution provides it"
        used |= {d.lower().replace("_", "-") for d in owners[name]}
    deps = declared()
    assert used <= deps, f"imported but not declared: {sorted(used - deps)}"
    assert deps - used == set(NOT_IMPORTED), f"declared, never imported: {sorted(deps - used)}"


def test_starlette_is_gone_and_jsonschema_is_a_test_dependency() -> None:
    assert "starlette" not in declared()
    assert "jsonschema" in declared("test")
