"""The whole service from a spec: every modelled object kind, through YAML test cases."""

from __future__ import annotations

from pathlib import Path

import pytest

from fastlysync.behave.runner import run_tests

SPEC = """\
name: site
domains:
  - name: www.example.com
backends:
  - name: origin
    address: origin.example.com
    override_host: origin.internal
  - name: beta
    address: beta.example.com
    request_condition: beta_cookie
  - name: eu1
    address: eu1.example.com
    request_condition: never
  - name: eu2
    address: eu2.example.com
    request_condition: never
directors:
  - name: eu
    type: 1
    backends: [eu1, eu2]
conditions:
  - name: beta_cookie
    type: REQUEST
    statement: req.http.Cookie:beta == "1"
  - name: never
    type: REQUEST
    statement: "false"
  - name: is_static
    type: CACHE
    statement: req.url.ext ~ "^(css|js)$"
  - name: is_private
    type: CACHE
    statement: beresp.http.X-Private
  - name: is_maintenance
    type: REQUEST
    statement: req.url.path == "/maintenance"
  - name: not_found
    type: CACHE
    statement: beresp.status == 404
  - name: is_admin
    type: REQUEST
    statement: req.url.path ~ "^/admin"
  - name: is_error
    type: RESPONSE
    statement: resp.status >= 500
headers:
  - name: served_by
    action: set
    type: response
    dst: http.X-Served
    src: '"edge"'
  - name: remove_server
    action: delete
    type: response
    dst: http.Server
  - name: strip_tracking
    action: regex
    type: request
    dst: url
    src: req.url
    regex: "[?&]utm_[a-z]+=[^&]*"
    substitution: ""
  - name: keep_client_lang
    action: set
    type: request
    dst: http.X-Lang
    src: '"en"'
    ignore_if_set: true
  - name: cache_marker
    action: append
    type: cache
    dst: http.X-Cache-Tag
    src: '",edge"'
  - name: error_flag
    action: set
    type: response
    dst: http.X-Error
    src: '"1"'
    response_condition: is_error
cache_settings:
  - name: static_long
    ttl: 86400
    action: cache
    cache_condition: is_static
  - name: private_pass
    action: pass
    cache_condition: is_private
gzips:
  - name: text
    content_types: text/html text/css
    extensions: css js
request_settings:
  - name: admin_pass
    action: pass
    force_ssl: true
    request_condition: is_admin
response_objects:
  - name: maintenance
    status: 503
    response: Service Unavailable
    content: "<h1>Back soon</h1>"
    content_type: text/html
    request_condition: is_maintenance
  - name: friendly_404
    status: 404
    response: Not Found
    content: "nothing here"
    cache_condition: not_found
settings:
  default_ttl: 120
"""

CASES = """\
service: site
defaults:
  request:
    headers: {Host: www.example.com}
cases:
  - name: default backend with override host, response headers
    backends:
      origin: {headers: {Server: nginx}}
    expect:
      status: 200
      backend: origin
      # append joins onto a header the origin did not send: Fastly writes it as (null)
      headers: {X-Served: edge, Server: null, X-Cache-Tag: "(null),edge", X-Error: null}
  - name: beta cookie selects the beta backend
    request: {headers: {Cookie: "beta=1"}}
    expect: {backend: beta}
  - name: tracking parameters are stripped before the lookup
    request: {url: "/p?id=1&utm_source=x"}
    expect:
      status: 200
      cache: miss
      origin:
        method: GET
        url: /p?id=1
        headers: {Host: origin.internal, X-Lang: en, Fastly-SSL: "1"}
    then:
      - request: {url: "/p?id=1"}
        expect: {cache: hit}
  - name: maintenance response object
    request: {url: /maintenance}
    expect:
      status: 503
      response: Service Unavailable
      headers: {Content-Type: text/html}
      body: "<h1>Back soon</h1>"
      backend: none
      cache: error
  - name: origin 404 becomes the friendly 404
    backends: {origin: {status: 404}}
    expect: {status: 404, body: nothing here, backend: origin}
  - name: static files cached for a day, html for the default TTL
    request: {url: /app.css, headers: {Accept-Encoding: "gzip, br"}}
    backends: {origin: {headers: {Content-Type: text/css}}}
    expect: {cache: miss, headers: {Content-Encoding: gzip, Vary: Accept-Encoding}}
    then:
      - after: 3600
        request: {headers: {Accept-Encoding: identity}}
        expect: {cache: hit, headers: {Content-Encoding: null, Vary: Accept-Encoding}}
      - request: {url: /page.html}
        expect: {cache: miss}
      - request: {url: /page.html}
        after: 121
        expect: {cache: miss}
  - name: private responses pass
    backends: {origin: {headers: {X-Private: "1"}}}
    expect: {cache: pass}
  - name: admin over plain HTTP is redirected to https
    request: {url: "http://www.example.com/admin/x"}
    expect:
      status: 301
      headers: {Location: "https://www.example.com/admin/x"}
  - name: admin over TLS passes
    request: {url: "https://www.example.com/admin/x"}
    expect: {cache: pass, status: 200}
  - name: 5xx gets the error flag
    backends: {origin: {status: 502}}
    expect: {status: 502, headers: {X-Error: "1"}}
"""


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    (tmp_path / "services").mkdir()
    (tmp_path / "tests").mkdir()
    (tmp_path / "services" / "site.yaml").write_text(SPEC)
    (tmp_path / "tests" / "site.yaml").write_text(CASES)
    return tmp_path


def test_every_spec_object_kind_behaves_as_generated_vcl(repo: Path) -> None:
    result = run_tests([], root=repo)
    assert not result.problems
    failing = {c.name: (c.message, [m.text() for m in c.mismatches])
               for c in result.cases if not c.ok}
    assert not failing
    assert len(result.cases) == 10


def test_a_wrong_expectation_fails_with_expected_and_actual(repo: Path) -> None:
    (repo / "tests" / "site.yaml").write_text(CASES.replace(
        "expect: {backend: beta}", "expect: {backend: origin}"))
    result = run_tests([], root=repo)
    [bad] = [c for c in result.cases if not c.ok]
    assert bad.name == "beta cookie selects the beta backend"
    assert [m.text() for m in bad.mismatches] == ["backend: expected 'origin', got 'beta'"]
    # The trace shows the generated code that chose the backend.
    assert any(s.path == "<generated recv>" and "F_beta" in s.text for s in bad.trace)


def test_requests_without_host_use_the_first_domain(repo: Path) -> None:
    from fastlysync.behave.services import Services
    from fastlysync.interp.machine import Machine
    from fastlysync.interp.state import Request

    service = Services(repo).build("site", None)
    result = Machine(service).run(Request(url="/admin/y", tls=False))
    assert result.status == 301
    assert result.headers.get("Location") == "https://www.example.com/admin/y"
