"""Rule behaviour beyond the documented examples: the cases real VCL needs right."""

from __future__ import annotations

import pytest

from fastlysync.vcl.lint import lint_source


def codes(text: str, **kw) -> list[str]:
    return [d.code for d in lint_source(text, "t.vcl", **kw)]


def errors(text: str, **kw) -> list[tuple[int, str]]:
    return [(d.line, d.code) for d in lint_source(text, "t.vcl", **kw) if d.severity == "error"]


def main(recv: str = "", error: str = "", extra: str = "") -> str:
    return (f"{extra}\nsub vcl_recv {{\n  #FASTLY recv\n{recv}\n  return(lookup);\n}}\n\n"
            f"sub vcl_error {{\n  #FASTLY error\n{error}\n  return(deliver);\n}}\n")


# ------------------------------------------------------------------ custom error codes


@pytest.mark.parametrize("handler", [
    "if (obj.status == 601) { set obj.status = 301; }",
    "if (obj.status >= 600 && obj.status < 700) { set obj.status = 404; }",
    "if (obj.status > 599 && obj.status <= 650) { set obj.status = 404; }",
    "if (600 <= obj.status) { set obj.status = 404; }",
    "if (obj.status != 601) { return(deliver); } set obj.status = 301;",
    'if (obj.response == "Moved") { set obj.status = 301; }',
    "if (table.contains(codes, std.itoa(obj.status))) { set obj.status = 404; }",
    "if (obj.status == 500) { } else if (obj.status == 601 || obj.status == 602) { }",
    "call handle_errors;",
])
def test_handled_custom_codes(handler: str) -> None:
    extra = "sub handle_errors {\n  if (obj.status == 601) {\n    set obj.status = 301;\n  }\n}\n"
    text = main('  error 601 "Moved";', handler, extra)
    assert "VCL101" not in codes(text)


@pytest.mark.parametrize("handler", [
    "if (obj.status == 602) { set obj.status = 301; }",
    "if (obj.status >= 610 && obj.status < 700) { set obj.status = 404; }",
    'if (obj.response == "Other") { set obj.status = 301; }',
    "",
])
def test_unhandled_custom_codes(handler: str) -> None:
    text = main('  error 601 "Moved";', handler)
    assert "VCL101" in codes(text)


@pytest.mark.parametrize("raise_", [
    "  error 801;", "  error 404;", "  error 503 \"x\";", "  error;",
    "  error var.code;", "  error table.lookup_integer(codes, req.url.path, 404);",
])
def test_exempt_or_unknown_codes(raise_: str) -> None:
    recv = "  declare local var.code INTEGER;\n  set var.code = 601;\n" + raise_
    assert "VCL101" not in codes(main(recv, ""))


def test_codes_raised_in_custom_subs_and_other_stages_are_checked() -> None:
    extra = "sub deny {\n  error 640;\n}\n"
    text = main("  call deny;", "", extra)
    found = lint_source(text, "t.vcl")
    assert [(d.line, d.code) for d in found if d.code == "VCL101"] == [(2, "VCL101")]


def test_no_vcl_error_in_standalone_file_skips_the_rule() -> None:
    assert "VCL101" not in codes("sub raise_it {\n  error 601;\n}\n")


def test_unused_handler_skipped_when_codes_are_computed() -> None:
    text = main("  declare local var.c INTEGER;\n  set var.c = 601;\n  error var.c;",
                "if (obj.status == 601) { set obj.status = 301; }")
    assert "VCL102" not in codes(text)


# ------------------------------------------------------------------ #FASTLY macros


def test_macro_detection_is_exact() -> None:
    text = "sub vcl_fetch {\n  # FASTLY fetch\n  //FASTLY fetch\n  return(deliver);\n}\n"
    assert codes(text) == ["VCL201"]
    text = "sub vcl_fetch {\n  #FASTLY FETCH\n  return(deliver);\n}\n"
    assert codes(text) == []
    text = "sub vcl_fetch {\n  #FASTLY fetch  (generated code goes here)\n}\n"
    assert codes(text) == []


def test_macro_in_wrong_sub_is_misplaced_and_missing() -> None:
    text = "sub vcl_recv {\n  #FASTLY fetch\n}\n"
    assert sorted(codes(text)) == ["VCL201", "VCL202"]


def test_custom_subs_and_generated_vcl_need_no_macro() -> None:
    assert "VCL201" not in codes("sub helper {\n  set req.http.X = \"1\";\n}\n")
    generated = "pragma optional_param geoip_opt_in true;\nsub vcl_recv {\n  return(lookup);\n}\n"
    assert "VCL201" not in codes(generated)


# ------------------------------------------------------------------ scopes through call graph


