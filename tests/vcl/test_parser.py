"""Every Fastly VCL syntax form parses into the AST the rules rely on."""

from __future__ import annotations

import pytest

from fastlysync.vcl import ast as A
from fastlysync.vcl.parser import ParseResult, parse


def ok(source: str, mode: str = "file") -> ParseResult:
    result = parse(source, "t.vcl", mode=mode)  # type: ignore[arg-type]
    assert result.diagnostics == [], "\n".join(d.render() for d in result.diagnostics)
    assert result.program is not None
    return result


def decls(source: str) -> list[A.Declaration]:
    program = ok(source).program
    assert program is not None
    return program.declarations


def stmts(source: str) -> list[A.Statement]:
    return ok(source, "statements").statements


def one(source: str) -> A.Statement:
    found = stmts(source)
    assert len(found) == 1
    return found[0]


def expr(source: str) -> A.Expression:
    found = ok(source, "expression").expression
    assert found is not None
    return found


# ------------------------------------------------------------------ declarations


def test_acl_entries_with_prefix_and_negation() -> None:
    (acl,) = decls('acl office {\n  "192.0.2.0"/24;\n  !"198.51.100.7";\n  "2001:db8::"/32;\n}\n')
    assert isinstance(acl, A.Acl) and acl.name.name == "office"
    assert [(e.address.address, e.prefix, e.negated) for e in acl.entries] == [
        ("192.0.2.0", 24, False), ("198.51.100.7", None, True), ("2001:db8::", 32, False)]
    assert (acl.entries[1].line, acl.entries[1].column) == (3, 3)


def test_backend_with_nested_probe() -> None:
    (backend,) = decls(
        'backend F_origin {\n  .host = "example.com";\n  .connect_timeout = 1s;\n'
        '  .probe = {\n    .request = "HEAD / HTTP/1.1" "Host: example.com";\n'
        '    .threshold = 1;\n  }\n}\n')
    assert isinstance(backend, A.Backend) and backend.name.name == "F_origin"
    assert [p.name for p in backend.properties] == ["host", "connect_timeout", "probe"]
    probe = backend.get("probe")
    assert isinstance(probe, A.ObjectValue)
    request = probe.properties[0].value
    assert isinstance(request, A.Concat) and len(request.parts) == 2
    timeout = backend.get("connect_timeout")
    assert isinstance(timeout, A.RTimeLit) and timeout.seconds == 1.0


def test_probe_followed_by_semicolon() -> None:
    (backend,) = decls('backend b { .probe = { .url = "/"; }; }')
    assert isinstance(backend, A.Backend) and backend.get("probe") is not None


def test_director_properties_and_backends() -> None:
    (director,) = decls(
        "director pool random {\n  .quorum = 50%;\n  .retries = 2;\n"
        "  { .backend = F_a; .weight = 3; }\n  { .backend = F_b; .weight = 1; }\n}\n")
    assert isinstance(director, A.Director) and director.type == "random"
    assert [p.name for p in director.properties] == ["quorum", "retries"]
    quorum = director.properties[0].value
    assert isinstance(quorum, A.PercentLit) and quorum.value == 50.0
    assert len(director.backends) == 2
    first = director.backends[0].properties[0].value
    assert isinstance(first, A.Ident) and first.name == "F_a"


@pytest.mark.parametrize(
    ("source", "value_type", "values"),
    [
        ('table t { "a": "x", "b": "y", }', None, ["x", "y"]),
        ('table t STRING { "a": "x" }', "STRING", ["x"]),
        ('table t INTEGER { "a": 1, "b": -5, "c": 0x1F }', "INTEGER", [1, -5, 31]),
        ('table t BOOL { "on": true, "off": false }', "BOOL", [True, False]),
        ('table t RTIME { "a": 1h, "b": 100ms }', "RTIME", [3600.0, 0.1]),
        ('table t FLOAT { "a": 0.25 }', "FLOAT", [0.25]),
        ('table t BACKEND { "/api": F_api }', "BACKEND", ["F_api"]),
        ("table t { }", None, []),
    ],
)
def test_typed_tables(source: str, value_type: str | None, values: list[object]) -> None:
    (table,) = decls(source)
    assert isinstance(table, A.Table) and table.value_type == value_type
    got = []
    for entry in table.entries:
        v = entry.value
        got.append(v.name if isinstance(v, A.Ident) else
                   v.seconds if isinstance(v, A.RTimeLit) else v.value)  # type: ignore[attr-defined]
    assert got == values


