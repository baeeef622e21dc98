"""`${env:NAME}` references: resolution, errors, escaping and masking."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from fastlysync.spec.secrets import Resolution, escape, mask, resolve, resolve_string


def run(text: str, env: dict[str, str] | None = None) -> tuple[str, Resolution]:
    out = Resolution()
    return resolve_string(text, env or {}, ("x",), out), out


def test_reference_anywhere_in_a_string() -> None:
    value, out = run("Bearer ${env:TOKEN}; id=${env:ID}", {"TOKEN": "abc", "ID": "7"})
    assert value == "Bearer abc; id=7"
    assert out.secrets == {"abc", "7"} and not out.problems


def test_missing_variable_names_it() -> None:
    _, out = run("${env:NOPE}")
    assert out.problems == [(("x",), "environment variable NOPE is not set "
                                      "(referenced as ${env:NOPE})")]


def test_malformed_reference() -> None:
    for text in ("${env:}", "${env:BAD NAME}", "${env:OPEN", "${env:1X}"):
        _, out = run(text)
        assert out.problems and "malformed" in out.problems[0][1], text


def test_escape_with_a_second_dollar() -> None:
    assert run("$${env:KEEP}")[0] == "${env:KEEP}"
    assert run("$$${env:KEEP}")[0] == "$${env:KEEP}"
    assert run("price: $5 {env:x}")[0] == "price: $5 {env:x}"


def test_resolve_walks_values_not_keys() -> None:
    out = Resolution()
    data = {"${env:A}": ["${env:A}", 1, {"k": "${env:A}"}]}
    assert resolve(data, {"A": "v"}, out) == {"${env:A}": ["v", 1, {"k": "v"}]}


@given(st.text(alphabet=st.sampled_from("${}env:AB_ x")))
def test_escape_is_the_inverse_of_resolution(text: str) -> None:
    value, out = run(escape(text), {"A": "1", "B": "2", "AB": "3", "A_": "4"})
    assert value == text and not out.secrets


def test_mask() -> None:
    assert mask("token=abcdef and abcdef", {"abcdef"}) == "token=******** and ********"
    assert mask("a short 1", {"1"}) == "a short 1"
    assert mask("longer-secret", {"longer", "longer-secret"}) == "********"
