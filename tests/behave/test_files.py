"""Test files: loading (with file:line problems), falco files, report formats."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from fastlysync.behave.load import LoadError, load_test_file
from fastlysync.behave.model import file_schema
from fastlysync.behave.report import render_github, render_json, render_junit, render_text
from fastlysync.behave.runner import run_tests

VCL = """
backend F_app { .host = "app.example.com"; }
table redirects { "/old": "/new" }
sub vcl_recv {
#FASTLY recv
  if (table.contains(redirects, req.url.path)) {
    error 618;
  }
  if (req.url.path == "/boom") {
    set req.http.X = digest.time_hmac_sha256(digest.base64("k"), 60, 0);
  }
}
sub vcl_error {
#FASTLY error
  if (obj.status == 618) {
    set obj.status = 301;
    set obj.http.Location = table.lookup(redirects, req.url.path);
    return(deliver);
  }
}
"""


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    for d in ("services", "tests", "vcl"):
        (tmp_path / d).mkdir()
    (tmp_path / "vcl" / "app.vcl").write_text(VCL)
    return tmp_path


def write(repo: Path, name: str, text: str) -> Path:
    path = repo / "tests" / name
    path.write_text(text)
    return path


def test_bad_yaml_is_reported_with_its_line(repo: Path) -> None:
    path = write(repo, "t.yaml", "vcl: ../vcl/app.vcl\ncases:\n  - name: a\n   bad: [\n")
    with pytest.raises(LoadError) as err:
        load_test_file(path)
    assert err.value.line == 4 and "invalid YAML" in err.value.message


def test_unknown_key_is_reported_at_its_line(repo: Path) -> None:
    path = write(repo, "t.yaml", "vcl: ../vcl/app.vcl\ncases:\n  - name: a\n    expect:\n"
                                 "      stauts: 200\n")
    with pytest.raises(LoadError) as err:
        load_test_file(path)
    assert (err.value.line, "stauts" in err.value.message) == (5, True)


def test_a_file_must_name_its_service(repo: Path) -> None:
    with pytest.raises(LoadError, match="say which service"):
        load_test_file(write(repo, "t.yaml", "cases:\n  - name: a\n"))


def test_unknown_service_is_a_problem_not_a_crash(repo: Path) -> None:
    write(repo, "t.yaml", "service: nope\ncases:\n  - name: a\n")
    result = run_tests([], root=repo)
    assert not result.ok and "no service 'nope'" in result.problems[0]


def test_binary_test_file_is_refused(repo: Path) -> None:
    (repo / "tests" / "t.yaml").write_bytes(b"cases:\x00\x01")
    result = run_tests([repo / "tests" / "t.yaml"], root=repo)
    assert "NUL byte" in result.problems[0]


def test_vcl_file_cases_pass_fail_and_error(repo: Path) -> None:
    write(repo, "app.yaml", """vcl: ../vcl/app.vcl
cases:
  - name: redirect
    request: {url: /old}
    expect: {status: 301, headers: {Location: /new}, backend: none}
  - name: wrong
    request: {url: /old}
    expect: {status: 302}
  - name: unsupported
    request: {url: /boom}
    expect: {status: 200}
  - name: skipped
    skip: true
""")
    result = run_tests([], root=repo)
    status = {c.name: c.status for c in result.cases}
    assert status == {"redirect": "passed", "wrong": "failed", "unsupported": "error",
                      "skipped": "skipped"}
    errored = next(c for c in result.cases if c.name == "unsupported")
    assert errored.message.startswith("unsupported: digest.time_hmac_sha256 at ")
    assert errored.message.endswith("app.vcl:10")

    text = render_text(result)
    assert "FAIL" in text and "status: expected 302, got 301" in text
    assert "1 passed, 1 failed, 1 errors, 1 skipped" in text

    data = json.loads(render_json(result))
    assert data["ok"] is False and data["failed"] == 1
    wrong = next(c for c in data["cases"] if c["name"] == "wrong")
    assert wrong["mismatches"] == [{"what": "status", "expected": 302, "actual": 301}]
    assert wrong["trace"], "failing cases carry their trace"

    suite = ET.fromstring(render_junit(result))
    assert suite.attrib["failures"] == "1" and suite.attrib["errors"] == "1"
    names = {tc.attrib["name"]: tc for tc in suite.iter("testcase")}
    assert names["wrong"].find("failure") is not None
    assert names["skipped"].find("skipped") is not None

    github = render_github(result)
    assert "::error file=" in github and "title=fastlysync test%3A wrong::" in github


FALCO = """
// @scope: recv
// @suite: old URLs raise 618
sub test_redirect {
  set req.url = "/old";
  testing.call_subroutine("vcl_recv");
  assert.error(618);
  assert.state(error);
}

