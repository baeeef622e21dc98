"""`fastlysync apply` end to end: specs on disk, the emulator over loopback HTTP."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from cli_support import invoke as cli_invoke
from click.testing import CliRunner, Result

from fastlysync.cli.main import cli

SPEC = """\
name: shop
domains:
{domains}
backends:
  - name: origin
    address: {address}
"""


def write_spec(root: Path, address: str = "origin.example.com",
               domains: tuple[str, ...] = ("shop.example.com", "www.shop.example.com")) -> None:
    (root / "services").mkdir(exist_ok=True)
    listed = "\n".join(f"  - name: {d}" for d in domains)
    (root / "services" / "shop.yaml").write_text(SPEC.format(address=address, domains=listed))


@pytest.fixture
def root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    write_spec(tmp_path)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def invoke(emulator: Any, *args: str, token_file: Path | None = None) -> Result:
    extra = ["--token-file", str(token_file)] if token_file else []
    return cli_invoke(emulator, *args, *extra)


def versions(emulator: Any) -> list[tuple[int, bool]]:
    [service] = emulator.client().get("/service").json()
    return [(v["number"], v["active"]) for v in service["versions"]]


def test_apply_refuses_without_approval_off_a_terminal(emulator: Any, root: Path) -> None:
    result = invoke(emulator, "apply")
    assert result.exit_code == 1
    assert "refusing to apply without --auto-approve" in result.stderr
    assert emulator.client().get("/service").json() == []


def test_apply_creates_then_updates(emulator: Any, root: Path) -> None:
    created = invoke(emulator, "apply", "--auto-approve")
    assert created.exit_code == 0, created.output
    assert "service shop: 3 change(s) applied; version 1 active" in created.stdout
    write_spec(root, address="new-origin.example.com")
    updated = invoke(emulator, "apply", "--auto-approve", "--format", "json")
    assert updated.exit_code == 0, updated.output
    [outcome] = json.loads(updated.stdout)["services"]
    assert (outcome["ok"], outcome["version"], outcome["previous_version"]) == (True, 2, 1)
    assert outcome["writes"] == 4  # clone, backend, version comment, activate
    assert invoke(emulator, "apply", "--auto-approve").stdout.strip() == "No changes."


def test_token_file(emulator: Any, root: Path, tmp_path: Path) -> None:
    token = tmp_path / "token"
    token.write_text(emulator.token + "\n")
    result = CliRunner().invoke(cli, ["apply", "--auto-approve", "--token-file", str(token)],
                                env={"FASTLY_API_ENDPOINT": emulator.url, "FASTLY_API_TOKEN": ""})
    assert result.exit_code == 0, result.output


def test_no_activate_prints_the_draft(emulator: Any, root: Path) -> None:
    invoke(emulator, "apply", "--auto-approve")
    write_spec(root, address="draft.example.com")
    result = invoke(emulator, "apply", "--auto-approve", "--no-activate")
    assert result.exit_code == 0, result.output
    assert "validated draft version 2; not activated" in result.stdout
    assert versions(emulator) == [(1, True), (2, False)]


def test_saved_plan_applies_while_current(emulator: Any, root: Path) -> None:
    invoke(emulator, "apply", "--auto-approve")
    write_spec(root, address="planned.example.com")
    assert invoke(emulator, "plan", "--out", "plan.json").exit_code == 0
    result = invoke(emulator, "apply", "--plan", "plan.json", "--auto-approve")
    assert result.exit_code == 0, result.output
    assert versions(emulator)[-1] == (2, True)


def test_saved_plan_refused_when_service_changed(emulator: Any, root: Path) -> None:
    invoke(emulator, "apply", "--auto-approve")
    write_spec(root, address="planned.example.com")
    invoke(emulator, "plan", "--out", "plan.json")
    invoke(emulator, "apply", "--auto-approve")  # someone applied meanwhile
    write_spec(root, address="other.example.com")
    result = invoke(emulator, "apply", "--plan", "plan.json", "--auto-approve")
    assert result.exit_code == 1
    assert ("fastlysync: service shop: service changed since plan: planned against version 1, "
            "live is now 2; run plan again") in result.stderr
    assert versions(emulator)[-1] == (2, True)


def test_saved_plan_refused_when_spec_changed(emulator: Any, root: Path) -> None:
    invoke(emulator, "apply", "--auto-approve")
    write_spec(root, address="planned.example.com")
    invoke(emulator, "plan", "--out", "plan.json")
    write_spec(root, address="sneaky.example.com")
    result = invoke(emulator, "apply", "--plan", "plan.json", "--auto-approve")
    assert result.exit_code == 1
    assert "spec or live data changed since plan" in result.stderr
    assert versions(emulator) == [(1, True)]


def test_not_a_plan_file(emulator: Any, root: Path) -> None:
    (root / "bad.json").write_text('{"services": 3}')
    result = invoke(emulator, "apply", "--plan", "bad.json", "--auto-approve")
    assert result.exit_code == 1
    assert result.stderr.startswith("fastlysync: bad.json: not a fastlysync plan")
    (root / "binary.json").write_bytes(b"\xc5\xff\x00 not text")
    binary = invoke(emulator, "apply", "--plan", "binary.json", "--auto-approve")
    assert binary.exit_code == 1
    assert binary.stderr == "fastlysync: binary.json: not a fastlysync plan (not UTF-8 text)\n"


def test_removing_a_domain_needs_force(emulator: Any, root: Path) -> None:
    invoke(emulator, "apply", "--auto-approve")
    write_spec(root, domains=("shop.example.com",))
    plan = invoke(emulator, "plan")
    assert "needs --force: removes domain www.shop.example.com" in plan.stdout
    refused = invoke(emulator, "apply", "--auto-approve")
    assert refused.exit_code == 1
    assert "refused: removes domain www.shop.example.com (use --force)" in refused.stderr
    forced = invoke(emulator, "apply", "--auto-approve", "--force")
    assert forced.exit_code == 0, forced.output


def test_spec_errors_block_apply(emulator: Any, root: Path) -> None:
    (root / "services" / "broken.yaml").write_text("name: broken\nbackends: 3\n")
    result = invoke(emulator, "apply", "--auto-approve")
    assert result.exit_code == 1
    assert "not applying: fix the spec problems above first" in result.stderr
    assert emulator.client().get("/service").json() == []


def test_no_version_comment_saves_one_write(emulator: Any, root: Path) -> None:
    assert invoke(emulator, "apply", "--auto-approve").exit_code == 0
    write_spec(root, address="new-origin.example.com")
    updated = invoke(emulator, "apply", "--auto-approve", "--no-version-comment",
                     "--format", "json")
    assert updated.exit_code == 0, updated.output
    [outcome] = json.loads(updated.stdout)["services"]
    assert outcome["writes"] == 3  # clone, backend, activate


DICT_SPEC = SPEC + """\
dictionaries:
  - name: redirects
    items:
      /old: /new
