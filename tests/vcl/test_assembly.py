"""Service context as Fastly assembles it (issue 9): snippets at their macro, generated code's
locals, conditions in their subroutine, same-named subs joined, configured names in VCL."""

from __future__ import annotations

from fastlysync.vcl.context import ConditionSource, ServiceContext, SnippetSource, VclSource
from fastlysync.vcl.lint import lint_service

SPEC = "services/s.yaml"


def _ctx(main: str | None = None, snippets=(), conditions=(), **names) -> ServiceContext:
    ctx = ServiceContext(name="s", path=SPEC, **names)
    if main is not None:
        ctx.vcls.append(VclSource("main", main, main=True, path="vcl/main.vcl"))
    ctx.snippets.extend(snippets)
    ctx.conditions.extend(conditions)
    return ctx


def found(ctx: ServiceContext, severity: str = "error") -> list[tuple[str, int, str]]:
    return [(d.path, d.line, d.code) for d in lint_service(ctx) if d.severity == severity]


def codes(ctx: ServiceContext) -> set[str]:
    return {d.code for d in lint_service(ctx)}


MAIN_WITH_LOCAL = """\
sub vcl_recv {
  declare local var.region STRING;
  set var.region = client.geo.country_code;
#FASTLY recv
  return(lookup);
}
"""


def test_snippet_sees_a_local_the_main_vcl_declares_above_the_macro() -> None:
    snippet = SnippetSource("geo", "recv", 100, "set req.http.X-Region = var.region;\n", SPEC, 12)
    assert found(_ctx(MAIN_WITH_LOCAL, [snippet])) == []


def test_snippets_of_one_type_share_locals_and_findings_stay_at_their_spec_line() -> None:
    first = SnippetSource("a", "recv", 10, "declare local var.n INTEGER;\nset var.n = 1;\n",
                          SPEC, 20)
    second = SnippetSource("b", "recv", 20, "set req.http.N = var.n;\nset var.m = 2;\n", SPEC, 30)
    assert found(_ctx(None, [second, first])) == [(SPEC, 31, "VCL421")]
    # A local of a recv snippet is not visible to a deliver snippet.
    other = SnippetSource("c", "deliver", 10, "set resp.http.N = var.n;\n", SPEC, 40)
    assert (SPEC, 40, "VCL421") in found(_ctx(None, [first, other]))


def test_a_local_declared_twice_across_main_and_snippet_is_reported_at_the_snippet() -> None:
    snippet = SnippetSource("geo", "recv", 100, "declare local var.region STRING;\n", SPEC, 12)
    diags = [d for d in lint_service(_ctx(MAIN_WITH_LOCAL, [snippet])) if d.code == "VCL422"]
    assert [(d.path, d.line) for d in diags] == [(SPEC, 12)]
    assert "vcl/main.vcl:2" in diags[0].message


def test_generated_shield_local_is_known_in_recv_only() -> None:
    snippet = SnippetSource("shield", "recv", 100,
                            "if (var.fastly_req_do_shield) {\n  set req.http.S = \"1\";\n}\n",
                            SPEC, 5)
    assert found(_ctx(None, [snippet])) == []
    fetch = SnippetSource("f", "fetch", 100,
                          "if (var.fastly_req_do_shield) {\n  set beresp.ttl = 1s;\n}\n", SPEC, 9)
    assert found(_ctx(None, [fetch])) == [(SPEC, 9, "VCL421")]
    restart = SnippetSource("r", "fetch", 100,
                            "set var.fastly_disable_restart_on_error = true;\n", SPEC, 9)
    assert found(_ctx(None, [restart])) == []


def test_condition_reads_a_local_a_log_snippet_declared() -> None:
    snippet = SnippetSource("log", "log", 100,
                            'declare local var.sampled BOOL;\nset var.sampled = true;\n', SPEC, 3)
    cond = ConditionSource("sampled", "RESPONSE", "var.sampled", SPEC, 50)
    assert found(_ctx(None, [snippet], [cond])) == []
    assert "VCL423" not in codes(_ctx(None, [snippet], [cond]))
    missing = ConditionSource("other", "RESPONSE", "var.nope", SPEC, 60)
    assert found(_ctx(None, [snippet], [missing])) == [(SPEC, 60, "VCL421")]


def test_condition_sees_a_main_vcl_local() -> None:
    cond = ConditionSource("eu", "REQUEST", 'var.region == "DE"', SPEC, 50)
    assert found(_ctx(MAIN_WITH_LOCAL, [], [cond])) == []


def test_same_named_subs_are_joined_for_the_macro_rule_and_locals() -> None:
    main = 'include "more";\nsub vcl_log {\n#FASTLY log\n  declare local var.t STRING;\n}\n'
    more = 'sub vcl_log {\n  set var.t = "x";\n  log var.t;\n}\n'
    ctx = _ctx(main)
    ctx.vcls.append(VclSource("more", more, path="vcl/more.vcl"))
    diags = lint_service(ctx)
    assert [d for d in diags if d.code in ("VCL201", "VCL421", "VCL423")] == []
    # Without a macro in any definition, it is reported once.
    ctx.vcls[0].content = main.replace("#FASTLY log\n", "")
    assert [(d.path, d.line) for d in lint_service(ctx) if d.code == "VCL201"] == [
        ("vcl/main.vcl", 2)]


def test_init_snippet_defining_a_builtin_sub_is_joined_with_the_main_one() -> None:
    snippet = SnippetSource("log_init", "init", 100,
                            'sub vcl_log {\n  log "syslog x :: " req.url;\n}\n', SPEC, 7)
    main = "sub vcl_log {\n#FASTLY log\n}\n"
    assert "VCL201" not in codes(_ctx(main, [snippet]))


def test_configured_names_with_spaces_dashes_and_case() -> None:
    body = ('if (table.contains(IP_Block_list, client.ip)) { error 403; }\n'
            'if (client.ip ~ Office_ACL) { error 403; }\n'
            'set req.backend = F_my_origin_example_com;\n'
            'set req.backend = fastly.try_select_shield(ssl_shield_iad_va_us, F_Host_1);\n')
    snippet = SnippetSource("s", "recv", 100, body, SPEC, 1)
    ctx = _ctx(None, [snippet], tables={"IP Block list"}, acls={"Office-ACL"},
               backends={"my-origin.example.com", "Host 1"})
    assert found(ctx) == []
    ctx.tables = {"Other"}
    assert found(ctx) == [(SPEC, 1, "VCL503")]
