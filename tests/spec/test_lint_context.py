"""A loaded spec as the linter's ServiceContext: names, and where each piece of VCL starts."""

from __future__ import annotations

from fastlysync.spec.lint_context import service_context

SPEC = """\
name: s
backends:
  - {name: origin, address: o.example.com}
directors:
  - {name: pool, backends: [origin]}
dictionaries:
  - {name: redirects}
acls:
  - {name: block}
conditions:
  - name: is_api
    type: REQUEST
    statement: req.url ~ "^/api"
snippets:
  - name: inline
    type: recv
    priority: 5
    content: |
      set req.http.X = "1";
  - name: from_file
    type: deliver
    file: snippets/deliver.vcl
vcls:
  - name: main
    file: main.vcl
    main: true
"""


def test_service_context(load) -> None:
    result = load(SPEC, files={"vcl/main.vcl": "sub vcl_recv {\n#FASTLY recv\n}\n",
                               "vcl/snippets/deliver.vcl": "set resp.http.Y = \"2\";\n"})
    assert result.ok, result.errors
    context = service_context(result.services[0])
    assert (context.backends, context.directors, context.tables, context.acls) == (
        {"origin"}, {"pool"}, {"redirects"}, {"block"})
    assert context.name == "s" and context.path.endswith("s.yaml")
    inline, from_file = context.snippets
    assert (inline.name, inline.type, inline.priority, inline.line) == ("inline", "recv", 5, 19)
    assert inline.path.endswith("s.yaml")
    assert (from_file.line, from_file.content) == (1, 'set resp.http.Y = "2";\n')
    assert from_file.path.endswith("vcl/snippets/deliver.vcl")
    [vcl] = context.vcls
    assert vcl.main and vcl.path.endswith("vcl/main.vcl") and "#FASTLY recv" in vcl.content
    [condition] = context.conditions
    assert (condition.name, condition.type, condition.line) == ("is_api", "REQUEST", 13)
    assert condition.statement == 'req.url ~ "^/api"'


INLINE_VCL = """\
name: s
backends:
  - {name: origin, address: o.example.com}
vcls:
  - name: main
    main: true
    content: |
      sub vcl_recv {
      #FASTLY recv
        set req.http.X = 1;
        return(lookup);
      }
"""


def test_inline_vcl_findings_point_at_the_spec_line(load) -> None:
    from fastlysync.vcl.lint import lint_service

    result = load(INLINE_VCL)
    assert result.ok, result.errors
    context = service_context(result.services[0])
    [vcl] = context.vcls
    assert vcl.line == 8 and vcl.path.endswith("s.yaml")
    found = [(d.path, d.line, d.code) for d in lint_service(context) if d.severity == "error"]
    # `set req.http.X = 1;` is line 3 of the VCL, line 10 of the spec.
    assert found == [(vcl.path, 10, "VCL404")]


QUOTED = """\
name: s
backends:
  - {name: origin, address: o.example.com}
snippets:
  - name: quoted
    type: recv
    content: "set req.http.A = \\"1\\";\\nset req.http.B = 2;\\n"
  - name: folded
    type: recv
    content: >
      set req.http.C = 3;

      set req.http.D = "4";
  - name: literal
    type: recv
    content: |
      set req.http.E = "5";
      set req.http.F = 6;
"""


def test_quoted_or_folded_content_points_at_its_first_line(load) -> None:
    from fastlysync.vcl.lint import lint_service

    result = load(QUOTED)
    assert result.ok, result.errors
    context = service_context(result.services[0])
    assert [s.exact_lines for s in context.snippets] == [False, False, True]
    found = sorted((d.line, d.code) for d in lint_service(context) if d.severity == "error")
    # quoted: its VCL line 2 is not spec line 8, so the string's line 7 is given; folded:
    # line 11 (content after `>`); literal: VCL line 2 is spec line 18.
    assert found == [(7, "VCL404"), (11, "VCL404"), (18, "VCL404")]
