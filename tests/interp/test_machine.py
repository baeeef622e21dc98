import time

from fastlysync.interp.errors import LimitExceeded, Unsupported, VclRuntimeError
from fastlysync.interp.machine import Cache
from fastlysync.interp.state import BackendAnswer

from .helpers import run, service


def test_error_in_recv_goes_to_vcl_error_and_skips_the_origin() -> None:
    vcl = """
sub vcl_recv {
  if (req.url ~ "^/old") { error 666 "moved"; }
}
sub vcl_error {
  if (obj.status == 666) {
    set obj.status = 307;
    set obj.response = "Temporary Redirect";
    set obj.http.Location = "https://new.example" regsub(req.url, "^/old", "");
    synthetic {"gone"};
    return(deliver);
  }
}
"""
    r = run(vcl, "/old/page?q=1")
    assert (r.status, r.response) == (307, "Temporary Redirect")
    assert r.headers.get("Location") == "https://new.example/page?q=1"
    assert r.body == "gone"
    assert r.backend is None
    assert r.subs == ["vcl_recv", "vcl_error", "vcl_deliver", "vcl_log"]


def test_second_request_is_a_hit_and_pass_is_never_cached() -> None:
    svc = service("")
    cache = Cache()
    assert run(svc, "/a", cache=cache).outcome == "miss"
    second = run(svc, "/a", cache=cache)
    assert second.outcome == "hit" and "vcl_hit" in second.subs and second.backend is None
    assert run(svc, "/a", cache=cache, method="POST").outcome == "pass"


def test_ttl_from_cache_control_and_uncacheable_status() -> None:
    svc = service("")
    cache = Cache()
    answers = {"origin": BackendAnswer(500)}
    first = run(svc, "/x", cache=cache, answers=answers)
    # The boilerplate restarts a 500 once, then caches it for 1s.
    assert first.status == 500 and first.restarts == 1


def test_restart_loop_stops_after_three_restarts_with_503() -> None:
    r = run("sub vcl_recv { restart; }")
    assert r.status == 503 and r.restarts == 3
    assert r.subs.count("vcl_recv") == 4


def test_restart_from_deliver_reruns_recv_with_counter() -> None:
    vcl = """
sub vcl_recv { set req.http.X-Round = req.restarts; }
sub vcl_deliver {
  if (req.restarts < 2) { restart; }
  set resp.http.X-Round = req.http.X-Round;
}
"""
    r = run(vcl)
    assert r.restarts == 2 and r.headers.get("X-Round") == "2"


def test_return_not_allowed_in_a_state_is_an_error() -> None:
    r = run("sub vcl_recv { return(deliver); }")
    assert isinstance(r.error, VclRuntimeError)
    assert "return(deliver) is not allowed in vcl_recv" in str(r.error)


def test_a_return_fastly_allows_but_the_machine_does_not_model_is_unsupported() -> None:
    # return(challenge) (bot management) is valid in vcl_recv and passes lint; its effect is
    # not modelled, so the case stops as unsupported, never "not allowed".
    r = run('sub vcl_recv {\n  if (req.url ~ "^/bot") {\n    return(challenge);\n  }\n}', "/bot")
    assert isinstance(r.error, Unsupported)
    assert str(r.error) == "unsupported: return(challenge) at main.vcl:3"


def test_a_statement_not_allowed_in_a_state_is_named_at_its_line() -> None:
    r = run("sub vcl_deliver {\n  set resp.http.X = \"1\";\n  error 700;\n}")
    assert str(r.error) == ("error is not allowed in vcl_deliver (allowed: deliver, restart) "
                            "at main.vcl:3")
    r = run("sub vcl_recv {\n  return(pass);\n}\nsub vcl_pass {\n  return(deliver);\n}")
    assert str(r.error).endswith("is not allowed in vcl_pass (allowed: error, pass) at main.vcl:5")


