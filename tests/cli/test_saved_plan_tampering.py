"""`apply --plan FILE` given a file that is not what `plan --out` wrote: an empty document, a
service listed twice, the endpoint field removed. Each is refused before any write, exit 1."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from cli_support import invoke

SPEC = """\
name: shop
domains:
  - name: shop.example.com
backends:
  - name: origin
    address: {address}
"""


@pytest.fixture
def root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "services").mkdir()
    monkeypatch.chdir(tmp_path)
    return tmp_path


def saved_plan(emulator: Any, root: Path) -> dict[str, Any]:
    """The shop applied, then its spec changed and the change saved as plan.json."""
    spec = root / "services" / "shop.yaml"
    spec.write_text(SPEC.format(address="origin.example.com"))
    assert invoke(emulator, "apply", "--auto-approve").exit_code == 0
    spec.write_text(SPEC.format(address="planned.example.com"))
    assert invoke(emulator, "plan", "--out", "plan.json").exit_code == 0
    return dict(json.loads((root / "plan.json").read_text()))


def versions(emulator: Any) -> list[tuple[int, bool]]:
    [service] = emulator.client().get("/service").json()
    return [(v["number"], v["active"]) for v in service["versions"]]


@pytest.mark.parametrize("document", ["{}", '{"format_version": 1}', '{"services": []}'])
def test_a_document_without_the_plan_fields_is_not_an_empty_plan(
        emulator: Any, root: Path, document: str) -> None:
    """A truncated or wrong artifact must not read as "No changes" (a green sync job)."""
    saved_plan(emulator, root)
    (root / "plan.json").write_text(document)
    result = invoke(emulator, "apply", "--plan", "plan.json", "--auto-approve")
    assert result.exit_code == 1, result.output
    assert result.stderr.startswith("fastlysync: plan.json: not a fastlysync plan ("), result.stderr
    assert "No changes" not in result.output
    assert "(: " not in result.stderr  # the location is named, never empty


def test_a_service_listed_twice_is_refused_not_applied_twice(emulator: Any, root: Path) -> None:
    """Applied twice at once, it raced itself: one version activated, a stray draft left."""
    plan = saved_plan(emulator, root)
    plan["services"].append(plan["services"][0])
    (root / "plan.json").write_text(json.dumps(plan))
    result = invoke(emulator, "apply", "--plan", "plan.json", "--auto-approve")
    assert result.exit_code == 1, result.output
    assert result.stderr == ("fastlysync: plan.json: not a fastlysync plan (service shop "
                             "is listed twice)\n")
    assert versions(emulator) == [(1, True)]


def test_a_plan_without_its_endpoint_is_refused(emulator: Any, root: Path) -> None:
    plan = saved_plan(emulator, root)
    plan["endpoint"] = ""
    (root / "plan.json").write_text(json.dumps(plan))
    result = invoke(emulator, "apply", "--plan", "plan.json", "--auto-approve")
    assert result.exit_code == 1, result.output
    assert "plan was made against (no endpoint)" in result.stderr
    assert versions(emulator) == [(1, True)]


def test_the_untampered_plan_still_applies(emulator: Any, root: Path) -> None:
    saved_plan(emulator, root)
    result = invoke(emulator, "apply", "--plan", "plan.json", "--auto-approve")
    assert result.exit_code == 0, result.output
    assert versions(emulator) == [(1, False), (2, True)]


def test_a_plan_from_another_account_names_the_service_mismatch(emulator: Any,
                                                                root: Path) -> None:
    """Same endpoint, another account's token: the service is absent there. The refusal said
    "live is now None"."""
    saved_plan(emulator, root)
    other = invoke(emulator, "apply", "--plan", "plan.json", "--auto-approve",
                   token=emulator.other_token)
    assert other.exit_code == 1, other.output
    planned_id = emulator.client().get("/service").json()[0]["id"]
    assert (f"fastlysync: service shop: not the service planned: planned against id "
            f"{planned_id}, it is now absent; run plan again") in other.stderr
    assert "None" not in other.output
    assert emulator.client(token=emulator.other_token).get("/service").json() == []
