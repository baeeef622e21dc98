"""Service context: VCL, snippets and conditions linted as Fastly assembles them."""

from __future__ import annotations

from fastlysync.vcl.context import (
    ConditionSource,
    ServiceContext,
    SnippetSource,
    VclSource,
    backend_vcl_name,
)
from fastlysync.vcl.lint import lint_service

MAIN = """\
include "helpers";
include "snippet::init_tables";

sub vcl_recv {
  #FASTLY recv
  include "snippet::recv_manual";
  if (client.ip ~ blocklist) {
    error 403;
  }
  set req.backend = F_origin;
  if (table.contains(redirects, req.url.path)) {
    error 618 "Moved";
  }
  call helper;
  return(lookup);
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

HELPERS = """\
sub helper {
  set req.http.X-Flag = table.lookup(flags, "x", "0");
}
"""


def _ctx(**changes) -> ServiceContext:
    ctx = ServiceContext(
        backends={"origin"},
        directors=set(),
        tables={"redirects"},
        acls={"blocklist"},
        snippets=[
            SnippetSource("init_tables", "none", 100, 'table flags {\n  "x": "1",\n}\n',
                          "services/s.yaml", 40),
            SnippetSource("recv_manual", "none", 100, 'set req.http.X-Manual = "1";\n',
                          "services/s.yaml", 50),
            SnippetSource("recv_geo", "recv", 100,
                          'if (client.geo.country_code == "XX") {\n  error 619;\n}\n',
                          "services/s.yaml", 60),
            SnippetSource("error_geo", "error", 100,
                          'if (obj.status == 619) {\n  set obj.status = 403;\n}\n',
                          "services/s.yaml", 70),
        ],
        vcls=[VclSource("main", MAIN, True, "vcl/main.vcl"),
              VclSource("helpers", HELPERS, False, "vcl/helpers.vcl")],
        conditions=[ConditionSource("is_api", "REQUEST", 'req.url.path ~ "^/api/"',
                                    "services/s.yaml", 80),
                    ConditionSource("is_error", "CACHE", "beresp.status >= 500",
                                    "services/s.yaml", 85)],
        name="s",
        path="services/s.yaml",
    )
    for key, value in changes.items():
        setattr(ctx, key, value)
    return ctx


def _errors(ctx: ServiceContext):
    return [(d.path, d.line, d.code, d.message) for d in lint_service(ctx)
            if d.severity == "error"]


def test_backend_names_follow_fastly() -> None:
    assert backend_vcl_name("origin") == "F_origin"
    assert backend_vcl_name("my-origin.v2") == "F_my_origin_v2"


def test_complete_service_has_no_errors() -> None:
    assert _errors(_ctx()) == []


def test_undeclared_service_names_are_errors() -> None:
    found = _errors(_ctx(backends=set(), acls=set(), tables=set()))
    codes = [c for _, _, c, _ in found]
    assert codes.count("VCL503") >= 3
    messages = " ".join(m for *_, m in found)
    assert "F_origin" in messages and "blocklist" in messages and "redirects" in messages


def test_snippet_checked_in_its_scope_with_spec_line() -> None:
    ctx = _ctx()
    ctx.snippets.append(SnippetSource("bad_recv", "recv", 100,
                                      "set req.http.A = \"1\";\nset beresp.ttl = 10s;\n",
                                      "services/s.yaml", 90))
    found = _errors(ctx)
    assert ("services/s.yaml", 91, "VCL402") in [(p, line, c) for p, line, c, _ in found]


def test_custom_code_raised_in_snippet_handled_by_error_snippet() -> None:
    ctx = _ctx()
    assert not any(c == "VCL101" for _, _, c, _ in _errors(ctx))
    ctx.snippets = [s for s in ctx.snippets if s.name != "error_geo"]
    found = _errors(ctx)
    assert [(line, c) for _, line, c, _ in found] == [(61, "VCL101")]


def test_missing_snippet_and_vcl_includes_are_errors() -> None:
    ctx = _ctx()
    ctx.snippets = [s for s in ctx.snippets if s.name != "recv_manual"]
    ctx.vcls = [v for v in ctx.vcls if v.name != "helpers"]
    codes = sorted(c for _, _, c, _ in _errors(ctx))
    assert "VCL506" in codes  # snippet::recv_manual and "helpers"
    assert codes.count("VCL506") == 2
    assert "VCL501" in codes  # helper is no longer defined


def test_conditions_are_expressions_in_their_scope() -> None:
    ctx = _ctx()
    ctx.conditions.append(ConditionSource("bad", "REQUEST", "beresp.status == 200",
                                          "services/s.yaml", 99))
    ctx.conditions.append(ConditionSource("broken", "RESPONSE", "resp.status ==",
                                          "services/s.yaml", 101))
    found = _errors(ctx)
    assert ("services/s.yaml", 99, "VCL402") in [(p, line, c) for p, line, c, _ in found]
    assert any(c == "VCL001" and line == 101 for _, line, c, _ in found)


def test_vcl_declaration_clashing_with_spec_is_duplicate() -> None:
    ctx = _ctx()
    ctx.vcls[0].content = "acl blocklist {\n  \"10.0.0.0\"/8;\n}\n" + MAIN
    assert "VCL502" in [c for _, _, c, _ in _errors(ctx)]


def test_snippets_only_service_uses_default_vcl() -> None:
    ctx = _ctx(vcls=[])
    ctx.snippets = [s for s in ctx.snippets if s.type in ("recv", "error")]
    assert _errors(ctx) == []
    ctx.snippets.append(SnippetSource("d", "deliver", 100, "restart;\nerror 500;\n",
                                      "services/s.yaml", 120))
    assert [(line, c) for _, line, c, _ in _errors(ctx)] == [(121, "VCL302")]


def test_init_snippet_declarations_are_visible() -> None:
    ctx = _ctx()
    ctx.snippets.append(SnippetSource("init_rc", "init", 100, "ratecounter rc {}\n",
                                      "services/s.yaml", 130))
    ctx.snippets.append(SnippetSource(
        "recv_rl", "recv", 100,
        "if (ratelimit.ratecounter_increment(rc, client.ip, 1) > 10) {\n  error 429;\n}\n",
        "services/s.yaml", 140))
    assert _errors(ctx) == []


def test_init_snippet_sub_joins_fastlys_own_main_vcl_when_there_is_no_custom_vcl() -> None:
    # A rate-limiting init snippet defining `sub vcl_recv { call ...; }` in a service with no
    # custom VCL: Fastly's generated vcl_recv holds `#FASTLY recv`, so no macro is missing.
    init = ("ratecounter rc {}\n\nsub count_it {\n"
            "  set req.http.X-N = ratelimit.ratecounter_increment(rc, client.ip, 1);\n}\n\n"
            "sub vcl_recv {\n  call count_it;\n}\n")
    ctx = _ctx(vcls=[], snippets=[SnippetSource("erl", "init", 0, init, "services/s.yaml", 20)])
    assert [d.code for d in lint_service(ctx) if d.code == "VCL201"] == []
    # A custom main VCL without a vcl_recv: Fastly's default vcl_recv (with the macro) is used.
    ctx.vcls = [VclSource("main", "sub vcl_deliver {\n  #FASTLY deliver\n}\n", True,
                          "vcl/main.vcl")]
    assert [d.code for d in lint_service(ctx) if d.code == "VCL201"] == []
    # One whose vcl_recv lacks the macro: the joined vcl_recv has none anywhere.
    ctx.vcls = [VclSource("main", "sub vcl_recv {\n  return(lookup);\n}\n", True,
                          "vcl/main.vcl")]
    assert [(d.path, d.line, d.code) for d in lint_service(ctx) if d.code == "VCL201"] == [
        ("vcl/main.vcl", 1, "VCL201")]