def test_a_quoted_backend_name_is_a_type_error_not_a_crash() -> None:
    # Fastly rejects `set req.backend = "name"` (a STRING is not a BACKEND) at compile time.
    r = run('sub vcl_recv {\n  set req.backend = "F_origin";\n  return(pass);\n}')
    assert isinstance(r.error, VclRuntimeError) and "internal error" not in str(r.error)
    assert "req.backend is a BACKEND: cannot assign a STRING" in str(r.error)
    assert "main.vcl:2" in str(r.error)


def test_pass_from_fetch_makes_hit_for_pass() -> None:
    svc = service('sub vcl_fetch { if (beresp.http.X-Private) { return(pass); } }')
    cache = Cache()
    answers = {"origin": BackendAnswer(200, [("X-Private", "1")])}
    assert run(svc, "/p", cache=cache, answers=answers).outcome == "pass"
    again = run(svc, "/p", cache=cache, answers=answers)
    assert again.outcome == "pass" and "vcl_pass" in again.subs


def test_unreachable_backend_runs_vcl_error_with_503() -> None:
    r = run('sub vcl_error { set obj.http.X-Why = obj.response; }',
            answers={"origin": BackendAnswer(unreachable=True)})
    assert r.status == 503 and r.headers.get("X-Why") == "Connection refused"


def test_locals_custom_subs_with_return_values_and_goto() -> None:
    vcl = """
sub double(INTEGER var.n) INTEGER {
  return var.n + var.n;
}
sub is_admin BOOL {
  if (req.url ~ "^/admin") { return true; }
  return false;
}
sub vcl_recv {
  declare local var.count INTEGER;
  set var.count = 20;
  set var.count += 1;
  set req.http.X-Double = double(var.count);
  if (!is_admin()) { goto done; }
  set req.http.X-Admin = "yes";
  done:
  error 600;
}
sub vcl_error {
  set obj.http.X-Double = req.http.X-Double;
  set obj.http.X-Admin = if(req.http.X-Admin, req.http.X-Admin, "no");
}
"""
    r = run(vcl, "/shop")
    assert r.error is None, r.error
    assert r.headers.get("X-Double") == "42"
    assert r.headers.get("X-Admin") == "no"
    assert run(vcl, "/admin/x").headers.get("X-Admin") == "yes"


def test_call_and_bare_return_come_back() -> None:
    vcl = """
sub mark { set req.http.X-A = "1"; return; }
sub vcl_recv { call mark; set req.http.X-B = req.http.X-A "2"; error 600; }
sub vcl_error { set obj.http.X-B = req.http.X-B; }
"""
    assert run(vcl).headers.get("X-B") == "12"


def test_return_action_inside_custom_sub_ends_the_builtin_sub() -> None:
    vcl = """
sub decide { return(pass); }
sub vcl_recv { call decide; error 600; }
"""
    r = run(vcl)
    assert r.outcome == "pass" and r.status == 200


def test_regex_captures_in_re_group() -> None:
    vcl = """
sub vcl_recv {
  if (req.url ~ "^/user/(\\d+)/(\\w+)") {
    error 600 re.group.1 + ":" + re.group.2;
  }
}
sub vcl_error { set obj.http.X-Groups = obj.response; }
"""
    assert run(vcl, "/user/42/profile").headers.get("X-Groups") == "42:profile"


def test_switch_with_fallthrough_and_default() -> None:
    vcl = """
sub vcl_recv {
  declare local var.out STRING;
  switch (req.url.path) {
  case "/a":
    set var.out = "a";
    fallthrough;
  case "/b":
    set var.out = var.out "b";
    break;
  case ~ "^/c":
    set var.out = "c";
    break;
  default:
    set var.out = "default";
    break;
  }
  error 600 var.out;
}
sub vcl_error { set obj.http.X-Out = obj.response; }
"""
    assert run(vcl, "/a").headers.get("X-Out") == "ab"
    assert run(vcl, "/b").headers.get("X-Out") == "b"
    assert run(vcl, "/cat").headers.get("X-Out") == "c"
    assert run(vcl, "/z").headers.get("X-Out") == "default"