// @scope: error
sub test_location {
  set req.url = "/old";
  set obj.status = 618;
  testing.call_subroutine("vcl_error");
  assert.equal(obj.http.Location, "/nope", "location is wrong on purpose");
}

// @skip
sub test_skipped {
  assert.true(false);
}

sub test_table_set {
  testing.table_set(redirects, "/x", "/y");
  assert.equal(table.lookup(redirects, "/x"), "/y");
  assert.is_notset(req.http.Nothing);
  assert.match(req.url, "^/");
}

sub test_table_set_lasts_one_test {
  assert.is_notset(table.lookup(redirects, "/x"));
}
"""


def test_falco_test_files_run_against_their_vcl(repo: Path) -> None:
    (repo / "vcl" / "app.test.vcl").write_text(FALCO)
    result = run_tests([repo / "vcl" / "app.test.vcl"], root=repo)
    assert not result.problems
    status = {c.name: c.status for c in result.cases}
    assert status == {"old URLs raise 618": "passed", "test_location": "failed",
                      "test_skipped": "skipped", "test_table_set": "passed",
                      "test_table_set_lasts_one_test": "passed"}
    failed = next(c for c in result.cases if c.name == "test_location")
    text = failed.mismatches[0].text()
    assert "assert.equal at" in text and "location is wrong on purpose" in text
    assert "expected '/nope', got '/new'" in text


GROUPED = """
// hooks and tests in a group share the interpreter
describe redirects_group {
  before_recv {
    set req.http.X-Hook = "ran";  # a comment with a brace {
    set req.url = "/old";
  }

  after_recv {
    set req.http.X-After = "1";
  }

  // @scope: recv
  sub test_hook_ran {
    assert.equal(req.http.X-Hook, "ran");
    testing.call_subroutine("vcl_recv");
    assert.error(618);
  }

  // @scope: recv
  sub test_state_is_shared {
    assert.equal(req.http.X-After, "1");
    assert.equal(req.url, "/nope");
  }
}

sub test_outside {
  assert.is_notset(req.http.X-Hook);
}
"""


def test_falco_describe_groups_with_hooks(repo: Path) -> None:
    (repo / "vcl" / "app.test.vcl").write_text(GROUPED)
    result = run_tests([repo / "vcl" / "app.test.vcl"], root=repo)
    assert not result.problems, result.problems
    status = {c.name: (c.status, c.line) for c in result.cases}
    assert status == {"test_hook_ran": ("passed", 14), "test_state_is_shared": ("failed", 21),
                      "test_outside": ("passed", 27)}
    failed = next(c for c in result.cases if c.status == "failed")
    assert "expected '/nope', got '/old'" in failed.mismatches[0].text()


def test_falco_assert_not_restart(repo: Path) -> None:
    (repo / "vcl" / "app.test.vcl").write_text("""
// @scope: recv
sub test_no_restart {
  set req.url = "/old";
  testing.call_subroutine("vcl_recv");
  assert.not_restart();
}

