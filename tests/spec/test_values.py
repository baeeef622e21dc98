"""Hostile names and non-integers are refused at validate, each at its line, and a secret in a
refused value is never shown, whole, escaped or truncated."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from fastlysync.cli.main import cli
from fastlysync.spec.values import MAX_INT, name_problem, skeleton

SPEC = """\
name: site
domains:
  - name: www.example.com
backends:
  - name: origin
    address: origin.example.com
    port: {port}
  - name: {other}
    address: other.example.com
"""


def spec(port: str = "443", other: str = "other") -> str:
    return SPEC.format(port=port, other=other)


@pytest.mark.parametrize(("name", "why"), [
    ('"a\\nb"', "control character (U+000A, a line break)"),
    ('"x\\r\\n::error::forged"', "control character (U+000D, a line break)"),
    ('"evil\\u202Egnp.exe"', "bidirectional control character (U+202E) that reorders text"),
    ('"zero\\u200Bwidth"', "invisible character (U+200B)"),
    ('"bom\\uFEFF"', "invisible character (U+FEFF)"),
    ('"tab\\there"', "control character (U+0009)"),
])
def test_hostile_names_are_located_errors(load, name: str, why: str) -> None:
    result = load(spec(other=name))
    assert not result.services
    [error] = result.errors
    assert (error.line, error.column) == (8, 11)
    assert error.message.startswith("backend name contains a") and error.message.endswith(why)
    assert "\n" not in str(error) and "\r" not in str(error)


def test_a_mixed_script_look_alike_of_another_name_is_refused(load) -> None:
    result = load(spec(other="\u043erigin"))  # Cyrillic o + "rigin"
    [error] = result.errors
    assert "mixes scripts (Cyrillic/Latin) and looks like 'origin'" in error.message
    assert load(spec(other="\u043e\u0440\u0438\u0433\u0438\u043d")).ok  # all Cyrillic: fine
    assert load(spec(other="caf\u00e9")).ok  # accented Latin: one script


def test_service_names_are_checked_too(load) -> None:
    result = load(spec().replace("name: site", 'name: "site\\n::error::x"'))
    [error] = result.errors
    assert (error.line, error.message) == (1, "service name contains a control character "
                                              "(U+000A, a line break)")


@pytest.mark.parametrize("port", ["yes", "no", "true", "on", "off"])
def test_booleans_are_not_ports(load, port: str) -> None:
    result = load(spec(port=port))
    [error] = result.errors
    assert (error.line, error.column) == (7, 11)
    assert "port: expected an integer, got a boolean" in error.message


@pytest.mark.parametrize("value", [str(MAX_INT + 1), "99999999999999999999999999999",
                                   str(-MAX_INT - 1)])
def test_absurd_integers_are_refused(load, value: str) -> None:
    result = load(spec().replace("    port: 443\n", f"    port: 443\n    max_conn: {value}\n"))
    [error] = result.errors
    assert "max_conn: integer out of range" in error.message and error.line == 8
    assert load(spec().replace("    port: 443\n", f"    port: 443\n    max_conn: {MAX_INT}\n")
                ).ok


def test_a_nul_byte_in_file_is_a_located_error(load) -> None:
    text = spec() + 'vcls:\n  - name: main\n    main: true\n    file: "a\\0b.vcl"\n'
    result = load(text)
    [error] = result.errors
    assert (error.line, error.message) == (13, "file name contains a NUL byte")


def test_port_and_file_secrets_are_masked_in_every_form(load) -> None:
    secret = "Sekr3t'\"\\-" + "Z" * 60
    text = spec(port="${env:P}") + "vcls:\n  - name: main\n    main: true\n    file: ${env:P}\n"
    result = load(text, env={"P": secret})
    shown = json.dumps([str(e) for e in result.errors])
    assert len(result.errors) == 2
    assert "Sekr3t" not in shown and "ZZZZZZZZZZ" not in shown, shown


def test_validate_output_never_carries_a_raw_newline_from_a_name(tmp_path, monkeypatch) -> None:
    (tmp_path / "services").mkdir()
    (tmp_path / "services" / "s.yaml").write_text(spec(other='"x\\n::error::forged"'))
    monkeypatch.chdir(tmp_path)
    for fmt in ("text", "json"):
        result = CliRunner().invoke(cli, ["validate", "--format", fmt])
        assert result.exit_code == 1
        lines = (result.stdout + result.stderr).splitlines()
        assert not [line for line in lines if line.lstrip().startswith("::error::")], lines


def test_helpers() -> None:
    assert name_problem("plain name_1") is None
    assert skeleton("\u0440\u0430y") == "pay"