def test_ratecounter_penaltybox_include_import_pragma() -> None:
    found = decls(
        'ratecounter rc {}\npenaltybox pb {}\ninclude "snippet::init_tables";\n'
        'include "lib/helpers";\nimport boltsort;\n'
        'pragma optional_param geoip_opt_in true;\nC!\nW!\n')
    rc, pb, inc1, inc2, imp, pragma = found
    assert isinstance(rc, A.RateCounter) and rc.name.name == "rc"
    assert isinstance(pb, A.PenaltyBox) and pb.name.name == "pb"
    assert isinstance(inc1, A.Include) and inc1.snippet_name == "init_tables"
    assert isinstance(inc2, A.Include) and inc2.snippet_name is None
    assert isinstance(imp, A.Import) and imp.name == "boltsort"
    assert isinstance(pragma, A.Pragma) and pragma.args == ["geoip_opt_in", "true"]


def test_subroutines_with_params_and_return_types() -> None:
    plain, typed, params = decls(
        "sub vcl_recv { }\nsub is_bot BOOL { return true; }\n"
        "sub f(STRING var.a, INTEGER var.b) RTIME { return 1s; }\n")
    assert isinstance(plain, A.Subroutine) and plain.return_type is None and plain.params == []
    assert isinstance(typed, A.Subroutine) and typed.return_type == "BOOL"
    assert isinstance(params, A.Subroutine) and params.return_type == "RTIME"
    assert [(p.type, p.name.name) for p in params.params] == [("STRING", "var.a"),
                                                            ("INTEGER", "var.b")]


# ------------------------------------------------------------------ statements


@pytest.mark.parametrize("vcl_type", ["BOOL", "INTEGER", "FLOAT", "TIME", "RTIME", "STRING",
                                      "REGEX", "IP", "BACKEND", "ACL"])
def test_declare_local_every_type(vcl_type: str) -> None:
    stmt = one(f"declare local var.x {vcl_type};")
    assert isinstance(stmt, A.Declare)
    assert (stmt.name.name, stmt.type, stmt.scope, stmt.value) == ("var.x", vcl_type, "local",
                                                                   None)


def test_declare_with_initialiser_and_block_scope() -> None:
    first, second = stmts("declare local var.n INTEGER = 5;\ndeclare block var.s STRING;")
    assert isinstance(first, A.Declare) and isinstance(first.value, A.IntLit)
    assert isinstance(second, A.Declare) and second.scope == "block"


@pytest.mark.parametrize("op", ["=", "+=", "-=", "*=", "/=", "%=", "|=", "&=", "^=", "<<=",
                                ">>=", "rol=", "ror=", "&&=", "||="])
def test_set_with_every_assignment_operator(op: str) -> None:
    stmt = one(f"set var.x {op} 1;")
    assert isinstance(stmt, A.Set) and stmt.op == op and stmt.target.name == "var.x"


def test_assignment_operators_without_spaces() -> None:
    stmt = one("set var.x+=1;")
    assert isinstance(stmt, A.Set) and stmt.op == "+="


def test_unset_remove_add() -> None:
    unset, remove, add = stmts(
        'unset req.http.Cookie:session;\nremove req.http.X-*;\nadd resp.http.Link = "<a>";')
    assert isinstance(unset, A.Unset) and unset.target.name == "req.http.Cookie:session"
    assert unset.target.base == "req.http.Cookie" and unset.target.subfield == "session"
    assert isinstance(remove, A.Remove) and remove.target.name == "req.http.X-*"
    assert isinstance(add, A.Add) and add.op == "="


