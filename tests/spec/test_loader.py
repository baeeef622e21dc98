"""Loading specs: types, unknown keys, positions, lenient scalars, VCL files, every problem."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from fastlysync.spec import LoadResult, SpecError, find_root, load_specs, load_text
from fastlysync.spec.files import MAX_VCL_BYTES


def messages(result: LoadResult) -> list[str]:
    return [e.message for e in result.errors]

BASIC = """\
name: site
domains:
  - name: www.example.com
backends:
  - name: origin
    address: origin.example.com
"""


def test_minimal_spec_gets_api_defaults(load) -> None:
    result = load(BASIC)
    assert result.ok, result.errors
    [loaded] = result.services
    backend = loaded.service.backends[0]
    assert (backend.port, backend.weight, backend.max_conn, backend.first_byte_timeout) == (
        80, 100, 200, 15000)
    assert loaded.service.settings.default_ttl == 3600
    assert loaded.environment is None
    assert loaded.locate("backends", 0, "address") == (6, 14)
    assert loaded.locate("backends", 0, "port") == (5, 5)  # default: its object
    assert loaded.locate_key("backends", 0, "address") == (6, 5)
    assert loaded.path == Path("services/s.yaml") or loaded.path.name == "s.yaml"


def test_wrong_type_points_at_the_value(load) -> None:
    result = load(BASIC + "    port: eighty\n")
    [error] = result.errors
    assert (error.line, error.column) == (7, 11)
    assert error.message.startswith("backend 'origin': port: Input should be a valid integer")
    assert "'eighty'" in error.message
    assert "backends.0" not in error.message


def test_unknown_key_suggests_the_right_one(load) -> None:
    result = load(BASIC + "    prot: 8080\nbackend: []\n")
    assert messages(result) == [
        "backend 'origin': unknown key 'prot' (did you mean 'port'?)",
        "service: unknown key 'backend' (Terraform's backend block is the 'backends' list "
        "here)",
    ]
    assert [(e.line, e.column) for e in result.errors] == [(7, 5), (8, 1)]


def test_every_problem_is_reported(load) -> None:
    spec = BASIC + """\
    port: -1
  - name: second
headers:
  - name: h
    action: set
    type: request
    dst: http.X
    src: '"1"'
    request_condition: missing_condition
conditions:
  - name: c
    type: NOPE
    statement: 'true'
dictionaries:
  - name: d
    items:
      k: ${env:NOT_SET}
"""
    found = messages(load(spec))
    assert len(found) == 5, found
    assert any("port: Input should be greater than or equal to 0" in m for m in found)
    assert any("missing required key 'address'" in m for m in found)
    assert any("type: Input should be 'REQUEST'" in m for m in found)
    assert any("NOT_SET is not set" in m for m in found)
    # Reference problems show up in the same run as type problems.
    assert any("refers to condition 'missing_condition'" in m for m in found)


def test_missing_required_points_at_the_object(load) -> None:
    result = load("name: s\nbackends:\n  - name: b\n")
    [error] = result.errors
    assert (error.line, error.column) == (3, 5)
    assert error.message == "backend 'b': missing required key 'address'"


def test_unquoted_numbers_and_booleans_are_taken_as_written_where_text_is_expected(load) -> None:
    spec = """\
name: s
dictionaries:
  - name: flags
    items:
      ttl: 300
      enabled: yes
      ratio: 0.5
logging_kafka:
  - name: k
    brokers: b:9092
    topic: t
    required_acks: -1