def test_unsupported_function_is_named_with_its_location() -> None:
    r = run('sub vcl_recv {\n  set req.http.X = digest.time_hmac_sha256('
            'digest.base64("secret"), 60, 0);\n}')
    assert isinstance(r.error, Unsupported)
    assert str(r.error) == "unsupported: digest.time_hmac_sha256 at main.vcl:2"


def test_acl_and_table_declared_in_vcl() -> None:
    vcl = """
acl office { "10.0.0.0"/8; !"10.9.0.0"/16; "2001:db8::"/32; }
table routes { "/a": "alpha", "/b": "beta" }
table limits INTEGER { "/a": 5 }
sub vcl_recv {
  set req.http.X-Office = if(client.ip ~ office, "in", "out");
  set req.http.X-Route = table.lookup(routes, req.url.path, "none");
  set req.http.X-Limit = table.lookup_integer(limits, req.url.path, 0);
  error 600;
}
sub vcl_error {
  set obj.http.X-Office = req.http.X-Office;
  set obj.http.X-Route = req.http.X-Route;
  set obj.http.X-Limit = req.http.X-Limit;
}
"""
    r = run(vcl, "/a", client_ip="10.1.2.3")
    assert (r.headers.get("X-Office"), r.headers.get("X-Route"), r.headers.get("X-Limit")) == (
        "in", "alpha", "5")
    assert run(vcl, "/b", client_ip="10.9.1.1").headers.get("X-Office") == "out"
    assert run(vcl, "/c", client_ip="2001:db8::5").headers.get("X-Route") == "none"
    assert run(vcl, "/c", client_ip="2001:db8::5").headers.get("X-Office") == "in"


def test_snippets_run_at_their_macro_in_priority_order() -> None:
    from fastlysync.interp.service import Service, SnippetSpec, Source, SourceFile
    from fastlysync.interp.values import BackendRef

    vcl = "sub vcl_recv {\n  set req.http.X-Order = \"vcl\";\n#FASTLY recv\n  error 600;\n}\n" \
          "sub vcl_error { set obj.http.X-Order = req.http.X-Order; }\n"
    src = Source("t", [SourceFile("main", vcl, "main.vcl", True)], [
        SnippetSpec("late", "recv", 'set req.http.X-Order = req.http.X-Order ",late";', "s2", 200),
        SnippetSpec("early", "recv", 'set req.http.X-Order = req.http.X-Order ",early";', "s1",
                    10)], backends=[BackendRef("F_o")])
    from fastlysync.interp.machine import Machine
    from fastlysync.interp.state import Request

    r = Machine(Service(src)).run(Request())
    assert r.headers.get("X-Order") == "vcl,early,late"


# --------------------------------------------------------------------- hostile input


def test_endless_goto_loop_stops_with_a_limit() -> None:
    started = time.perf_counter()
    r = run("sub vcl_recv {\n again:\n  set req.http.X = \"1\";\n  goto again;\n}")
    assert isinstance(r.error, LimitExceeded) and "statements" in str(r.error)
    assert time.perf_counter() - started < 10


def test_deep_call_chain_stops_with_a_limit() -> None:
    subs = "\n".join(f"sub s{i} {{ call s{i + 1}; }}" for i in range(10_000))
    vcl = subs + "\nsub s10000 { set req.http.X = \"deep\"; }\nsub vcl_recv { call s0; }"
    r = run(vcl)
    assert isinstance(r.error, LimitExceeded) and "nested deeper" in str(r.error)