def test_call_with_and_without_arguments() -> None:
    bare, empty, args = stmts("call foo;\ncall bar();\ncall baz(1, \"a\");")
    assert isinstance(bare, A.Call) and bare.name.name == "foo" and bare.args == []
    assert isinstance(empty, A.Call) and empty.args == []
    assert isinstance(args, A.Call) and len(args.args) == 2


@pytest.mark.parametrize(
    ("source", "status", "response"),
    [
        ("error;", None, None),
        ("error 404;", 404, None),
        ('error 666 "custom";', 666, "custom"),
        ('error 801 "Force SSL";', 801, "Force SSL"),
    ],
)
def test_error_forms(source: str, status: int | None, response: str | None) -> None:
    stmt = one(source)
    assert isinstance(stmt, A.Error)
    assert (stmt.status.value if stmt.status else None) == status  # type: ignore[attr-defined]
    assert (stmt.response.value if stmt.response else None) == response  # type: ignore[attr-defined]


def test_error_with_computed_status() -> None:
    var, call = stmts('error var.code "x";\nerror table.lookup_integer(codes, req.url, 503);')
    assert isinstance(var, A.Error) and isinstance(var.status, A.Ident)
    assert isinstance(call, A.Error) and isinstance(call.status, A.FunctionCall)


@pytest.mark.parametrize(
    ("source", "action", "value_type", "parens"),
    [
        ("return;", None, None, False),
        ("return(deliver);", "deliver", None, True),
        ("return (pass);", "pass", None, True),
        ("return(deliver_stale);", "deliver_stale", None, True),
        ("return(error);", "error", None, True),
        ("return true;", None, A.BoolLit, False),
        ("return var.result;", None, A.Ident, False),
        ('return "a" req.url;', None, A.Concat, False),
        ("return (var.x);", None, A.Ident, True),
    ],
)
def test_return_forms(source: str, action: str | None, value_type: type | None,
                      parens: bool) -> None:
    stmt = one(source)
    assert isinstance(stmt, A.Return)
    assert stmt.action == action and stmt.parenthesized is parens
    if value_type is None:
        assert stmt.value is None
    else:
        assert isinstance(stmt.value, value_type)


def test_restart_esi_log_synthetic() -> None:
    restart, esi, log, synth, b64 = stmts(
        'restart;\nesi;\nlog "a" req.url;\nsynthetic {"<h1>hi</h1>"};\n'
        'synthetic.base64 "aGk=";')
    assert isinstance(restart, A.Restart) and isinstance(esi, A.Esi)
    assert isinstance(log, A.Log) and isinstance(log.value, A.Concat)
    assert isinstance(synth, A.Synthetic) and not synth.base64
    assert isinstance(b64, A.Synthetic) and b64.base64


def test_goto_and_labels() -> None:
    goto, label, stmt = stmts('goto done;\ndone:\nset var.x = "1";')
    assert isinstance(goto, A.Goto) and goto.label == "done"
    assert isinstance(label, A.Label) and label.name == "done"
    assert (label.line, label.column, label.end_column) == (2, 1, 6)
    assert isinstance(stmt, A.Set)


def test_label_word_in_expression_context_is_a_name_and_colon() -> None:
    switch = one('switch (req.http.X) { case "a": set var.x = var.y; break; default: break; }')
    assert isinstance(switch, A.Switch) and [c.value is None for c in switch.cases] == [False,
                                                                                        True]


def test_if_elseif_spellings_are_one_flat_chain() -> None:
    stmt = one('if (a) { } else if (b) { } elseif (c) { } elsif (d) { } else { esi; }')
    assert isinstance(stmt, A.If)
    assert [b.keyword for b in stmt.branches] == ["if", "else if", "elseif", "elsif"]
    assert stmt.else_block is not None and isinstance(stmt.else_block.statements[0], A.Esi)


