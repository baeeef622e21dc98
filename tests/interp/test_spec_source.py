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
