"""An empty `${env:NAME}` is not a value. GitHub Actions hands a secret that is not set (a
typo, a renamed secret, a pull request from a fork) to the job as an empty string, and `apply`
then wrote "" over the live logging token. Commands that talk to the API refuse it like an
unset variable; those that need no secret (validate, check without a plan, lint) use their
placeholder, as they do for an unset one."""

from __future__ import annotations

from fastlysync.spec.secrets import Resolution, resolve_string

EMPTY = ("environment variable DD_TOKEN is empty (referenced as ${env:DD_TOKEN}); a CI secret "
         "that is not set reads as empty")


def test_an_empty_value_is_a_problem_not_a_secret() -> None:
    out = Resolution()
    resolve_string("${env:DD_TOKEN}", {"DD_TOKEN": ""}, ("token",), out)
    assert out.problems == [(("token",), EMPTY)]
    assert out.secrets == set()
