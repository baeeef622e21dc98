"""Runs a GitHub Actions workflow file's jobs locally, the way a runner would as far as
fastlysync's examples need: each `run:` step through GitHub's shell command line
(`bash -e {0}` by default, `bash --noprofile --norc -eo pipefail {0}` with `shell: bash`),
`${{ }}` expressions from a small context, `if:` conditions, step and job outputs,
$GITHUB_STEP_SUMMARY / $GITHUB_OUTPUT files, and the few `uses:` actions the examples use
(checkout and setup-python are no-ops here, artifacts are folders, SARIF upload checks the
file is JSON). The install step is not run (it needs the network); the test checks it is
pinned, and `fastlysync` comes from this checkout."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

EXPRESSION = re.compile(r"\$\{\{\s*(.*?)\s*\}\}")
CONTEXT_REF = re.compile(r"\b(?:secrets|github|inputs|steps|needs|env)(?:\.[A-Za-z0-9_-]+)+")
INSTALL = 'python -m pip install "$FASTLYSYNC_PIP"'
PINNED = re.compile(r"^fastlysync @ git\+https://github\.com/[\w.-]+/[\w.-]+"
                    r"@(v\d+\.\d+\.\d+|[0-9a-f]{40})$")
GH_STUB = """#!/usr/bin/env bash
# Stands in for GitHub's `gh` CLI: records the call and the comment body.
printf '%s\\n' "$*" >> "$GH_LOG"
while [ $# -gt 0 ]; do
  if [ "$1" = "--body-file" ]; then cat "$2" >> "$GH_LOG"; fi
  shift
done
"""


@dataclass
class StepResult:
    name: str
    outcome: str  # success, failure, skipped
    output: str = ""


@dataclass
class JobResult:
    name: str
    outcome: str
    steps: list[StepResult] = field(default_factory=list)
    outputs: dict[str, str] = field(default_factory=dict)

    def output(self) -> str:
        return "".join(s.output for s in self.steps)


@dataclass
class Runner:
    workspace: Path
    """The checked-out repository (steps run here)."""
    env: Mapping[str, str]
    """The runner's environment (e.g. FASTLY_API_ENDPOINT pointing at the emulator)."""
    secrets: Mapping[str, str] = field(default_factory=dict)
    inputs: Mapping[str, str] = field(default_factory=dict)
    mutate: Callable[[str], str] = lambda script: script
    """Edits each `run:` script before it runs (a mistyped flag, say)."""

    def __post_init__(self) -> None:
        self.home = self.workspace.parent / f"{self.workspace.name}-runner"
        self.home.mkdir(exist_ok=True)
        self.artifacts = self.home / "artifacts"
        self.bin = self.home / "bin"
        self.bin.mkdir(exist_ok=True)
        (self.bin / "gh").write_text(GH_STUB)
        (self.bin / "gh").chmod(0o755)
        self.gh_log = self.home / "gh.log"
        self.summary = self.home / "step-summary.md"
        self.summary.touch()

    # ----- expressions --------------------------------------------------------------------

    def context(self, job: JobResult, jobs: Mapping[str, JobResult],
                steps: Mapping[str, dict[str, str]]) -> dict[str, Any]:
        return {
            "secrets": dict(self.secrets),
            "inputs": dict(self.inputs),
            "github": {"token": "stub-github-token", "repository": "acme/cdn",
                       "ref": "refs/pull/7/merge",
                       "event": {"pull_request": {"number": 7,
                                                  "head": {"repo": {"full_name": "acme/cdn"}}}}},
            "steps": {k: {"outputs": v} for k, v in steps.items()},
            "needs": {k: {"outputs": v.outputs, "result": v.outcome} for k, v in jobs.items()},
            "env": {},
        }

    @staticmethod
    def lookup(ctx: Mapping[str, Any], ref: str) -> Any:
        value: Any = ctx
        for part in ref.split("."):
            value = value.get(part, "") if isinstance(value, Mapping) else ""
        return value

    def substitute(self, text: str, ctx: Mapping[str, Any]) -> str:
        def one(match: re.Match[str]) -> str:
            expr = match.group(1)
            assert CONTEXT_REF.fullmatch(expr), f"unsupported expression: {expr}"
            return str(self.lookup(ctx, expr))
        return EXPRESSION.sub(one, text)

    def condition(self, text: str | None, ctx: Mapping[str, Any], failed: bool) -> bool:
        if text is None:
            return not failed
        expr = EXPRESSION.sub(lambda m: m.group(1), str(text))
        python = CONTEXT_REF.sub(lambda m: repr(self.lookup(ctx, m.group(0))), expr)
        python = (python.replace("always()", "True").replace("success()", f"{not failed}")
                  .replace("failure()", f"{failed}").replace("&&", " and ")
                  .replace("||", " or "))
        assert re.fullmatch(r"[\w\s'\"=!().,/-]*", python), python
        result = bool(eval(python, {"__builtins__": {}}, {}))  # our own example files only
        return result if "always()" in expr or "failure()" in expr else result and not failed

    # ----- running --------------------------------------------------------------------------

    def run(self, workflow: Path, only: set[str] | None = None,
            before_job: Callable[[str], None] | None = None) -> dict[str, JobResult]:
        """Run the jobs in file order (`only`: just those); `before_job(name)` runs first
        (what happens while a job waits, e.g. for an environment approval)."""
        data = yaml.safe_load(workflow.read_text())
        workflow_env = {k: str(v) for k, v in (data.get("env") or {}).items()}
        results: dict[str, JobResult] = {}
        for name, job in data["jobs"].items():
            if only is not None and name not in only:
                continue
            if before_job is not None:
                before_job(name)
            results[name] = self.run_job(name, job, workflow_env, results)
        return results

    def run_job(self, name: str, job: Mapping[str, Any], workflow_env: Mapping[str, str],
                done: Mapping[str, JobResult]) -> JobResult:
        result = JobResult(name, "success")
        needs = job.get("needs") or []
        needs = [needs] if isinstance(needs, str) else needs
        if any(done[n].outcome != "success" for n in needs if n in done):
            result.outcome = "skipped"
            return result
        ctx = self.context(result, done, {})
        if "if" in job and not self.condition(job["if"], ctx, failed=False):
            result.outcome = "skipped"
            return result
        step_outputs: dict[str, dict[str, str]] = {}
        failed = False
        shell_default = (job.get("defaults") or {}).get("run", {}).get("shell")
        for step in job["steps"]:
            ctx = self.context(result, done, step_outputs)
            label = step.get("name") or step.get("uses") or step.get("run", "")[:40]
            if not self.condition(step.get("if"), ctx, failed):
                result.steps.append(StepResult(label, "skipped"))
                continue
            outcome, output, outputs = self.run_step(step, ctx, workflow_env, shell_default)
            result.steps.append(StepResult(label, outcome, output))
            if "id" in step:
                step_outputs[step["id"]] = outputs
            failed = failed or outcome == "failure"
        result.outcome = "failure" if failed else "success"
        ctx = self.context(result, done, step_outputs)
        result.outputs = {k: self.substitute(str(v), ctx)
                          for k, v in (job.get("outputs") or {}).items()}
        return result

    def run_step(self, step: Mapping[str, Any], ctx: Mapping[str, Any],
                 workflow_env: Mapping[str, str], shell_default: str | None
                 ) -> tuple[str, str, dict[str, str]]:
        if "uses" in step:
            return self.use(step["uses"], {k: self.substitute(str(v), ctx)
                                           for k, v in (step.get("with") or {}).items()})
        script = step["run"]
        if script.strip() == INSTALL:
            assert PINNED.match(workflow_env.get("FASTLYSYNC_PIP", "")), workflow_env
            return "success", "", {}
        script = self.mutate(self.substitute(script, ctx))
        output_file = self.home / "github-output"
        output_file.write_text("")
        env = {**self.env, **workflow_env,
               **{k: self.substitute(str(v), ctx) for k, v in (step.get("env") or {}).items()},
               "GITHUB_STEP_SUMMARY": str(self.summary), "GITHUB_OUTPUT": str(output_file),
               "GITHUB_WORKSPACE": str(self.workspace), "GITHUB_ACTIONS": "true",
               "GH_LOG": str(self.gh_log),
               "PATH": os.pathsep.join([str(self.bin), str(Path(sys.executable).parent),
                                        self.env.get("PATH", os.defpath)])}
        script_file = self.home / "step.sh"
        script_file.write_text(script)
        shell = step.get("shell") or shell_default
        if shell is None:
            argv = ["bash", "-e", str(script_file)]
        else:
            assert shell == "bash", shell
            argv = ["bash", "--noprofile", "--norc", "-eo", "pipefail", str(script_file)]
        proc = subprocess.run(argv, cwd=self.workspace, env=env, capture_output=True,
                              text=True, timeout=300)
        outputs = dict(line.split("=", 1) for line in output_file.read_text().splitlines()
                       if "=" in line)
        return ("success" if proc.returncode == 0 else "failure",
                proc.stdout + proc.stderr, outputs)

    def use(self, action: str, with_: Mapping[str, str]) -> tuple[str, str, dict[str, str]]:
        name = action.split("@")[0]
        if name in ("actions/checkout", "actions/setup-python"):
            return "success", "", {}
        if name == "actions/upload-artifact":
            target = self.artifacts / with_["name"]
            target.mkdir(parents=True, exist_ok=True)
            paths = [p.strip() for p in with_["path"].splitlines() if p.strip()]
            found = [self.workspace / p for p in paths if (self.workspace / p).is_file()]
            for path in found:
                shutil.copy(path, target / path.name)
            if not found and with_.get("if-no-files-found", "warn") == "error":
                return "failure", "no files found", {}
            return "success", "", {}
        if name == "actions/download-artifact":
            source = self.artifacts / with_["name"]
            if not source.is_dir():
                return "failure", f"artifact {with_['name']} not found", {}
            for path in source.iterdir():
                shutil.copy(path, self.workspace / with_.get("path", ".") / path.name)
            return "success", "", {}
        if name == "github/codeql-action/upload-sarif":
            try:
                json.loads((self.workspace / with_["sarif_file"]).read_text())
            except (OSError, ValueError) as exc:
                return "failure", str(exc), {}
            return "success", "", {}
        raise AssertionError(f"action {action} is not emulated")
