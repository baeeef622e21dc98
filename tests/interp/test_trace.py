from fastlysync.interp.trace import describe
from fastlysync.vcl.parser import parse


def lines(vcl: str) -> list[str]:
    return [describe(s) for s in parse(vcl, mode="statements").statements]


def test_statements_render_like_their_source() -> None:
    assert lines('set req.http.X = regsub(req.url, "^/a", "") "!";\n'
                 'synthetic {"hi"};\nlog "x" req.url;\nh2.push("/a.css");\n'
                 'error 404 "Not here";\nreturn(pass);\n'
                 'set req.http.Y = if(req.http.Z, "1", "0");') == [
        'set req.http.X = regsub(req.url, "^/a", "") "!"', 'synthetic {"hi"}',
        'log "x" req.url', 'h2.push("/a.css")', 'error 404 "Not here"', "return(pass)",
        'set req.http.Y = if(req.http.Z, "1", "0")']


def test_long_expressions_are_cut() -> None:
    [text] = lines('set req.http.X = "' + "a" * 200 + '";')
    assert text.endswith("...") and len(text) < 120


def test_trace_shows_which_branch_was_taken() -> None:
    from .helpers import run

    vcl = """
sub vcl_recv {
  if (req.url == "/a") {
    set req.http.X = "a";
  } else if (req.url == "/b") {
    set req.http.X = "b";
  } else {
    set req.http.X = "other";
  }
}
"""
    texts = [s.text for s in run(vcl, "/c", trace=True).steps or []]
    assert 'if (req.url == "/a")  -> false' in texts
    assert 'else if (req.url == "/b")  -> false' in texts
    assert "else" in texts and 'set req.http.X = "other"' in texts
