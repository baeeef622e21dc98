"""Every rule's documented bad example fires it; its good example is clean."""

from __future__ import annotations

import pytest

from fastlysync.vcl.context import ServiceContext
from fastlysync.vcl.lint import lint_source
from fastlysync.vcl.registry import all_rules

RULES = all_rules()


def _lint(rule, text: str):
    service = None
    if rule.example_service is not None:
        service = ServiceContext(**{k: set(v) for k, v in rule.example_service.items()})
    return lint_source(text, f"{rule.code.lower()}.vcl", service=service)


@pytest.mark.parametrize("rule", RULES, ids=[r.code for r in RULES])
def test_bad_example_fires(rule) -> None:
    assert rule.bad, f"{rule.code} has no bad example"
    found = _lint(rule, rule.bad)
    assert any(d.code == rule.code for d in found), [(d.code, d.message) for d in found]
    hit = next(d for d in found if d.code == rule.code)
    assert hit.severity == rule.severity
    assert hit.line >= 1 and hit.column >= 1


@pytest.mark.parametrize("rule", RULES, ids=[r.code for r in RULES])
def test_good_example_is_clean(rule) -> None:
    assert rule.good, f"{rule.code} has no good example"
    found = _lint(rule, rule.good)
    assert not [d for d in found if d.code == rule.code or d.severity == "error"], \
        [(d.code, d.message) for d in found]


@pytest.mark.parametrize("rule", RULES, ids=[r.code for r in RULES])
def test_rule_metadata(rule) -> None:
    assert rule.code.startswith("VCL") and len(rule.code) == 6
    assert rule.name == rule.name.lower() and " " not in rule.name
    assert rule.severity in ("error", "warning", "info")
    assert rule.summary() and rule.doc


def test_codes_and_names_are_unique() -> None:
    assert len({r.code for r in RULES}) == len(RULES)
    assert len({r.name for r in RULES}) == len(RULES)


def test_rules_page_is_current() -> None:
    import importlib.util
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    spec = importlib.util.spec_from_file_location("gen_rules_doc", root / "tools" /
                                                  "gen_rules_doc.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert (root / "docs" / "rules.md").read_text() == module.render(), \
        "docs/rules.md is stale: run python tools/gen_rules_doc.py"
