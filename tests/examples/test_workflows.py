"""The example GitHub workflows, run step by step with GitHub's shell semantics against the
emulator (workflow_runner.py): drift present -> the drift job fails; a mistyped flag or a
spec typo -> every job fails; no specs -> fails; a clean repository -> all green. The PR
check posts its plan and annotations; the manual sync applies exactly the saved plan."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from workflow_runner import PINNED, Runner

from fastlysync.cli.main import cli

ROOT = Path(__file__).resolve().parents[2]
WORKFLOWS = ROOT / "examples" / "github"
SECRETS_ENV = {"SHOP_DATADOG_API_KEY": "dd-secret-for-tests"}


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    """A team's repository: the project's example services/ and vcl/."""
    repo = tmp_path / "repo"
    shutil.copytree(ROOT / "services", repo / "services")
    shutil.copytree(ROOT / "vcl", repo / "vcl")
    return repo


def runner(emulator: Any, workspace: Path, **kwargs: Any) -> Runner:
    secrets = {"FASTLY_READ_TOKEN": emulator.token, "FASTLY_WRITE_TOKEN": emulator.token,
               "SHOP_DATADOG_API_KEY": SECRETS_ENV["SHOP_DATADOG_API_KEY"],
               **kwargs.pop("secrets", {})}
    env = {"PATH": "/usr/bin:/bin", "HOME": str(workspace.parent),
           "FASTLY_API_ENDPOINT": emulator.url}
    return Runner(workspace, env, secrets=secrets, **kwargs)


def apply_all(emulator: Any, workspace: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(workspace)
    result = CliRunner().invoke(cli, ["apply", "--auto-approve"], catch_exceptions=False,
                                env={"FASTLY_API_ENDPOINT": emulator.url,
                                     "FASTLY_API_TOKEN": emulator.token, **SECRETS_ENV})
    assert result.exit_code == 0, result.output


def edit_live_backend(emulator: Any, name: str = "personal-site") -> None:
    """A colleague changes a backend in the console: clone, edit, activate."""
    http = emulator.client()
    sid = http.get("/service/search", params={"name": name}).json()["id"]
    active = next(v["number"] for v in http.get(f"/service/{sid}").json()["versions"]
                  if v["active"])
    draft = http.put(f"/service/{sid}/version/{active}/clone").json()["number"]
    backend = http.get(f"/service/{sid}/version/{draft}/backend").json()[0]["name"]
    http.put(f"/service/{sid}/version/{draft}/backend/{backend}",
             data={"connect_timeout": "4321"}).raise_for_status()
    http.put(f"/service/{sid}/version/{draft}/activate").raise_for_status()


def flag_typo(command: str) -> Any:
    return lambda script: script.replace(f"fastlysync {command}",
                                         f"fastlysync {command} --formt json")


def spec_typo(workspace: Path) -> None:
    spec = workspace / "services" / "personal-site.yaml"
    spec.write_text(spec.read_text().replace("address:", "adress:", 1))


def broken_runner(emulator: Any, workspace: Path, broken: str, command: str) -> Runner:
    """A runner over a repository broken as `broken` says: a mistyped flag on `fastlysync
    command` in the workflow, a typo in a spec, or no services/ at all."""
    if broken == "spec":
        spec_typo(workspace)
    elif broken == "no specs":
        shutil.rmtree(workspace / "services")
    return runner(emulator, workspace, **({"mutate": flag_typo(command)} if broken == "flag"
                                          else {}))


# ----- every workflow -----------------------------------------------------------------------


@pytest.mark.parametrize("name", ["drift.yml", "pr-check.yml", "sync.yml"])
def test_installs_a_pinned_revision_of_the_repository(name: str) -> None:
    import yaml

    data = yaml.safe_load((WORKFLOWS / name).read_text())
    assert PINNED.match(data["env"]["FASTLYSYNC_PIP"])
    for job in data["jobs"].values():
        installs = [s for s in job["steps"] if "pip install" in s.get("run", "")]
        assert [s["run"].strip() for s in installs] == ['python -m pip install "$FASTLYSYNC_PIP"']


# ----- drift --------------------------------------------------------------------------------


def test_drift_job_clean_passes(emulator: Any, workspace: Path,
                                monkeypatch: pytest.MonkeyPatch) -> None:
    apply_all(emulator, workspace, monkeypatch)
    run = runner(emulator, workspace)
    job = run.run(WORKFLOWS / "drift.yml")["drift"]
    assert job.outcome == "success", job.output()
    assert "No drift. 3 service(s) match git." in run.summary.read_text()
    report = json.loads((run.artifacts / "fastlysync-drift-report" / "drift-report.json")
                        .read_text())
    assert report["summary"]["services_checked"] == 3


def test_drift_job_fails_on_drift(emulator: Any, workspace: Path,
                                  monkeypatch: pytest.MonkeyPatch) -> None:
    apply_all(emulator, workspace, monkeypatch)
    edit_live_backend(emulator)
    run = runner(emulator, workspace)
    job = run.run(WORKFLOWS / "drift.yml")["drift"]
    assert job.outcome == "failure"
    assert "connect_timeout" in run.summary.read_text()
    assert (run.artifacts / "fastlysync-drift-report" / "drift-report.json").is_file()


@pytest.mark.parametrize("broken", ["flag", "spec", "no specs"])
def test_drift_job_fails_on_a_typo_or_no_specs(emulator: Any, workspace: Path,
                                               monkeypatch: pytest.MonkeyPatch,
                                               broken: str) -> None:
    apply_all(emulator, workspace, monkeypatch)
    run = broken_runner(emulator, workspace, broken, "drift")
    assert run.run(WORKFLOWS / "drift.yml")["drift"].outcome == "failure"


# ----- the pull-request check ---------------------------------------------------------------


def test_pr_check_clean_passes_and_comments(emulator: Any, workspace: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    apply_all(emulator, workspace, monkeypatch)
    run = runner(emulator, workspace)
    jobs = run.run(WORKFLOWS / "pr-check.yml")
    assert jobs["check"].outcome == "success", jobs["check"].output()
    assert jobs["sarif"].outcome == "success", jobs["sarif"].output()
    posted = run.gh_log.read_text()
    assert posted.startswith("pr comment 7 --edit-last --body-file fastlysync-check.md\n")
    assert "**Result: clean** (exit 0)" in posted


def test_pr_check_with_changes_passes_and_posts_plan_and_annotations(
        emulator: Any, workspace: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    apply_all(emulator, workspace, monkeypatch)
    spec = workspace / "services" / "personal-site.yaml"
    spec.write_text(spec.read_text().replace("address: ", "address: new-", 1))
    run = runner(emulator, workspace)
    check = run.run(WORKFLOWS / "pr-check.yml", only={"check"})["check"]
    assert check.outcome == "success", check.output()
    log = check.output()
    assert "::notice file=services/personal-site.yaml,line=" in log  # the planned change
    assert "::notice title=fastlysync::changes pending" in log
    posted = run.gh_log.read_text()
    assert "**Result: changes pending** (exit 2)" in posted
    assert "update backend" in posted  # the plan itself, in the comment


@pytest.mark.parametrize("broken", ["flag", "spec", "no specs"])
def test_pr_check_fails_on_a_typo_or_no_specs(emulator: Any, workspace: Path,
                                              monkeypatch: pytest.MonkeyPatch,
                                              broken: str) -> None:
    apply_all(emulator, workspace, monkeypatch)
    run = broken_runner(emulator, workspace, broken, "check")
    jobs = run.run(WORKFLOWS / "pr-check.yml")
    assert jobs["check"].outcome == "failure"
    if broken == "spec":
        assert "::error file=services/personal-site.yaml,line=" in jobs["check"].output()
        assert jobs["sarif"].outcome == "success"  # findings are uploaded, not a crash
    else:
        assert jobs["sarif"].outcome == "failure"


def test_pr_check_without_token_validates_and_lints_only(emulator: Any, workspace: Path) -> None:
    run = runner(emulator, workspace, secrets={"FASTLY_READ_TOKEN": "",
                                               "SHOP_DATADOG_API_KEY": ""})
    check = run.run(WORKFLOWS / "pr-check.yml", only={"check"})["check"]
    assert check.outcome == "success", check.output()
    assert "| plan | skipped (no API token (set FASTLY_API_TOKEN)) |" in run.summary.read_text()


# ----- the manual sync ----------------------------------------------------------------------


def active_versions(emulator: Any) -> dict[str, int]:
    return {s["name"]: s["version"] for s in emulator.client().get("/service").json()}


def test_sync_plans_then_applies_the_saved_plan(emulator: Any, workspace: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    apply_all(emulator, workspace, monkeypatch)
    before = active_versions(emulator)
    spec = workspace / "services" / "personal-site.yaml"
    spec.write_text(spec.read_text().replace("address: ", "address: new-", 1))
    run = runner(emulator, workspace)
    jobs = run.run(WORKFLOWS / "sync.yml")
    assert jobs["plan"].outcome == "success", jobs["plan"].output()
    assert jobs["plan"].outputs == {"changes": "true"}
    assert (run.artifacts / "fastlysync-plan" / "fastlysync-plan.json").is_file()
    assert jobs["apply"].outcome == "success", jobs["apply"].output()
    after = active_versions(emulator)
    assert after["personal-site"] == before["personal-site"] + 1
    assert after["shop-production"] == before["shop-production"]
    report = json.loads((run.artifacts / "fastlysync-apply-report" / "fastlysync-apply.json")
                        .read_text())
    assert report["ok"] is True and report["totals"]["activated"] == 1


def test_sync_refuses_a_plan_that_went_stale(emulator: Any, workspace: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    """Between approval and apply someone changed the service: nothing is applied."""
    apply_all(emulator, workspace, monkeypatch)
    spec = workspace / "services" / "personal-site.yaml"
    spec.write_text(spec.read_text().replace("address: ", "address: new-", 1))
    run = runner(emulator, workspace)
    before: dict[str, int] = {}

    def while_waiting_for_approval(job: str) -> None:
        if job == "apply":
            edit_live_backend(emulator)
            before.update(active_versions(emulator))

    jobs = run.run(WORKFLOWS / "sync.yml", before_job=while_waiting_for_approval)
    assert jobs["plan"].outcome == "success"
    assert jobs["apply"].outcome == "failure"
    assert "service changed since plan" in jobs["apply"].output() + \
        (run.workspace / "fastlysync-apply.json").read_text()
    assert active_versions(emulator) == before


def test_sync_without_changes_skips_apply(emulator: Any, workspace: Path,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    apply_all(emulator, workspace, monkeypatch)
    jobs = runner(emulator, workspace).run(WORKFLOWS / "sync.yml")
    assert jobs["plan"].outcome == "success", jobs["plan"].output()
    assert jobs["plan"].outputs == {"changes": "false"}
    assert jobs["apply"].outcome == "skipped"


@pytest.mark.parametrize("broken", ["flag", "spec", "no specs"])
def test_sync_fails_on_a_typo_or_no_specs_and_applies_nothing(
        emulator: Any, workspace: Path, monkeypatch: pytest.MonkeyPatch, broken: str) -> None:
    apply_all(emulator, workspace, monkeypatch)
    before = active_versions(emulator)
    run = broken_runner(emulator, workspace, broken, "plan")
    jobs = run.run(WORKFLOWS / "sync.yml")
    assert jobs["plan"].outcome == "failure"
    assert jobs["apply"].outcome == "skipped"
    assert active_versions(emulator) == before


def test_sync_with_service_input_plans_only_those(emulator: Any, workspace: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    apply_all(emulator, workspace, monkeypatch)
    for name in ("personal-site", "shop"):  # shop: production and staging both change
        spec = workspace / "services" / f"{name}.yaml"
        spec.write_text(spec.read_text().replace("address: ", "address: new-"))
    before = active_versions(emulator)
    run = runner(emulator, workspace, inputs={"services": "shop-staging personal-site"})
    jobs = run.run(WORKFLOWS / "sync.yml")
    assert jobs["apply"].outcome == "success", jobs["apply"].output()
    after = active_versions(emulator)
    assert after["shop-staging"] == before["shop-staging"] + 1
    assert after["personal-site"] == before["personal-site"] + 1
    assert after["shop-production"] == before["shop-production"]


def test_sync_service_input_is_never_read_as_an_option(emulator: Any, workspace: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    """Whoever dispatches the sync types the services input; `--endpoint URL` there was an
    option of `plan` and sent the read token to URL. After `--` it is only a service name."""
    from loopback import LoopbackServer, fixed

    apply_all(emulator, workspace, monkeypatch)
    with LoopbackServer(fixed("200 OK", b"{}")) as elsewhere:
        run = runner(emulator, workspace,
                     inputs={"services": f"--endpoint {elsewhere.url} personal-site"})
        jobs = run.run(WORKFLOWS / "sync.yml")
    assert elsewhere.connections == 0
    assert jobs["plan"].outcome == "failure"
    assert "no spec for service '--endpoint'" in jobs["plan"].output()
    assert jobs["apply"].outcome == "skipped"
