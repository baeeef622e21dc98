"""Checks across a service (and across services), driven by `Kind.references`."""

from __future__ import annotations

from fastlysync.kinds import KINDS
from fastlysync.spec import LoadResult


def messages(result: LoadResult) -> list[str]:
    return [e.message for e in result.errors]


def test_reference_to_a_missing_condition(load) -> None:
    spec = """\
name: s
conditions:
  - name: is_api
    type: REQUEST
    statement: req.url ~ "^/api"
headers:
  - name: h
    action: set
    type: request
    dst: http.X
    src: '"1"'
    request_condition: is_apj
"""
    [error] = load(spec).errors
    assert error.message == ("header 'h': request_condition refers to condition 'is_apj', "
                             "which this service does not declare (did you mean 'is_api'?)")
    assert (error.line, error.column) == (12, 24)


def test_condition_of_the_wrong_type(load) -> None:
    spec = """\
name: s
conditions:
  - {name: c, type: REQUEST, statement: 'true'}
cache_settings:
  - {name: cs, ttl: 10, cache_condition: c}
"""
    assert messages(load(spec)) == [
        "cache_settings 'cs': cache_condition needs a CACHE condition, but 'c' is REQUEST"]


def test_healthcheck_and_director_members(load) -> None:
    spec = """\
name: s
backends:
  - {name: a, address: a.example.com, healthcheck: hc}
directors:
  - {name: d, type: hash, backends: [a, b]}
"""
    found = messages(load(spec))
    assert found == [
        "backend 'a': healthcheck refers to healthcheck 'hc', which this service does not declare",
        "director 'd': backends refers to backend 'b', which this service does not declare",
    ]


def test_every_reference_in_the_registry_is_checked(load) -> None:
    """Each declared reference field, pointed at nothing, gives exactly one error."""
    for kind in KINDS.values():
        for ref in kind.references:
            required = {n: f for n, f in kind.model.model_fields.items() if f.is_required()}
            fill = {"address": "a.example.com", "url": "https://x.example.com/",
                    "host": "h", "statement": "true", "type": "REQUEST", "action": "set",
                    "dst": "http.X", "token": "t", "brokers": "b", "topic": "t",
                    "bucket_name": "b", "project_id": "p", "dataset": "d", "table": "t"}
            obj = {n: fill.get(n, "x") for n in required}
            if kind.name == "header":
                obj["type"] = "request"
            if kind.name == "rate_limiter":
                obj.update(http_methods=["GET"], client_key=["req.http.Fastly-Client-IP"],
                           rps_limit=10, window_size=1, penalty_box_duration=1,
                           action="log_only")
            obj[ref.field] = ["ghost"] if ref.many else "ghost"
            if kind.singleton:
                continue
            result = load({"name": "s", kind.spec_key: [{"name": "o", **obj}]}.__repr__()
                          .replace("'", '"'))
            found = messages(result)
            assert len(found) == 1 and f"{ref.field} refers to {ref.kind} 'ghost'" in found[0], (
                kind.name, ref.field, found)


def test_duplicate_names(load) -> None:
    spec = """\
name: s
domains:
  - name: a.example.com
  - name: a.example.com
"""
    [error] = load(spec).errors
    assert error.message == "duplicate domain name 'a.example.com' (also domain #1 in this service)"
    assert error.line == 4


def test_custom_vcl_needs_exactly_one_main(load) -> None:
    none = "name: s\nvcls:\n  - {name: a, content: x}\n  - {name: b, content: y}\n"
    assert messages(load(none)) == [
        "custom VCL needs exactly one main file: mark one with main: true"]
    two = ("name: s\nvcls:\n  - {name: a, content: x, main: true}\n"
           "  - {name: b, content: y, main: true}\n")
    assert messages(load(two)) == [
        "vcl 'b': only one custom VCL can be main (vcl 'a' already is)"]
    assert load("name: s\nvcls: []\n").ok


def test_regular_snippet_needs_content_but_dynamic_does_not(load) -> None:
    spec = ("name: s\nsnippets:\n  - {name: a, type: recv}\n"
            "  - {name: b, type: recv, dynamic: true}\n")
    assert messages(load(spec)) == [
        "snippet 'a': needs file: (a path under vcl/) or content:"]


def test_snippet_type_and_priority(load) -> None:
    spec = "name: s\nsnippets:\n  - {name: a, type: recieve, content: x, priority: -1}\n"
    found = messages(load(spec))
    assert any("type: Input should be 'init', 'recv'" in m for m in found)
    assert any("priority: Input should be greater than or equal to 0" in m for m in found)


def test_duplicate_acl_entries(load) -> None:
    spec = ("name: s\nacls:\n  - name: block\n    entries:\n      - {ip: 192.0.2.0, subnet: 24}\n"
            "      - {ip: 192.0.2.0, subnet: 24, negated: true}\n")
    assert messages(load(spec)) == [
        "acl 'block': duplicate entry 192.0.2.0/24 (also entry #1)"]


def test_services_across_files(repo) -> None:
    from fastlysync.spec import load_specs

    root = repo({
        "services/a.yaml": "name: one\nid: SVC1\ndomains: [{name: a.example.com}]\n",
        "services/b.yaml": "name: one\n",
        "services/c.yaml": "name: two\nid: SVC1\n",
        "services/d.yaml": "name: three\ndomains: [{name: A.example.com}]\n",
    })
    found = [str(e) for e in load_specs(root=root, env={}).errors]
    assert len(found) == 3
    assert any("b.yaml:1:7: service name 'one' is also used at" in m for m in found)
    assert any("c.yaml:2:5: service id 'SVC1' is also used at" in m for m in found)
    assert any("domain 'a.example.com' is also declared by service 'one'" in m for m in found)


def test_fields_the_api_refuses_together(load) -> None:
    spec = """\
name: s
logging_s3:
  - name: logs
    bucket_name: b
    compression_codec: zstd
    gzip_level: 3
    iam_role: arn:aws:iam::1:role/x
    access_key: AKIA
  - {name: fine, bucket_name: b, compression_codec: zstd, gzip_level: 0}
"""
    result = load(spec)
    assert messages(result) == [
        "logging_s3 'logs': compression_codec and gzip_level cannot be set together (the API "
        "refuses it: 'compression_codec' and 'gzip_level' cannot be set simultaneously)",
        "logging_s3 'logs': iam_role and access_key cannot be set together (the API refuses "
        "it: 'iam_role' can't be used when 'access_key' or 'secret_key' are provided)"]
    assert [e.line for e in result.errors] == [6, 8]


def test_file_upload_endpoints_refuse_both_compressions_too(load) -> None:
    result = load("name: s\nlogging_sftp:\n  - {name: l, address: sftp.example.com, "
                  "user: u, path: /logs/, ssh_known_hosts: k, password: pw, "
                  "compression_codec: zstd, gzip_level: 3}\n")
    assert messages(result) == [
        "logging_sftp 'l': compression_codec and gzip_level cannot be set together (the API "
        "refuses it: 'compression_codec' and 'gzip_level' cannot be set simultaneously)"]