// @scope: recv
sub test_restarted {
  set req.url = "/again";
  testing.call_subroutine("vcl_recv");
  assert.not_restart();
}
""")
    vcl = repo / "vcl" / "app.vcl"
    again = '#FASTLY recv\n  if (req.url == "/again") { restart; }'
    vcl.write_text(vcl.read_text().replace("#FASTLY recv", again))
    result = run_tests([repo / "vcl" / "app.test.vcl"], root=repo)
    status = {c.name: c.status for c in result.cases}
    assert status == {"test_no_restart": "passed", "test_restarted": "failed"}, [
        (c.name, c.message) for c in result.cases]


def test_falco_call_subroutine_passes_arguments_and_returns_the_value(repo: Path) -> None:
    vcl = repo / "vcl" / "app.vcl"
    vcl.write_text(vcl.read_text() + """
sub is_either(STRING var.a, STRING var.b) BOOL {
  return (req.url.path == var.a || req.url.path == var.b);
}
""")
    (repo / "vcl" / "app.test.vcl").write_text("""
// @scope: recv
sub test_either {
  set req.url = "/b";
  declare local var.hit BOOL;
  set var.hit = testing.call_subroutine("is_either", "/a", "/b");
  assert.true(var.hit);
  set var.hit = testing.call_subroutine("is_either", "/a", "/c");
  assert.false(var.hit);
  assert.equal(req.http.Missing, "(null)");
}
""")
    result = run_tests([repo / "vcl" / "app.test.vcl"], root=repo)
    assert [(c.name, c.status) for c in result.cases] == [("test_either", "passed")], [
        (c.message, [m.text() for m in c.mismatches]) for c in result.cases]


def test_falco_set_backend_health_lasts_one_test(repo: Path) -> None:
    (repo / "vcl" / "app.test.vcl").write_text("""
sub test_down {
  testing.set_backend_health(F_app, false);
  assert.false(backend.F_app.healthy);
}

sub test_up_again {
  assert.true(backend.F_app.healthy);
}
""")
    result = run_tests([repo / "vcl" / "app.test.vcl"], root=repo)
    assert [(c.name, c.status) for c in result.cases] == [
        ("test_down", "passed"), ("test_up_again", "passed")], [c.message for c in result.cases]


def test_unclosed_describe_is_reported(repo: Path) -> None:
    (repo / "vcl" / "app.test.vcl").write_text("describe g {\n  sub test_a { }\n")
    result = run_tests([repo / "vcl" / "app.test.vcl"], root=repo)
    assert not result.ok and "describe g is not closed" in result.problems[0]


def test_schema_describes_cases_and_expectations() -> None:
    schema = file_schema()
    assert "cases" in schema["required"]
    assert "Expect" in schema["$defs"] and "status" in schema["$defs"]["Expect"]["properties"]


def test_committed_schema_is_current() -> None:
    committed = Path(__file__).resolve().parents[1] / "behaviour.schema.json"
    assert json.loads(committed.read_text()) == file_schema(), (
        "regenerate with: fastlysync test --schema > tests/behaviour.schema.json")


def test_a_step_request_overrides_only_what_it_sets(repo: Path) -> None:
    write(repo, "app.yaml", """vcl: ../vcl/app.vcl
defaults:
  request: {headers: {Host: a.example}}
cases:
  - name: same URL, another client
    request: {url: /old, client_ip: 192.0.2.1}
    expect: {status: 301}
    then:
      - request: {client_ip: 192.0.2.2}
        expect: {status: 301, headers: {Location: /new}}
""")
    result = run_tests([], root=repo)
    assert [c.status for c in result.cases] == ["passed"], result.cases[0].mismatches


def test_multi_valued_response_headers_can_be_expected_in_full(repo: Path) -> None:
    (repo / "vcl" / "cookies.vcl").write_text(
        'sub vcl_deliver {\n  add resp.http.Set-Cookie = "a=1";\n'
        '  add resp.http.Set-Cookie = "b=2";\n}\n')
    write(repo, "c.yaml", """vcl: ../vcl/cookies.vcl
cases:
  - name: both cookies
    expect: {headers: {Set-Cookie: [a=1, b=2]}}
  - name: wrong order
    expect: {headers: {set-cookie: [b=2, a=1]}}
""")
    result = run_tests([repo / "tests" / "c.yaml"], root=repo)
    assert [c.status for c in result.cases] == ["passed", "failed"]
    assert result.cases[1].mismatches[0].text() == (
        "header set-cookie (every field): expected ['b=2', 'a=1'], got ['a=1', 'b=2']")


def test_a_service_with_environments_needs_one_named(repo: Path) -> None:
    (repo / "services" / "shop.yaml").write_text("""name: shop