"""


def test_auto_approve_still_prints_the_plan_then_streams_and_totals(
        emulator: Any, root: Path) -> None:
    """The CI log is the audit trail: what was about to run, each result, then totals."""
    invoke(emulator, "apply", "--auto-approve")
    write_spec(root, address="audited.example.com")
    result = invoke(emulator, "apply", "--auto-approve")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[1:3] == ["  ~ update backend origin",
                          '      address: "origin.example.com" -> "audited.example.com"']
    assert lines[-2] == "service shop: 1 change(s) applied; version 2 active (was 1)"
    assert lines[-1] == ("Apply: 1 of 1 service applied (1 activated); 1 object change and "
                         "0 versionless changes made, 4 API writes.")


def test_totals_count_versionless_changes(emulator: Any, root: Path) -> None:
    (root / "services" / "shop.yaml").write_text(
        DICT_SPEC.format(address="origin.example.com",
                         domains="  - name: shop.example.com"))
    assert invoke(emulator, "apply", "--auto-approve").exit_code == 0
    (root / "services" / "shop.yaml").write_text(
        DICT_SPEC.replace("/new", "/newer").format(address="origin.example.com",
                                                   domains="  - name: shop.example.com"))
    result = invoke(emulator, "apply", "--auto-approve")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[-1] == (
        "Apply: 1 of 1 service applied (0 activated); 0 object changes and "
        "1 versionless change made, 1 API write.")


def test_json_output_carries_plan_outcomes_and_totals(emulator: Any, root: Path) -> None:
    result = invoke(emulator, "apply", "--auto-approve", "--format", "json")
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)  # stdout is one JSON document, nothing else
    assert set(doc) == {"format_version", "plan", "services", "totals", "interrupted", "ok"}
    assert doc["plan"]["services"][0]["name"] == "shop"
    assert doc["plan"]["summary"]["create"] == 3
    assert doc["totals"] == {"services": 1, "applied": 1, "activated": 1, "drafts": 0,
                             "failed": 0, "not_started": 0, "abandoned": 0, "changes": 3,
                             "versionless": 0, "writes": doc["totals"]["writes"]}
    assert doc["ok"] is True and doc["interrupted"] is False


def test_a_left_draft_is_named_when_nothing_changes(emulator: Any, root: Path) -> None:
    """A draft left by --no-activate is news even when the spec matches the active version:
    plan (text and markdown) and apply name it instead of saying only "No changes"."""
    invoke(emulator, "apply", "--auto-approve")
    write_spec(root, address="draft.example.com")
    invoke(emulator, "apply", "--auto-approve", "--no-activate")
    write_spec(root)  # back to what is active: no changes, one draft above it
    for args in (["plan"], ["plan", "--format", "markdown"], ["apply", "--auto-approve"]):
        result = invoke(emulator, *args)
        assert result.exit_code == 0, result.output
        assert "draft version 2 was left inactive" in result.stdout, args


def test_a_left_draft_is_named_when_another_service_changes(emulator: Any, root: Path) -> None:
    """The draft note of an unchanged service is not lost because another service changes:
    apply's text names it, once, before asking or applying."""
    other = root / "services" / "blog.yaml"
    blog = "name: blog\ndomains:\n  - name: blog.example.com\nbackends:\n  - name: o\n" \
           "    address: {}.example.com\n"
    other.write_text(blog.format("a"))
    assert invoke(emulator, "apply", "--auto-approve").exit_code == 0
    write_spec(root, address="draft.example.com")
    invoke(emulator, "apply", "shop", "--auto-approve", "--no-activate")
    write_spec(root)  # shop: back to what is active, one draft above it
    other.write_text(blog.format("b"))  # blog: a real change
    result = invoke(emulator, "apply", "--auto-approve")
    assert result.exit_code == 0, result.output
    assert result.stdout.count("draft version 2 was left inactive") == 1, result.stdout
    assert "service shop (" in result.stdout and "): no changes (" in result.stdout
    assert "1 of 2 service(s) changed" in result.stdout


def test_an_activation_whose_answer_never_comes_is_not_called_inactive(
        emulator: Any, root: Path) -> None:
    """The deadline passes while the activation is in flight and nothing can be read after
    it: the draft may well be live, so apply says so instead of "left inactive"."""
    assert invoke(emulator, "apply", "--auto-approve").exit_code == 0
    write_spec(root, address="slow.example.com")
    emulator.admin.set_faults([{"method": "PUT", "path": "/activate$", "latency": 2.5}])
    result = invoke(emulator, "apply", "--auto-approve", "--timeout", "1.5")
    emulator.admin.set_faults([])
    assert result.exit_code == 1, result.output
    assert "activation of version 2 got no answer" in result.stderr
    assert "version 2 may be active; run plan" in result.stderr
    assert "left inactive" not in result.stderr