def test_switch_case_regex_default_fallthrough() -> None:
    stmt = one('switch (req.http.X) {\ncase "a":\n  esi;\n  break;\ncase ~ "^b":\n'
               "  fallthrough;\ndefault:\n  break;\n}")
    assert isinstance(stmt, A.Switch)
    a, b, default = stmt.cases
    assert not a.regex and isinstance(a.statements[-1], A.Break)
    assert b.regex and b.fallthrough
    assert default.value is None


def test_nested_block_include_and_call_statements() -> None:
    block, include, call = stmts('{ esi; }\ninclude "snippet::recv";\nh2.push("/a.css");')
    assert isinstance(block, A.Block) and isinstance(block.statements[0], A.Esi)
    assert isinstance(include, A.IncludeStatement) and include.snippet_name == "recv"
    assert isinstance(call, A.ExprStatement) and isinstance(call.expr, A.FunctionCall)
    assert call.expr.name == "h2.push"


def test_keywords_are_names_where_no_keyword_fits() -> None:
    # A sub called `log`, a `return(restart)` action and a table called `error`.
    found = decls("sub log { return(restart); }\ntable error { }\nsub s { call log; }")
    assert isinstance(found[0], A.Subroutine) and found[0].name.name == "log"
    ret = found[0].body.statements[0]
    assert isinstance(ret, A.Return) and ret.action == "restart"
    assert isinstance(found[1], A.Table) and found[1].name.name == "error"


# ------------------------------------------------------------------ expressions


def test_concatenation_by_juxtaposition_and_plus() -> None:
    value = expr('"a" req.url + "b" {"c"} if(req.is_ssl, "s", "n")')
    assert isinstance(value, A.Concat) and len(value.parts) == 5
    assert value.explicit == [False, True, False, False]
    assert isinstance(value.parts[4], A.IfExpr)


def test_operator_precedence() -> None:
    value = expr('!req.http.A && req.url ~ "x" || req.http.B == "1"')
    assert isinstance(value, A.Binary) and value.op == "||"
    left = value.left
    assert isinstance(left, A.Binary) and left.op == "&&"
    assert isinstance(left.left, A.Unary) and left.left.op == "!"
    assert isinstance(left.right, A.Binary) and left.right.op == "~"


@pytest.mark.parametrize("op", ["~", "!~", "==", "!=", "<", ">="])
def test_not_negates_the_whole_comparison(op: str) -> None:
    """Fastly's boilerplate `if (!beresp.http.Surrogate-Control ~ "max-age")` is `!(a ~ b)`."""
    value = expr(f'!beresp.http.Surrogate-Control {op} "max-age"')
    assert isinstance(value, A.Unary) and value.op == "!"
    assert isinstance(value.operand, A.Binary) and value.operand.op == op
    # ... while && and || still bind looser than `!`, on both sides.
    value = expr('!req.http.A ~ "x" && ! req.http.B == "y" || !!req.http.C')
    assert isinstance(value, A.Binary) and value.op == "||"
    assert isinstance(value.right, A.Unary) and isinstance(value.right.operand, A.Unary)
    left = value.left
    assert isinstance(left, A.Binary) and left.op == "&&"
    for side, inner in ((left.left, "~"), (left.right, "==")):
        assert isinstance(side, A.Unary) and isinstance(side.operand, A.Binary)
        assert side.operand.op == inner


def test_not_in_an_if_head_takes_the_general_path_right() -> None:
    (stmt,) = stmts('if (!req.http.A ~ "x") { set req.http.B = "1"; }')
    assert isinstance(stmt, A.If)
    cond = stmt.branches[0].condition
    assert isinstance(cond, A.Unary) and isinstance(cond.operand, A.Binary)


@pytest.mark.parametrize("op", ["==", "!=", "~", "!~", "<", ">", "<=", ">="])
def test_comparison_operators(op: str) -> None:
    value = expr(f"var.a {op} var.b")
    assert isinstance(value, A.Binary) and value.op == op


