"""Issue 9: patterns from real Fastly VCL that must lint clean, each a minimal reproduction,
next to the real bugs that must stay reported."""

from __future__ import annotations

from fastlysync.vcl.lint import lint_source


def errors(text: str, **kw) -> list[tuple[int, str]]:
    return [(d.line, d.code) for d in lint_source(text, "t.vcl", **kw) if d.severity == "error"]


def test_not_before_a_regex_match_is_fastlys_boilerplate() -> None:
    text = ('sub vcl_fetch {\n#FASTLY fetch\n'
            '  if (!beresp.http.Surrogate-Control ~ "max-age" &&\n'
            '      !beresp.http.Cache-Control ~ "(s-maxage|max-age)") {\n'
            '    set beresp.ttl = 3600s;\n  }\n  return(deliver);\n}\n')
    assert errors(text) == []


def test_a_real_type_error_next_to_not_is_still_reported() -> None:
    text = ('sub vcl_fetch {\n#FASTLY fetch\n'
            '  if (!beresp.http.X ~ "a" && beresp.ttl ~ "b") {\n'
            '    set beresp.ttl = 1s;\n  }\n  return(deliver);\n}\n')
    assert errors(text) == [(3, "VCL404")]


def test_magento_template_placeholders_are_an_unrendered_template() -> None:
    text = 'if (req.method != "FASTLYPURGE" && ( ####BLOCKED_ITEMS#### )) {\n  error 405;\n}\n'
    found = lint_source(text, "blocking_recv.vcl")
    assert [(d.line, d.code, d.severity) for d in found] == [(1, "VCL002", "info")]


def test_snippet_whose_line_starts_with_a_table_call_is_a_snippet() -> None:
    text = ('if ( req.method != "FASTLYPURGE" &&\n'
            '    table.lookup(auth, req.http.Authorization, "NO") == "NO") {\n'
            '  error 771;\n}\n')
    assert errors(text) == []


def test_snippet_file_named_after_its_type_sees_the_generated_locals() -> None:
    text = 'if (req.http.X) {\n  set var.fastly_req_do_shield = false;\n}\n'
    assert [d.code for d in lint_source(text, "etc/recv.vcl")] == []
    assert [d.code for d in lint_source(text, "etc/waf-recv.vcl")] == []
    # Only a name ending in the type counts: a `hit_counter.vcl` is no vcl_hit snippet.
    counter = 'set beresp.ttl = 1s;\n'
    assert lint_source(counter, "hit_counter.vcl") == []
    assert [d.code for d in lint_source(counter, "counter_hit.vcl")] == ["VCL402"]
    # A snippet of unknown placement may use any generated local; a made-up one may come from
    # the main VCL or an earlier snippet we cannot see: a warning, not an error.
    found = lint_source("set var.fastly_req_do_shield = false;\nset var.nope = 1;\n", "t.vcl")
    assert [(d.line, d.code, d.severity) for d in found] == [(2, "VCL421", "warning")]


def test_scope_guessed_from_a_name_alone_gives_warnings_not_errors() -> None:
    text = 'sub force_error {\n  error 800 "x";\n}\n'
    found = [(d.code, d.severity) for d in lint_source(text, "t.vcl")]
    assert ("VCL302", "warning") in found and all(s != "error" for _c, s in found)
    called = ('sub vcl_deliver {\n#FASTLY deliver\n  call force_error;\n}\n' + text)
    assert errors(called) == [(6, "VCL302")]