def test_custom_sub_inherits_scope_from_callers() -> None:
    text = ("sub helper {\n  set resp.http.X = \"1\";\n}\n"
            "sub vcl_recv {\n  #FASTLY recv\n  call helper;\n}\n"
            "sub vcl_deliver {\n  #FASTLY deliver\n  call helper;\n}\n")
    found = lint_source(text, "t.vcl")
    assert [(d.line, d.code) for d in found] == [(2, "VCL402")]
    assert "vcl_recv" in found[0].message and "called from" in found[0].message


def test_scope_through_two_levels_and_return_action() -> None:
    text = ("sub inner {\n  return(pass);\n}\nsub outer {\n  call inner;\n}\n"
            "sub vcl_deliver {\n  #FASTLY deliver\n  call outer;\n}\n")
    assert errors(text) == [(2, "VCL301")]


def test_scope_annotation_overrides_call_graph() -> None:
    body = "sub helper {\n  set beresp.ttl = 10s;\n}\n"
    assert errors(body) == []  # uncalled, unknown scope: not checked
    assert errors("# @scope: recv\n" + body) == [(3, "VCL402")]
    assert errors("// @scope: fetch\n" + body) == []


def test_error_and_restart_in_subs_called_from_wrong_stage() -> None:
    text = ("sub bail {\n  error 500;\n  restart;\n}\n"
            "sub vcl_miss {\n  #FASTLY miss\n  call bail;\n}\n")
    assert errors(text) == [(3, "VCL303")]
    text = text.replace("vcl_miss", "vcl_deliver").replace("#FASTLY miss", "#FASTLY deliver")
    assert errors(text) == [(2, "VCL302")]


@pytest.mark.parametrize(("sub", "action"), [
    ("vcl_recv", "upgrade"), ("vcl_recv", "restart"), ("vcl_miss", "deliver_stale"),
    ("vcl_fetch", "deliver_stale"), ("vcl_error", "deliver_stale"), ("vcl_pass", "error"),
    ("vcl_hash", "hash"), ("vcl_log", "deliver"),
])
def test_allowed_return_actions(sub: str, action: str) -> None:
    text = f"sub {sub} {{\n  #FASTLY {sub[4:]}\n  return({action});\n}}\n"
    assert errors(text) == []


def test_typed_sub_returns_values_not_actions() -> None:
    text = ("sub is_ok BOOL {\n  return (true);\n}\n"
            "sub vcl_deliver {\n  #FASTLY deliver\n  if (is_ok()) {\n    set resp.http.X = \"1\";"
            "\n  }\n}\n")
    assert errors(text) == []


# ------------------------------------------------------------------ variables and types


@pytest.mark.parametrize("stmt", [
    'set req.http.X = req.restarts;', 'set req.http.X = now;', 'set req.http.X = client.ip;',
    'set req.http.X = true;', 'set req.http.X = "a" req.url "b";',
    'set req.grace = 10s;', 'set req.http.X = std.itoa(req.restarts);',
    'set req.backend = F_origin;', 'if (req.backend == F_origin) { }',
    'if (req.restarts > 0 && req.http.X ~ "^a") { }', 'if (!req.http.Cookie) { }',
    'if (client.ip ~ office) { }', 'set req.http.X = if(req.is_ssl, "s", "p");',
    'set req.http.X = table.lookup(t, req.url.path, "");',
    'set req.http.X = req.http.Cookie:session;', 'unset req.http.Cookie:session;',
    'set req.http.X = time.elapsed.msec;', 'set req.http.X = re.group.1;',
])
def test_valid_statements_in_recv(stmt: str) -> None:
    text = f"sub vcl_recv {{\n  #FASTLY recv\n  {stmt}\n}}\n"
    assert errors(text) == []


@pytest.mark.parametrize(("stmt", "code"), [
    ("set req.http.X = 1;", "VCL404"),
    ("set req.http.X = 1s;", "VCL404"),
    ('set req.grace = "10s";', "VCL404"),
    ('if (req.restarts == "0") { }', "VCL404"),
    ('if (req.http.X > 1) { }', "VCL404"),
    ('if (req.restarts ~ "1") { }', "VCL404"),
    ('if (req.url ~ req.http.X) { }', "VCL404"),
    ("set req.foo = \"1\";", "VCL401"),
    ("set client.ip = \"1.2.3.4\";", "VCL403"),
    ("add req.url = \"x\";", "VCL403"),
    ("set resp.status = 200;", "VCL402"),
    ("set req.http.X = std.foo(req.url);", "VCL411"),
    ("set req.http.X = substr(req.url, \"0\");", "VCL412"),
    ("set req.http.X = table.lookup(\"t\", req.url);", "VCL412"),
    ("resp.tarpit(1);", "VCL413"),
    ("set var.x = 1;", "VCL421"),
    ('if (req.url ~ "a{3,1}") { }', "VCL602"),
    ('set req.url = regsub(req.url, "(a", "");', "VCL602"),
])
def test_invalid_statements_in_recv(stmt: str, code: str) -> None:
    text = f"sub vcl_recv {{\n  #FASTLY recv\n  {stmt}\n}}\n"
    assert code in [c for _, c in errors(text)], errors(text)


