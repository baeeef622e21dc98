"""Issue 9: patterns from Fastly's own VCL reference and tutorials that must lint clean.

Each text is a minimal reproduction written for fastlysync of what the named Fastly page shows;
none is copied from the page.
"""

from __future__ import annotations

from fastlysync.vcl.lint import lint_source


def findings(text: str) -> list[tuple[int, str, str]]:
    return [(d.line, d.code, d.severity) for d in lint_source(text, "t.vcl")]


def test_backend_that_served_the_response_is_readable_after_fetch() -> None:
    # beresp.backend.name: "Available in fetch, deliver, log, error"
    # (fastly.com/documentation/reference/vcl/variables/backend-response/beresp-backend-name);
    # beresp.backend.ip likewise in Fastly's VCL metadata (fastly/vscode-fastly-vcl).
    text = ('sub vcl_deliver {\n#FASTLY deliver\n'
            '  set resp.http.X-Origin = beresp.backend.name + " " + beresp.backend.ip;\n}\n'
            'sub vcl_error {\n#FASTLY error\n  set obj.http.X-Origin = beresp.backend.name;\n}\n'
            'sub vcl_log {\n#FASTLY log\n  log "origin " beresp.backend.name;\n}\n')
    assert findings(text) == []


def test_beresp_backend_is_still_unknown_before_the_backend_answers() -> None:
    text = 'sub vcl_miss {\n#FASTLY miss\n  set bereq.http.X-Origin = beresp.backend.name;\n}\n'
    assert findings(text) == [(3, "VCL402", "error")]


def test_backends_and_acls_named_in_a_typed_table_are_used() -> None:
    # `table routing_table BACKEND { "a.example.com": b0, ... }`
    # (fastly.com/documentation/reference/vcl/declarations/table, "Type variations").
    text = ('backend origin_a { .host = "a.example.com"; }\n'
            'backend origin_b { .host = "b.example.com"; }\n'
            'acl staff { "192.0.2.0"/24; }\n'
            'table by_host BACKEND {\n  "a.example.com": origin_a,\n'
            '  "b.example.com": origin_b,\n}\n'
            'table by_path ACL {\n  "/admin": staff,\n}\n'
            'sub vcl_recv {\n#FASTLY recv\n'
            '  set req.backend = table.lookup_backend(by_host, req.http.host, origin_a);\n'
            '  if (!(client.ip ~ table.lookup_acl(by_path, req.url.path, staff))) {\n'
            '    error 403;\n  }\n}\n')
    assert findings(text) == []


def test_a_declared_backend_nothing_names_is_still_unused() -> None:
    text = ('backend origin_a { .host = "a.example.com"; }\n'
            'backend spare { .host = "b.example.com"; }\n'
            'table by_host BACKEND {\n  "a.example.com": origin_a,\n}\n'
            'sub vcl_recv {\n#FASTLY recv\n'
            '  set req.backend = table.lookup_backend(by_host, req.http.host, origin_a);\n}\n')
    assert findings(text) == [(2, "VCL504", "warning")]


def test_cluster_flag_fastly_does_not_document_gives_no_scope_error() -> None:
    # req.backend.is_cluster is absent from Fastly's reference; a Fastly Fiddle reads it in
    # vcl_recv beside req.backend.is_shield (gist Integralist/c08b1ab3e9dd508b1ccc5fe768d1a9b0).
    text = ('sub vcl_recv {\n#FASTLY recv\n'
            '  if (req.backend.is_shield) {\n    set req.http.X-Edge = "1";\n  }\n'
            '  if (req.backend.is_cluster) {\n    set req.http.X-Cluster = "1";\n  }\n}\n')
    assert findings(text) == []


def test_snippet_calling_a_sub_it_cannot_see_is_a_warning() -> None:
    # Fastly's subroutine reference shows `call compression_check;` from vcl_recv with the sub
    # defined elsewhere; a recv snippet linted on its own cannot see the main VCL or the init
    # snippet that defines it (the same reasoning as VCL421 for locals).
    snippet = 'if (req.url.path ~ "^/api/") {\n  call compression_check;\n}\n'
    assert findings(snippet) == [(2, "VCL501", "warning")]
    whole = 'sub vcl_recv {\n#FASTLY recv\n  call compression_check;\n}\n'
    assert findings(whole) == [(3, "VCL501", "error")]
    # A builtin function is called without `call`: that is a mistake wherever the snippet goes.
    called = findings('call header.filter(resp, "X-Debug");\n')
    assert [f for f in called if f[2] != "info"] == [(1, "VCL501", "error")]


def test_rtime_literal_with_a_space_before_its_unit() -> None:
    # "Whitespace is permitted between the value and its unit": `set beresp.ttl = 5 m;`
    # (fastly.com/documentation/reference/vcl/types/rtime).
    text = ('sub vcl_fetch {\n#FASTLY fetch\n  set beresp.ttl = 5 m;\n'
            '  set beresp.grace = 1 h;\n  return(deliver);\n}\n')
    assert findings(text) == []


def test_challenge_is_a_vcl_recv_return_only() -> None:
    # Fastly's VCL metadata (fastly/vscode-fastly-vcl subroutines.json) lists `challenge`
    # among vcl_recv's returns; it is still no return for vcl_deliver.
    recv = 'sub vcl_recv {\n#FASTLY recv\n  if (req.http.X-Bot) {\n    return(challenge);\n  }\n}\n'
    assert findings(recv) == []
    deliver = 'sub vcl_deliver {\n#FASTLY deliver\n  return(challenge);\n}\n'
    assert findings(deliver) == [(3, "VCL301", "error")]