def test_a_file_over_fastlys_1_mb_limit_is_an_error_with_its_other_findings(tmp_path) -> None:
    from fastlysync.vcl.lint import lint_paths

    chunk = 'sub s_{n} {{\n  set req.http.X = "{pad}";\n}}\n'
    body = "".join(chunk.format(n=i, pad="x" * 40) for i in range(1_100_000 // 60))
    path = tmp_path / "big.vcl"
    path.write_text(body + "sub vcl_recv {\n#FASTLY recv\n  set req.http.Y = 1;\n}\n")
    assert path.stat().st_size > 1_048_576
    found = [(d.line, d.code, d.message) for d in lint_paths([path]).diagnostics
             if d.severity == "error"]
    assert found[0][:2] == (1, "VCL001") and "at most 1 MB (1,048,576 bytes)" in found[0][2]
    assert [f[1] for f in found[1:]] == ["VCL404"]


def test_snippet_using_a_local_an_earlier_snippet_declares() -> None:
    # One recv snippet declares and sets the dates; another, kept in a shared folder, reads
    # them. Linted alone the reader cannot see the declaration: a warning, never an error.
    reader = ('if (req.url.path == "/" &&\n'
              '    time.is_after(now, std.time(var.promo_start, std.integer2time(-1)))) {\n'
              '  set req.http.X-Promo = "1";\n}\n')
    found = lint_source(reader, "shared/promo_recv.vcl")
    assert [(d.line, d.code, d.severity) for d in found] == [(2, "VCL421", "warning")]
    assert "earlier snippet" in found[0].message
    # In a whole file the sub is all there is: an undeclared local stays an error.
    whole = "sub vcl_recv {\n#FASTLY recv\n" + reader + "}\n"
    assert errors(whole) == [(4, "VCL421")]


def test_snippet_scope_from_its_file_name_gives_warnings() -> None:
    # `redirect_deliver.vcl` uploaded as an *error* snippet: obj.* is fine there. The name is a
    # guess, so scope findings are warnings; a `# @scope:` annotation makes them errors.
    text = 'if (obj.status == 601) {\n  set obj.status = 301;\n  return(deliver);\n}\n'
    found = lint_source(text, "snippets/redirect_deliver.vcl")
    assert {(d.code, d.severity) for d in found} == {("VCL402", "warning")}
    assert "scope from its file name: deliver" in found[0].message
    assert errors("# @scope: deliver\n" + text) == [(2, "VCL402"), (3, "VCL402")]
    # A file named just after its type is a snippet of that type: errors.
    assert [(d.line, d.severity) for d in lint_source(text, "snippets/deliver.vcl")] == [
        (1, "error"), (2, "error")]
    assert errors("# @scope: error\n" + text) == []


def test_library_file_linted_alone_uses_what_the_files_beside_it_call(tmp_path) -> None:
    # A main VCL includes one file per section and calls its stage-named subs; linting the
    # section file alone must not call them unused nor guess their scope from a suffix.
    from pathlib import Path

    from fastlysync.vcl.lint import lint_paths

    folder = Path(__file__).parent / "corpus" / "real_world" / "stage_named_library"
    for name in ("section_news.vcl", "origin_stale.vcl", "main.vcl"):
        found = lint_paths([folder / name], vcl_dirs=[folder]).diagnostics
        assert [(d.line, d.code) for d in found] == [], name
    # A sub and a table nothing beside it names are still reported, and so is a suffix-only
    # name's guessed scope (`force_error` stays an error-stage sub).
    (tmp_path / "main.vcl").write_text(
        "sub vcl_recv {\n#FASTLY recv\n  # call lonely_sub;\n}\n")
    (tmp_path / "lib.vcl").write_text(
        'table unused_map {\n  "a": "b",\n}\n\nsub lonely_sub {\n  set req.http.X = "1";\n}\n\n'
        'sub force_error {\n  set beresp.ttl = 1s;\n}\n')
    found = lint_paths([tmp_path / "lib.vcl"], vcl_dirs=[tmp_path]).diagnostics
    assert [(d.line, d.code, d.severity) for d in found] == [
        (1, "VCL504", "warning"), (5, "VCL504", "warning"), (9, "VCL504", "warning"),
        (10, "VCL402", "warning")]


def test_a_stage_prefix_and_another_stage_suffix_give_no_scope() -> None:
    from fastlysync.vcl.scopes import SCOPE_BIT, scope_from_suffix

    assert scope_from_suffix("fetch_deliver_stale_on_error") == 0
    assert scope_from_suffix("recv_test_suite_force_miss") == 0
    assert scope_from_suffix("handle_error") == SCOPE_BIT["ERROR"]
    assert scope_from_suffix("deliver_headers_deliver") == SCOPE_BIT["DELIVER"]
    assert scope_from_suffix("miss_pass_route_story") == 0


def test_a_file_the_main_vcl_includes_shares_its_macros(tmp_path) -> None:
    # Fastly joins the lifecycle subs of included files to the includer's: the second half
    # of a split boilerplate needs no macro of its own. A file nothing includes still does.
    from pathlib import Path

    from fastlysync.vcl.lint import lint_paths

    folder = Path(__file__).parent / "corpus" / "real_world" / "boilerplate_split"
    for name in ("boilerplate_bottom.vcl", "site_rules.vcl"):
        found = lint_paths([folder / name], vcl_dirs=[folder]).diagnostics
        assert [(d.line, d.code) for d in found] == [], name
    (tmp_path / "main.vcl").write_text('include "other";\nsub vcl_recv {\n#FASTLY recv\n}\n')
    (tmp_path / "other.vcl").write_text("sub vcl_deliver {\n}\n")
    (tmp_path / "alone.vcl").write_text("sub vcl_recv {\n  return(lookup);\n}\n")
    found = lint_paths([tmp_path / "alone.vcl"], vcl_dirs=[tmp_path]).diagnostics
    assert [(d.line, d.code) for d in found] == [(1, "VCL201")]


def test_callers_higher_in_the_vcl_tree_count_as_uses(tmp_path) -> None:
    # fingerprint's integration keeps handlers in v4/handlers/, called from v4/routing.vcl;
    # a handler linted alone is not unused, and may call a function kept in a sibling branch
    # (fingerprint's utils/). Only folders holding VCL are climbed, two at most.
    from pathlib import Path

    from fastlysync.vcl.lint import lint_paths

    folder = Path(__file__).parent / "corpus" / "real_world" / "nested_handlers"
    for name in ("v2/handlers/region.vcl", "shared/flags.vcl", "shared/client.vcl",
                 "v2/routing.vcl"):
        found = lint_paths([folder / name], vcl_dirs=[folder]).diagnostics
        assert [(d.line, d.code) for d in found if d.severity != "info"] == [], name
    # A caller above a folder without VCL is out of reach: the sub stays unused.
    (tmp_path / "caller.vcl").write_text("sub vcl_recv {\n#FASTLY recv\n  call deep_sub;\n}\n")
    deep = tmp_path / "no_vcl_here" / "deep"
    deep.mkdir(parents=True)
    (deep / "lib.vcl").write_text('sub deep_sub {\n  set req.http.X = "1";\n}\n')
    found = lint_paths([deep / "lib.vcl"], vcl_dirs=[deep]).diagnostics
    assert [(d.line, d.code) for d in found] == [(1, "VCL504")]


def test_a_macro_in_a_sub_only_its_stage_calls_is_in_place() -> None:
    # polyfill-service puts `#FASTLY recv` in set_backend, called only from vcl_recv: Fastly
    # expands it there. Called from another stage too, or never called, it is misplaced.
    from pathlib import Path

    path = Path(__file__).parent / "corpus" / "real_world" / "macro_in_called_sub.vcl"
    assert lint_source(path.read_text(), str(path)) == []
    shared = ("sub helper {\n  #FASTLY recv\n}\n\n"
              "sub vcl_recv {\n  call helper;\n  return(lookup);\n}\n\n"
              "sub vcl_deliver {\n#FASTLY deliver\n  call helper;\n  return(deliver);\n}\n")
    assert [(d.line, d.code) for d in lint_source(shared, "t.vcl")] == [
        (2, "VCL202"), (5, "VCL201")]
    uncalled = "sub helper {\n  #FASTLY recv\n}\n\nsub vcl_recv {\n  return(lookup);\n}\n"
    assert [(d.line, d.code) for d in lint_source(uncalled, "t.vcl")] == [
        (1, "VCL504"), (2, "VCL202"), (5, "VCL201")]


def test_an_or_of_statuses_inside_an_and_is_handled() -> None:
    text = ('sub vcl_recv {\n#FASTLY recv\n  error 601 "/";\n}\n\n'
            'sub vcl_error {\n#FASTLY error\n'
            '  if ((obj.status == 601 || obj.status == 602) && obj.response) {\n'
            '    set obj.status = 301;\n    return(deliver);\n  }\n}\n')
    assert [(d.line, d.code) for d in lint_source(text, "t.vcl")] == [(8, "VCL102")]  # 602
    # 603 is still not handled by that branch.
    assert errors(text.replace("error 601", "error 603")) == [(3, "VCL101")]


def test_error_codes_raised_or_handled_by_the_files_beside(tmp_path) -> None:
    # alexwilson/frontend raises `error 602` in random-header-image.vcl and handles it in
    # redirects.vcl's vcl_error part: neither file linted alone reports it.
    from pathlib import Path

    from fastlysync.vcl.lint import lint_paths

    folder = Path(__file__).parent / "corpus" / "real_world" / "error_split"
    for name in ("header_image.vcl", "redirects.vcl"):
        found = lint_paths([folder / name], vcl_dirs=[folder]).diagnostics
        assert [(d.line, d.code) for d in found] == [], name
    # A neighbour handling another status does not hide the unhandled one, and a handler
    # for a status nothing raises is still reported.
    (tmp_path / "other.vcl").write_text(
        "sub vcl_error {\n  if (obj.status == 603) {\n    return(deliver);\n  }\n}\n"
        "sub vcl_recv {\n  error 604;\n}\n")
    (tmp_path / "lone.vcl").write_text(
        'sub vcl_recv {\n#FASTLY recv\n  error 601;\n}\n\nsub vcl_error {\n#FASTLY error\n'
        "  if (obj.status == 605 || obj.status == 604) {\n    return(deliver);\n  }\n}\n")
    found = lint_paths([tmp_path / "lone.vcl"], vcl_dirs=[tmp_path]).diagnostics
    assert [(d.line, d.code) for d in found] == [(3, "VCL101"), (8, "VCL102")]


def test_a_lone_file_beside_a_main_vcl_with_lost_includes_gets_warnings(tmp_path) -> None:
    # NYT's config: main.vcl includes shared-* files kept in another repository; a route file
    # linted alone calls subs defined there. Those are warnings naming the lost files, and
    # the main VCL still reports the includes it cannot find.
    from fastlysync.vcl.lint import lint_paths

    (tmp_path / "main.vcl").write_text(
        'include "shared-geo";\ninclude "route-news";\n\n'
        "sub vcl_recv {\n#FASTLY recv\n  call recv_route_news;\n}\n")
    (tmp_path / "route-news.vcl").write_text(
        "sub recv_route_news {\n  call shared_geo_headers;\n}\n")
    found = lint_paths([tmp_path / "route-news.vcl"], vcl_dirs=[tmp_path]).diagnostics
    assert [(d.line, d.code, d.severity) for d in found] == [(2, "VCL501", "warning")]
    assert "'shared-geo'" in found[0].message
    found = lint_paths([tmp_path / "main.vcl"], vcl_dirs=[tmp_path]).diagnostics
    assert [(d.line, d.code, d.severity) for d in found] == [(1, "VCL506", "error")]
    # With every include found, an undefined sub is an error again.
    (tmp_path / "shared-geo.vcl").write_text("sub shared_geo_other {\n}\n")
    found = lint_paths([tmp_path / "route-news.vcl"], vcl_dirs=[tmp_path]).diagnostics
    assert [(d.line, d.code, d.severity) for d in found
            if d.code == "VCL501"] == [(2, "VCL501", "error")]


def test_a_file_that_says_it_is_an_init_snippet_needs_no_macros() -> None:
    # FT's static-site deployer uploads main.vcl and s3o.vcl as init snippets defining
    # vcl_recv/vcl_error: joined to Fastly's subs, which have the macros.
    from pathlib import Path

    path = Path(__file__).parent / "corpus" / "real_world" / "site_init.vcl"
    text = path.read_text()
    assert lint_source(text, str(path)) == []
    body = text.replace("# @scope: init\n", "")
    assert lint_source(body, "waf-init.vcl") == []
    # Not marked: one finding names every sub without a macro, with the hint.
    found = lint_source(body, "site.vcl")
    assert [(d.line, d.code) for d in found] == [(3, "VCL201")]
    assert "vcl_recv, vcl_error" in found[0].message and "# @scope: init" in found[0].message
    # A main VCL with some macros still gets one finding per sub that lacks its own.
    one = "sub vcl_deliver {\n#FASTLY deliver\n}\n" + body
    assert [(d.line, d.code) for d in lint_source(one, "site.vcl")] == [
        (6, "VCL201"), (12, "VCL201")]


def test_header_comments_that_name_an_init_snippet() -> None:
    # Fastly's rate limiting UI names its snippet `rate-limiter-v1-<name>-init`; Fastly's
    # security-use-cases files start with `# vcl_init`. Only a header above the first
    # declaration counts.
    subs = "sub vcl_recv {\n  set req.http.X = \"1\";\n}\n"
    for header in ("# Snippet rate-limiter-v1-low_volume-init\n", "# vcl_init\n",
                   "#vcl_init\n", "# place in VCL init\n"):
        assert lint_source(header + subs, "erl.vcl") == [], header
    late = "acl a {\n  \"10.0.0.0\"/8;\n}\n# vcl_init\n" + subs.replace('"1"', 'client.ip ~ a')
    assert [d.code for d in lint_source(late, "erl.vcl")] == ["VCL201"]


def test_the_break_that_ends_a_case_after_an_error_is_not_dead_code() -> None:
    # jdigory/tf-hazip: `case "/geo": error 902; break;` (Fastly requires the break).
    text = ('sub vcl_recv {\n#FASTLY recv\n  switch (req.url) {\n  case "/geo":\n'
            '    error 902;\n    break;\n  default:\n    error 901;\n    break;\n  }\n}\n\n'
            'sub vcl_error {\n#FASTLY error\n  if (obj.status == 901 || obj.status == 902) {\n'
            '    set obj.status = 200;\n    return(deliver);\n  }\n}\n')
    assert lint_source(text, "t.vcl") == []
    dead = text.replace("    error 902;\n", '    error 902;\n    set req.http.X = "1";\n')
    assert [(d.line, d.code) for d in lint_source(dead, "t.vcl")] == [(6, "VCL601")]


def test_unrelated_files_beside_a_buggy_one_do_not_hide_its_errors(tmp_path) -> None:
    # Statuses handled and includes lost in a neighbour only count for a file that neighbour
    # includes: a buggy file among unrelated ones keeps its VCL101 and VCL501 errors.
    from fastlysync.vcl.lint import lint_paths

    (tmp_path / "other.vcl").write_text(
        'include "lost-library";\n\nsub vcl_error {\n#FASTLY error\n'
        "  if (obj.status == 601) {\n    return(deliver);\n  }\n}\n")
    (tmp_path / "buggy.vcl").write_text(
        'sub vcl_recv {\n#FASTLY recv\n  call undefined_helper;\n  error 601;\n}\n\n'
        "sub vcl_error {\n#FASTLY error\n}\n")
    found = lint_paths([tmp_path / "buggy.vcl"], vcl_dirs=[tmp_path]).diagnostics
    assert [(d.line, d.code, d.severity) for d in found] == [
        (3, "VCL501", "error"), (4, "VCL101", "error")]


def test_snippet_files_linted_together_see_each_others_error_codes(tmp_path) -> None:
    # rust-lang/simpleinfra: a recv snippet raises 618, an error snippet turns it into a 429.
    from fastlysync.vcl.lint import lint_paths

    (tmp_path / "limit_recv.vcl").write_text(
        'if (req.http.X-Abuse) {\n  error 618 "too many";\n}\n')
    (tmp_path / "limit_error.vcl").write_text(
        "if (obj.status == 618) {\n  set obj.status = 429;\n  return(deliver);\n}\n")
    found = lint_paths([tmp_path], vcl_dirs=[tmp_path]).diagnostics
    assert [(d.path, d.code) for d in found if d.severity != "info"] == []
    (tmp_path / "limit_recv.vcl").unlink()
    found = lint_paths([tmp_path], vcl_dirs=[tmp_path]).diagnostics
    assert [d.code for d in found] == ["VCL102"]