@pytest.mark.parametrize("pattern", [
    r"a++b", r"(?>x+)y", r"(?i)abc", r"a(?i)b", r"\Q(\E", r"\p{L}+", r"(?<year>\d{4})",
    r"[[:alpha:]]+", r"(?<=ab|c)d", r"\h+\R", r"^/(?:a|b)/\d{2,4}$", r"(?|a|b)",
    r"(*UTF8)\w+", r"(*UCP)(*LIMIT_MATCH=100)a+",
])
def test_pcre_only_syntax_is_accepted(pattern: str) -> None:
    text = f'sub vcl_recv {{\n  #FASTLY recv\n  if (req.url ~ {{"{pattern}"}}) {{ }}\n}}\n'
    assert errors(text) == []


# ------------------------------------------------------------------ locals and declarations


def test_locals_are_per_sub_and_params_count() -> None:
    text = ("sub helper(STRING var.name) {\n  set req.http.X = var.name;\n"
            "  set req.http.Y = var.outer;\n}\n"
            "sub vcl_recv {\n  #FASTLY recv\n  declare local var.outer STRING;\n"
            "  set var.outer = \"1\";\n  call helper(\"a\");\n}\n")
    assert errors(text) == [(3, "VCL421")]


def test_declare_every_type() -> None:
    lines = [f"  declare local var.v{t} {t};\n  set req.http.X-{t} = var.v{t};"
             for t in ("BOOL", "INTEGER", "FLOAT", "TIME", "RTIME", "STRING", "IP")]
    text = "sub vcl_recv {\n  #FASTLY recv\n" + "\n".join(lines) + "\n}\n"
    assert errors(text) == []


def test_duplicates_and_unused() -> None:
    text = ("backend F_a { .host = \"a\"; }\nbackend F_a { .host = \"b\"; }\n"
            "director F_a random { { .backend = F_a; .weight = 1; } }\n"
            "penaltybox pb {}\nratecounter rc {}\n"
            "sub x {\n}\nsub x {\n}\nsub vcl_recv {\n  #FASTLY recv\n  call x;\n}\n")
    found = [(d.line, d.code) for d in lint_source(text, "t.vcl")]
    assert (2, "VCL502") in found and (3, "VCL502") in found and (8, "VCL502") in found
    assert (4, "VCL504") in found and (5, "VCL504") in found


def test_recursion_direct_and_indirect() -> None:
    text = ("sub a {\n  call a;\n}\nsub b {\n  call c;\n}\nsub c {\n  call b;\n}\n"
            "sub vcl_recv {\n  #FASTLY recv\n  call a;\n  call b;\n}\n")
    assert sorted(errors(text)) == [(1, "VCL505"), (4, "VCL505"), (7, "VCL505")]


def test_reserved_sub_names() -> None:
    assert errors("sub vcl_reciev {\n}\n") == [(1, "VCL603")]
    assert "VCL603" not in codes("sub vcl_pipe {\n  return(pipe);\n}\n")


def test_standalone_notes_for_service_names() -> None:
    text = ("sub vcl_recv {\n  #FASTLY recv\n  set req.backend = F_api;\n"
            "  if (client.ip ~ office && table.contains(flags, \"a\")) { }\n}\n")
    found = lint_source(text, "t.vcl")
    assert [d.code for d in found] == ["VCL507"] * 3
    assert all(d.severity == "info" for d in found)


# ------------------------------------------------------------------ unreachable


def test_unreachable_after_if_else_that_always_ends() -> None:
    text = ("sub vcl_recv {\n  #FASTLY recv\n  if (req.http.A) {\n    return(pass);\n  } else {\n"
            "    error 403;\n  }\n  set req.http.B = \"1\";\n}\n")
    found = lint_source(text, "t.vcl")
    assert [(d.line, d.code) for d in found] == [(8, "VCL601")]


def test_code_after_if_without_else_is_reachable() -> None:
    text = ("sub vcl_recv {\n  #FASTLY recv\n  if (req.http.A) {\n    return(pass);\n  }\n"
            "  set req.http.B = \"1\";\n}\n")
    assert codes(text) == []


def test_deep_nesting_does_not_crash() -> None:
    depth = 1500
    text = ("sub vcl_recv {\n  #FASTLY recv\n" + "if (req.http.A) {\n" * depth
            + "set req.http.B = \"1\";\n" + "}\n" * depth + "}\n")
    assert errors(text) == []