domains: [{name: shop.example.com}]
backends: [{name: origin, address: origin.example.com}]
environments:
  staging: {name: shop-staging, domains: [{name: shop.example.com, _remove: true},
                                          {name: staging.example.com}]}
  production: {name: shop-production}
""")
    write(repo, "shop.yaml", "service: shop\ncases:\n  - name: a\n    expect: {status: 200}\n")
    result = run_tests([repo / "tests" / "shop.yaml"], root=repo)
    assert "several environments" in result.problems[0]
    write(repo, "shop.yaml", "service: shop\nenvironment: staging\ncases:\n  - name: a\n"
                             "    expect: {status: 200, backend: origin}\n")
    result = run_tests([repo / "tests" / "shop.yaml"], root=repo)
    assert result.ok, (result.problems, [c.mismatches for c in result.cases])


def test_origin_expectations(repo: Path) -> None:
    (repo / "vcl" / "o.vcl").write_text(
        'backend F_api { .host = "api.example.com"; }\n'
        'sub vcl_miss {\n  set bereq.http.Authorization = "Bearer t";\n'
        '  set bereq.url = "/v2" bereq.url;\n}\n'
        'sub vcl_recv { if (req.url ~ "^/local") { error 600; } }\n')
    write(repo, "o.yaml", """vcl: ../vcl/o.vcl
cases:
  - name: rewritten for the origin
    request: {url: /a?b=1}
    expect:
      origin: {url: /v2/a?b=1, headers: {Authorization: {match: "^Bearer "}}}
  - name: wrong origin url
    request: {url: /a}
    expect: {origin: {url: {contains: /v3}, method: POST}}
  - name: nothing fetched
    request: {url: /local}
    expect: {origin: {url: /local}}
""")
    result = run_tests([repo / "tests" / "o.yaml"], root=repo)
    texts = {c.name: [m.text() for m in c.mismatches] for c in result.cases}
    assert texts == {
        "rewritten for the origin": [],
        "wrong origin url": ["origin method: expected 'POST', got 'GET'",
                             "origin url: expected \"containing '/v3'\", got '/v2/a'"],
        "nothing fetched": ["origin request: expected 'a fetch', got 'no fetch'"]}


def test_a_case_gives_the_tls_handshake_fingerprints(repo: Path) -> None:
    (repo / "vcl" / "fp.vcl").write_text("""
backend F_app { .host = "app.example.com"; }
sub vcl_recv {
  set req.http.X-JA3 = tls.client.ja3_md5;
  set req.http.X-JA4 = tls.client.ja4;
  set req.http.X-Bot = if(tls.client.ja3_md5 == "e7d705a3286e19ea42f587b344ee6865", "y", "n");
  error 600;
}
sub vcl_error {
  set obj.http.X = req.http.X-JA3 "|" req.http.X-JA4 "|" req.http.X-Bot;
  return(deliver);
}
""")
    write(repo, "fp.yaml", """vcl: ../vcl/fp.vcl
defaults:
  request: {tls_client: {ja4: t13d1516h2_8daaf6152771_b186095e22b6}}
cases:
  - name: known bot fingerprint
    request: {tls_client: {ja3_md5: e7d705a3286e19ea42f587b344ee6865}}
    expect:
      headers: {X: "e7d705a3286e19ea42f587b344ee6865|t13d1516h2_8daaf6152771_b186095e22b6|y"}
  - name: plain HTTP has no handshake
    request: {tls: false, tls_client: {ja3_md5: e7d705a3286e19ea42f587b344ee6865}}
    expect: {headers: {X: "(null)|(null)|n"}}   # not set in a header join
""")
    result = run_tests([repo / "tests" / "fp.yaml"], root=repo)
    assert [c.status for c in result.cases] == ["passed", "passed"], render_text(result)
    assert not any("ja3" in note for c in result.cases for note in c.notes)