def test_huge_headers_stop_with_a_limit() -> None:
    vcl = """
sub vcl_recv {
  set req.http.X = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
  again:
  set req.http.X = req.http.X req.http.X;
  goto again;
}
"""
    r = run(vcl)
    assert isinstance(r.error, LimitExceeded) and "69 KB" in str(r.error)


def test_catastrophic_regex_stops_with_a_clear_error() -> None:
    started = time.perf_counter()
    vcl = 'sub vcl_recv { if (req.http.X ~ "^(a|aa)+$") { error 600; } }'
    r = run(vcl, headers=[("X", "a" * 40 + "!")])
    assert isinstance(r.error, LimitExceeded) and "catastrophic" in str(r.error)
    assert time.perf_counter() - started < 10


def test_catastrophic_regex_in_every_regex_builtin_stops_with_a_clear_error() -> None:
    # The same limit guards regsub, regsuball, `case ~` and querystring.regfilter, not only `~`.
    uses = {
        "regsub": 'set req.http.Z = regsub(req.http.X, "^(a|aa)+$", "b");',
        "regsuball": 'set req.http.Z = regsuball(req.http.X, "^(a|aa)+$", "b");',
        "case": 'switch (req.http.X) { case ~ "^(a|aa)+$": set req.http.Z = "1"; break; }',
        "regfilter": 'set req.url = querystring.regfilter("/?" req.http.X "=1", "^(a|aa)+$");',
    }
    for what, statement in uses.items():
        started = time.perf_counter()
        r = run("sub vcl_recv {\n" + statement + "\n}", headers=[("X", "a" * 40 + "!")])
        assert isinstance(r.error, LimitExceeded), what
        assert "catastrophic" in str(r.error) and "main.vcl:2" in str(r.error), what
        assert time.perf_counter() - started < 10, what


def test_recursive_function_sub_hits_the_depth_limit() -> None:
    r = run("sub f STRING { return f(); }\nsub vcl_recv { set req.http.X = f(); }")
    assert isinstance(r.error, LimitExceeded) and "nested deeper than 64" in str(r.error)


def test_restart_loop_from_deliver_stops_after_three_restarts() -> None:
    r = run("sub vcl_deliver { restart; }")
    assert r.error is None and r.status == 503 and r.restarts == 3


def test_deeply_nested_ifs_end_with_a_clear_error() -> None:
    depth = 5_000
    body = "if (req.url) {\n" * depth + 'set req.http.X = "deep";\n' + "}\n" * depth
    r = run("sub vcl_recv {\n" + body + "}\n")
    assert isinstance(r.error, LimitExceeded) and "nested too deeply" in str(r.error)


def test_recursive_sub_hits_the_depth_limit() -> None:
    r = run("sub loop { call loop; }\nsub vcl_recv { call loop; }")
    assert isinstance(r.error, LimitExceeded)


def test_request_limits_checked_before_any_vcl() -> None:
    r = run("", "/" + "a" * 9000)
    assert isinstance(r.error, LimitExceeded) and "8 KB" in str(r.error)
    r = run("", headers=[(f"X-{i}", "1") for i in range(300)])
    assert isinstance(r.error, LimitExceeded) and "255" in str(r.error)


def test_oversized_cookie_is_dropped_and_flagged() -> None:
    vcl = """
sub vcl_recv { error 600; }
sub vcl_error {
  set obj.http.X-Overflow = req.http.Fastly-Cookie-Overflow;
  set obj.http.X-Cookie = if(req.http.Cookie, "present", "gone");
}
"""
    r = run(vcl, headers=[("Cookie", "a=" + "x" * 33_000)])
    assert r.headers.get("X-Overflow") == "1" and r.headers.get("X-Cookie") == "gone"


def test_wrong_arguments_to_a_builtin_are_a_located_error() -> None:
    r = run('sub vcl_recv {\n  set req.http.X = std.strlen("a", "b");\n}')
    assert isinstance(r.error, VclRuntimeError)
    assert str(r.error).startswith("std.strlen: bad arguments") and "main.vcl:2" in str(r.error)