def test_time_arithmetic_and_unary_minus() -> None:
    value = expr("now - 1d")
    assert isinstance(value, A.Binary) and value.op == "-"
    neg = expr("-1")
    assert isinstance(neg, A.Unary) and isinstance(neg.operand, A.IntLit)


@pytest.mark.parametrize(
    ("source", "seconds"),
    [("10s", 10.0), ("1.5m", 90.0), ("100ms", 0.1), ("2h", 7200.0), ("1d", 86400.0),
     ("1w", 604800.0), ("1y", 31536000.0),
     # "Whitespace is permitted between the value and its unit" (Fastly's RTIME type page).
     ("5 m", 300.0), ("2\t s", 2.0)],
)
def test_rtime_literals(source: str, seconds: float) -> None:
    value = expr(source)
    assert isinstance(value, A.RTimeLit) and value.seconds == pytest.approx(seconds)
    assert value.raw == source


def test_a_spaced_unit_is_an_rtime_only_where_no_name_follows() -> None:
    # `1 s` is 1s, but `1 server.identity` is a concatenation of 1 and a variable name.
    value = expr("1 server.identity")
    assert not isinstance(value, A.RTimeLit)
    assert not isinstance(expr("1 d.x"), A.RTimeLit)


@pytest.mark.parametrize(
    ("source", "kind", "value"),
    [("42", A.IntLit, 42), ("0x1F", A.IntLit, 31), ("1.5", A.FloatLit, 1.5),
     ("1e3", A.FloatLit, 1000.0), ("true", A.BoolLit, True), ("false", A.BoolLit, False),
     ("25%", A.PercentLit, 25.0)],
)
def test_number_and_bool_literals(source: str, kind: type, value: object) -> None:
    node = expr(source)
    assert isinstance(node, kind) and node.value == value  # type: ignore[attr-defined]


def test_string_literals_and_escapes() -> None:
    plain = expr('"a%20b%u00e9%u{1F600}"')
    assert isinstance(plain, A.StringLit) and plain.value == "a b\u00e9\U0001F600"
    assert not plain.long
    regex = expr('"^/(en|de)/.*\\.html$"')
    assert isinstance(regex, A.StringLit) and regex.value == "^/(en|de)/.*\\.html$"
    long = expr('{"multi\nline "quoted""}')
    assert isinstance(long, A.StringLit) and long.long and long.value == 'multi\nline "quoted"'
    heredoc = expr('{JSON"{"a": "}"}"JSON}')
    assert isinstance(heredoc, A.StringLit) and heredoc.delimiter == "JSON"
    assert heredoc.value == '{"a": "}"}'


def test_function_calls_and_grouping() -> None:
    value = expr('std.strlen(regsub(req.url, "a", "b")) > (1)')
    assert isinstance(value, A.Binary)
    call = value.left
    assert isinstance(call, A.FunctionCall) and call.name == "std.strlen"
    assert isinstance(call.args[0], A.FunctionCall)
    assert isinstance(value.right, A.Grouped)


def test_header_names_with_dashes_and_subfields() -> None:
    value = expr("req.http.X-Forwarded-For:first")
    assert isinstance(value, A.Ident) and value.subfield == "first"


# ------------------------------------------------------------------ positions and comments


def test_every_node_has_a_position() -> None:
    source = (
        "sub vcl_recv {\n#FASTLY recv\n  if (req.url ~ \"^/a\") {\n"
        '    set req.http.X = "1" req.url;\n  } else {\n    error 601;\n  }\n}\n')
    program = ok(source).program
    assert program is not None
    for node in A.walk(program):
        assert node.line >= 1 and node.column >= 1, node
        assert (node.end_line, node.end_column) >= (node.line, node.column), node
    sub = program.declarations[0]
    assert (sub.line, sub.column, sub.end_line, sub.end_column) == (1, 1, 8, 2)
    stmt = sub.body.statements[0]  # type: ignore[attr-defined]
    assert isinstance(stmt, A.If)
    set_stmt = stmt.branches[0].block.statements[0]
    assert (set_stmt.line, set_stmt.column, set_stmt.end_column) == (4, 5, 34)
    assert (set_stmt.target.line, set_stmt.target.column) == (4, 9)