"""
    result = load(spec)
    assert result.ok, result.errors
    service = result.services[0].service
    assert service.dictionaries[0].items == {"ttl": "300", "enabled": "yes", "ratio": "0.5"}
    assert service.logging_kafka[0].required_acks == "-1"


def test_env_values_fill_numeric_fields(load) -> None:
    spec = BASIC + "    port: ${env:PORT}\n"
    result = load(spec, env={"PORT": "8443"})
    assert result.ok, result.errors
    assert result.services[0].service.backends[0].port == 8443


def test_top_level_must_be_a_mapping(load) -> None:
    result = load("- a\n- b\n")
    assert messages(result) == ["a spec file must be a mapping of service fields"]


def test_empty_file(load) -> None:
    [error] = load("# nothing\n").errors
    assert str(error).endswith("s.yaml: spec file is empty")


def test_spec_error_formats() -> None:
    assert str(SpecError("a.yaml", 3, 4, "bad")) == "a.yaml:3:4: bad"
    assert str(SpecError("a.yaml", 0, 0, "bad")) == "a.yaml: bad"


def test_vcl_file_is_read_into_content(load) -> None:
    spec = "name: s\nvcls:\n  - name: main\n    file: main.vcl\n    main: true\n"
    result = load(spec, files={"vcl/main.vcl": "sub vcl_recv {\n#FASTLY recv\n}\n"})
    assert result.ok, result.errors
    vcl = result.services[0].service.vcls[0]
    assert vcl.file == "main.vcl" and vcl.content.startswith("sub vcl_recv")


def test_snippet_file_in_a_subfolder(load) -> None:
    spec = "name: s\nsnippets:\n  - name: a\n    type: recv\n    file: snippets/a.vcl\n"
    result = load(spec, files={"vcl/snippets/a.vcl": "set req.http.X = \"1\";\n"})
    assert result.ok, result.errors
    assert result.services[0].service.snippets[0].content == 'set req.http.X = "1";\n'


@pytest.mark.parametrize(("path", "expected"), [
    ("../../etc/passwd", "points outside the repository"),
    ("../services/../../outside.vcl", "points outside the repository"),
    ("/etc/passwd", "must be relative to the repository's vcl/ folder"),
    ("nope.vcl", "does not exist"),
    ("", "file is empty"),
])
def test_vcl_paths_that_are_refused(load, path: str, expected: str) -> None:
    spec = f"name: s\nvcls:\n  - name: main\n    file: '{path}'\n    main: true\n"
    result = load(spec)
    [error] = result.errors
    assert expected in error.message
    assert (error.line, error.column) == (4, 11)


def test_symlink_out_of_the_repository_is_refused(load, tmp_path: Path) -> None:
    outside = tmp_path / "secret.vcl"
    outside.write_text("sub vcl_recv {}\n")
    spec = "name: s\nvcls:\n  - name: main\n    file: link.vcl\n    main: true\n"
    root = tmp_path / "repo"
    (root / "vcl").mkdir(parents=True)
    os.symlink(outside, root / "vcl" / "link.vcl")
    result = load(spec)
    assert "points outside the repository" in messages(result)[0]


def test_binary_and_oversized_vcl_files(load) -> None:
    spec = ("name: s\nvcls:\n  - name: main\n    file: bin.vcl\n    main: true\n"
            "  - name: big\n    file: big.vcl\n")
    result = load(spec, files={"vcl/bin.vcl": b"sub \x00 {}", "vcl/big.vcl":
                               "#" * (MAX_VCL_BYTES + 1)})
    found = messages(result)
    assert any("NUL byte" in m for m in found)
    assert any("limit" in m for m in found)


def test_non_utf8_vcl_file(load) -> None:
    spec = "name: s\nvcls:\n  - name: main\n    file: main.vcl\n    main: true\n"
    [message] = messages(load(spec, files={"vcl/main.vcl": b"# caf\xe9\n"}))
    assert "not valid UTF-8" in message and "line 1" in message


def test_file_and_content_together(load) -> None:
    spec = ("name: s\nvcls:\n  - name: main\n    file: main.vcl\n    content: x\n"
            "    main: true\n")
    [error] = load(spec, files={"vcl/main.vcl": "x"}).errors
    assert "give file: or content:, not both" in error.message
    assert (error.line, error.column) == (4, 5)


def test_secrets_are_collected_and_masked_in_messages(load) -> None:
    spec = """\
name: s
logging_syslog:
  - name: h
    address: logs.example.com
    token: ${env:LOG_TOKEN}
    port: ${env:LOG_TOKEN}
"""
    result = load(spec, env={"LOG_TOKEN": "s3cr3t-value"})
    assert not result.services
    [message] = messages(result)
    assert "s3cr3t-value" not in message and "********" in message


def test_secrets_of_a_loaded_service(load) -> None:
    spec = """\
name: s
logging_datadog:
  - name: dd
    token: ${env:DD}
backends:
  - name: b
    address: b.example.com
    ssl_client_key: literal-private-key
"""
    [loaded] = load(spec, env={"DD": "dd-api-key"}).services
    assert loaded.service.logging_datadog[0].token == "dd-api-key"
    assert {"dd-api-key", "literal-private-key"} <= loaded.secrets


def test_load_specs_with_explicit_paths(repo, tmp_path: Path) -> None:
    root = repo({"services/a.yaml": BASIC, "services/sub/b.yml": "name: other\n",
                 "services/.hidden/c.yaml": "oops: [", "elsewhere/c.yaml": "name: third\n"})
    every = load_specs(root=root, env={})
    assert every.ok and sorted(s.name for s in every.services) == ["other", "site"]
    one = load_specs([root / "elsewhere" / "c.yaml"], root=root, env={})
    assert [s.name for s in one.services] == ["third"]
    missing = load_specs([root / "nope.yaml"], root=root, env={})
    assert [e.message for e in missing.errors] == ["no such file or directory"]


def test_find_root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "services" / "deep").mkdir(parents=True)
    assert find_root(tmp_path / "services" / "deep") == tmp_path
    assert find_root(tmp_path / "services" / "deep" / "x.yaml") == tmp_path
    monkeypatch.chdir(tmp_path / "services" / "deep")
    assert find_root() == tmp_path


def test_load_text_without_files() -> None:
    services, errors = load_text("name: s\n", env={})
    assert not errors and services[0].name == "s"