def test_slow_work_in_a_loop_stops_at_the_time_limit() -> None:
    from fastlysync.interp.machine import Machine
    from fastlysync.interp.state import Request

    vcl = """
sub vcl_recv {
  again:
  if (req.http.X ~ "^(\\w+\\s?)*$") { set req.http.Y = "1"; }
  goto again;
}
"""
    started = time.perf_counter()
    r = Machine(service(vcl), max_seconds=0.3).run(Request(headers=[("X", "a b " * 200)]))
    assert isinstance(r.error, LimitExceeded) and "time limit" in str(r.error)
    assert time.perf_counter() - started < 5


def test_bare_vcl_may_name_configured_backends() -> None:
    from fastlysync.interp.machine import Machine
    from fastlysync.interp.service import Service, vcl_source
    from fastlysync.interp.state import BackendAnswer, Request

    svc = Service(vcl_source("sub vcl_recv { set req.backend = F_api; }", "bare.vcl"))
    r = Machine(svc, {"api": BackendAnswer(204)}).run(Request())
    assert (r.status, r.backend) == (204, "api")


def test_edge_headers_fastly_adds() -> None:
    vcl = """
sub vcl_recv { error 600; }
sub vcl_error {
  set obj.http.X-SSL = req.http.Fastly-SSL;
  set obj.http.X-IP = req.http.Fastly-Client-IP;
  set obj.http.X-Is-SSL = req.is_ssl;
}
"""
    r = run(vcl, client_ip="198.51.100.4")
    assert (r.headers.get("X-SSL"), r.headers.get("X-IP"), r.headers.get("X-Is-SSL")) == (
        "1", "198.51.100.4", "1")
    plain = run(vcl, "http://www.example.com/")
    assert plain.headers.get("X-SSL") is None and plain.headers.get("X-Is-SSL") == "0"


def test_pass_from_miss_runs_vcl_pass_and_caches_nothing() -> None:
    svc = service("sub vcl_miss { return(pass); }")
    cache = Cache()
    first = run(svc, "/m", cache=cache)
    assert first.subs[:5] == ["vcl_recv", "vcl_hash", "vcl_miss", "vcl_pass", "vcl_fetch"]
    assert first.outcome == "pass" and run(svc, "/m", cache=cache).outcome == "pass"


def test_deep_but_legal_call_chains_run() -> None:
    nest = "if (req.url) { " * 10 + "call NEXT;" + " }" * 10
    subs = "\n".join(f"sub s{i} {{ " + nest.replace("NEXT", f"s{i + 1}") + " }"
                      for i in range(60))
    vcl = subs + '\nsub s60 { set req.http.X = "bottom"; error 600; }\nsub vcl_recv { call s0; }' \
        '\nsub vcl_error { set obj.http.X = req.http.X; }'
    r = run(vcl)
    assert r.error is None, r.error
    assert r.headers.get("X") == "bottom"


def test_head_fetches_get_on_a_miss_and_gets_no_body() -> None:
    from fastlysync.interp.state import BackendAnswer

    svc = service("")
    cache = Cache()
    answers = {"origin": BackendAnswer(200, [("Content-Type", "text/plain")], "hello")}
    head = run(svc, "/h", method="HEAD", cache=cache, answers=answers)
    assert head.origin is not None and head.origin.method == "GET"
    assert head.body == "" and head.headers.get("Content-Type") == "text/plain"
    get = run(svc, "/h", cache=cache, answers=answers)
    assert (get.outcome, get.body, get.headers.get("X-Cache")) == ("hit", "hello", "HIT")


def test_x_cache_reports_pass_as_miss_and_synthetic_as_hit() -> None:
    assert run("", "/p", method="POST").headers.get("X-Cache") == "MISS"
    assert run("sub vcl_recv { error 600; }").headers.get("X-Cache") == "HIT"
