from fastlysync.interp.spec_source import log_format, vcl_string
from fastlysync.vcl.parser import parse

from .helpers import evaluate


def test_vcl_string_round_trips_any_text() -> None:
    for text in ["plain", 'say "hi"', "100%", "a\nb", 'ends "}', 'both "} and "D0}']:
        literal = vcl_string(text)
        assert evaluate(literal) == text, literal


def test_log_format_becomes_a_vcl_expression() -> None:
    expr = log_format('%h "%r" %>s %{json.escape(req.url)}V %{User-Agent}i end')
    assert parse(expr, mode="expression").ok
    assert evaluate(expr, 'set req.http.User-Agent = "curl";') == (
        '203.0.113.10 "GET /path/to/file.html?a=1&b=2 HTTP/1.1" 0 '
        '/path/to/file.html?a=1&b=2 curl end')


def test_escaped_braces_in_a_logging_format() -> None:
    expr = log_format('%{strftime(\\{"%Y-%m-%d"\\}, time.start)}V ok')
    assert evaluate(expr) == "2026-01-01 ok"


def test_a_logging_format_it_cannot_read_is_logged_as_written(tmp_path) -> None:
    from fastlysync.interp.machine import Machine
    from fastlysync.interp.service import Service
    from fastlysync.interp.spec_source import spec_source
    from fastlysync.interp.state import Request
    from fastlysync.spec import load_specs

    (tmp_path / "services").mkdir()
    (tmp_path / "services" / "s.yaml").write_text(
        "name: s\ndomains: [{name: s.example.com}]\n"
        "backends: [{name: origin, address: o.example.com}]\n"
        "logging_datadog:\n  - name: dd\n    token: t\n    format: '%{req.url ~}V'\n")
    loaded = load_specs(None, root=tmp_path)
    assert not loaded.errors, loaded.errors
    result = Machine(Service(spec_source(loaded.services[0]))).run(Request())
    assert result.error is None
    assert result.logs == [("dd", "%{req.url ~}V")]
    assert "logging endpoint dd: format not understood, logged as written" in result.notes
