"""Specs that once looped forever (apply, plan, apply...) reach an empty plan after one apply."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

sys.path.insert(0, str(Path(__file__).parent.parent / "apply"))
from apply_harness import Harness

from fastlysync.spec.model import Service


@pytest.fixture
def harness(emulator: Any, tmp_path: Path) -> Iterator[Harness]:
    (tmp_path / "services").mkdir()
    yield Harness(emulator, tmp_path)


def _converges(harness: Harness, data: dict[str, Any]) -> None:
    spec = Service.model_validate(data)
    [created] = harness.apply_ok(spec)
    bound = spec.model_copy(update={"id": created.service_id})
    plan, _ = harness.plan(bound)
    service = plan.services[0]
    assert not plan.has_changes, [f.model_dump() for c in [*service.changes, *service.versionless]
                                  for f in c.fields]


def test_empty_gzip_rule_converges(harness: Harness) -> None:
    _converges(harness, {"name": "gz", "domains": [{"name": "gz.example.com"}],
                         "gzips": [{"name": "none", "extensions": [], "content_types": []}]})


def test_empty_dynamic_snippet_converges(harness: Harness) -> None:
    _converges(harness, {"name": "dyn", "domains": [{"name": "dyn.example.com"}],
                         "snippets": [{"name": "later", "type": "recv", "dynamic": True,
                                       "content": ""}]})


def test_dynamic_snippet_emptied_converges(harness: Harness) -> None:
    data = {"name": "dyn2", "domains": [{"name": "dyn2.example.com"}],
            "snippets": [{"name": "later", "type": "recv", "dynamic": True,
                          "content": "set req.http.X-A = \"1\";\n"}]}
    spec = Service.model_validate(data)
    [created] = harness.apply_ok(spec)
    data["id"] = created.service_id
    data["snippets"][0]["content"] = ""
    _converges(harness, data)