def test_comments_are_kept_with_positions() -> None:
    program = ok('# one\nsub vcl_recv {\n#FASTLY recv\n  // two\n  /* three\n  */ esi;'
                 " # fastlysync: ignore[VCL101]\n}\n").program
    assert program is not None
    assert [(c.style, c.line, c.column) for c in program.comments] == [
        ("#", 1, 1), ("#", 3, 1), ("//", 4, 3), ("/*", 5, 3), ("#", 6, 11)]
    assert program.comments[1].body == "FASTLY recv"
    assert program.comments[3].end_line == 6
    assert program.comments_between(2, 8)[0].text == "#FASTLY recv"


def test_multiline_long_string_keeps_later_lines_right() -> None:
    stmt_a, stmt_b = stmts('synthetic {"a\nb\nc"};\nesi;')
    assert (stmt_a.end_line, stmt_b.line) == (3, 4)


def test_crlf_and_bom() -> None:
    result = parse("\ufeffsub a {\r\n  esi;\r\n}\r\n")
    assert result.ok
    assert result.program is not None
    assert result.program.declarations[0].body.statements[0].line == 2  # type: ignore[attr-defined]


def test_bytes_input_and_modes() -> None:
    assert parse(b"sub a { }").ok
    assert parse("esi;", mode="statements").statements
    assert isinstance(parse('req.url ~ "^/a"', mode="expression").expression, A.Binary)
    with pytest.raises(ValueError, match="unknown parse mode"):
        parse("x", mode="nope")  # type: ignore[arg-type]


def test_empty_inputs() -> None:
    assert parse("").ok and parse("# only a comment\n").ok
    assert parse("", mode="statements").statements == []
    assert not parse("", mode="expression").ok


# ------------------------------------------------------------------ walking


def test_walk_and_visitor_cover_every_node() -> None:
    program = ok('sub a { if (x) { set y = "1"; } else if (z) { error 601; } }').program
    assert program is not None
    kinds = [n.kind for n in A.walk(program)]
    assert kinds[:3] == ["Program", "Subroutine", "Ident"]
    assert {"If", "IfBranch", "Set", "Error", "IntLit", "StringLit"} <= set(kinds)

    seen: list[tuple[str, int]] = []

    class Errors(A.Visitor):
        def visit_Error(self, node: A.Error) -> None:
            seen.append((self.stack[1].name.name, len(self.stack)))  # type: ignore[attr-defined]

    Errors().visit(program)
    assert seen == [("a", 6)]
    pairs = [(n.kind, len(parents)) for n, parents in A.walk_with_parents(program)]
    assert ("Error", 6) in pairs


def test_multiline_long_string_in_a_condition_keeps_later_lines_right() -> None:
    """Regression: a long string spanning lines inside a comparison shifted every later line."""
    [sub] = decls('sub vcl_recv {\n  if (req.url ~ {"a\nb"}) {\n    set req.http.X = "1";\n'
                  '  }\n}\n')
    assert isinstance(sub, A.Subroutine)
    [branch] = sub.body.statements
    assert isinstance(branch, A.If)
    [arm] = branch.branches
    [assignment] = arm.block.statements
    assert isinstance(assignment, A.Set)
    assert (assignment.line, assignment.column) == (4, 5)


@pytest.mark.parametrize("source", ["set req.http.X = if;", "return(if);", "set ror=1;"])
def test_keywords_are_not_names(source: str) -> None:
    result = parse(f"sub vcl_recv {{\n  {source}\n}}\n", "t.vcl")
    assert result.diagnostics and result.diagnostics[0].line == 2
