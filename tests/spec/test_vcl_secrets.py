"""`${env:NAME}` inside VCL and snippet files: resolved at load, masked in plans and lint."""

from __future__ import annotations

import json
from collections.abc import Callable

from click.testing import CliRunner

from fastlysync.cli.main import cli
from fastlysync.plan.diff import diff
from fastlysync.plan.model import SENSITIVE
from fastlysync.spec import LoadResult
from fastlysync.spec.lint_context import service_context

SPEC = """name: s
domains: [{name: s.example.com}]
backends: [{name: o, address: o.example.com}]
snippets:
  - name: auth
    type: recv
    file: auth.vcl
"""
VCL = 'if (req.http.X-Key != "${env:API_KEY}") {\n  error 403;\n}\n'
SECRET = "k3y-v4lue-s3cret"


def test_file_reference_is_resolved(load: Callable[..., LoadResult]) -> None:
    result = load(SPEC, env={"API_KEY": SECRET}, files={"vcl/auth.vcl": VCL})
    assert not result.errors
    [loaded] = result.services
    [snippet] = loaded.service.snippets  # type: ignore[attr-defined]
    assert SECRET in snippet.content and "${env:" not in snippet.content
    assert SECRET in loaded.secrets


def test_missing_variable_names_the_vcl_line(load: Callable[..., LoadResult]) -> None:
    result = load(SPEC, env={}, files={"vcl/auth.vcl": "# a\n" + VCL})
    [error] = result.errors
    assert "auth.vcl:2:24: environment variable API_KEY is not set" in str(error)
    assert "s.yaml:7:" in str(error)  # located at the spec's file: line, naming the VCL line


def test_escaped_reference_stays_literal(load: Callable[..., LoadResult]) -> None:
    result = load(SPEC, env={}, files={"vcl/auth.vcl": 'set req.http.X = "$${env:X}";\n'})
    assert not result.errors
    [snippet] = result.services[0].service.snippets  # type: ignore[attr-defined]
    assert snippet.content == 'set req.http.X = "${env:X}";\n'


def test_plan_diff_masks_the_value_but_shows_the_rest(load: Callable[..., LoadResult]) -> None:
    new = load(SPEC, env={"API_KEY": SECRET}, files={"vcl/auth.vcl": VCL + "# two\n"})
    [loaded] = new.services
    live = loaded.service.model_copy(deep=True)
    [snippet] = live.snippets  # type: ignore[attr-defined]
    snippet.content = VCL.replace("${env:API_KEY}", "old-v4lue-s3cret")
    plan = diff(loaded.service, live, secrets=loaded.secrets | {"old-v4lue-s3cret"})
    [change] = plan.changes
    [field] = change.fields
    assert field.sensitive and field.new == SENSITIVE
    assert field.diff is not None and "+# two" in field.diff and "********" in field.diff
    text = json.dumps(plan.model_dump())
    assert SECRET not in text and "old-v4lue-s3cret" not in text


def test_lint_never_shows_the_value(load: Callable[..., LoadResult]) -> None:
    vcl = 'if (req.url ~ "${env:RX}") {\n  set req.http.Y = foo.bar;\n}\n'
    result = load(SPEC, env={"RX": "^/admin-s3cret"}, files={"vcl/auth.vcl": vcl})
    [loaded] = result.services
    context = service_context(loaded)
    assert all("s3cret" not in s.content for s in context.snippets)
    runner = CliRunner(env={"RX": "^/admin-s3cret"})
    out = runner.invoke(cli, ["lint", "--format", "json", str(loaded.path)])
    assert "unknown variable foo.bar" in out.output
    assert "s3cret" not in out.output
