"""Field checks in the kind models: what the API would refuse, refused at load with a reason."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from fastlysync.kinds import KINDS
from fastlysync.kinds.acl import Acl, AclEntry
from fastlysync.kinds.backend import Backend
from fastlysync.kinds.dictionary import MAX_KEY_LENGTH, MAX_VALUE_LENGTH, Dictionary
from fastlysync.kinds.director import Director
from fastlysync.kinds.domain import Domain
from fastlysync.kinds.gzip import Gzip
from fastlysync.kinds.healthcheck import Healthcheck
from fastlysync.kinds.logging.https import LoggingHttps


@pytest.mark.parametrize("name", ["example.com", "www.example.com", "*.example.com",
                                  "a-b.example.co.uk", "xn--bcher-kva.example"])
def test_valid_domains(name: str) -> None:
    assert Domain(name=name).name == name


@pytest.mark.parametrize("name", ["", "example", "-a.example.com", "a..example.com",
                                  "www.*.example.com", "https://example.com", "a b.com",
                                  "ex_ample.com", "*", "a" * 64 + ".com"])
def test_invalid_domains(name: str) -> None:
    with pytest.raises(ValidationError):
        Domain(name=name)


@pytest.mark.parametrize(("ip", "subnet"), [("10.0.0.3", 8), ("192.0.2.0", 24),
                                            ("2001:db8::", 32), ("2001:db8::1", 128),
                                            ("198.51.100.7", None), ("0.0.0.0", 0)])
def test_valid_acl_entries(ip: str, subnet: int | None) -> None:
    assert AclEntry(ip=ip, subnet=subnet).subnet == subnet


@pytest.mark.parametrize(("ip", "subnet", "fragment"), [
    ("10.0.0.0/8", None, "put the prefix length in subnet"),
    ("300.1.1.1", None, "not an IPv4 or IPv6 address"),
    ("10.0.0.0", 33, "does not fit an IPv4 address (0-32)"),
    ("2001:db8::", 129, "does not fit an IPv6 address (0-128)"),
    ("10.0.0.0", -1, "does not fit"),
])
def test_invalid_acl_entries(ip: str, subnet: int | None, fragment: str) -> None:
    with pytest.raises(ValidationError, match=fragment.replace("(", r"\(").replace(")", r"\)")):
        AclEntry(ip=ip, subnet=subnet)


@pytest.mark.parametrize("model", [Acl, Dictionary])
def test_container_names(model: type) -> None:
    assert model(name="Block list_2").name == "Block list_2"
    for bad in ("2block", "block-list", "", "bl.ock"):
        with pytest.raises(ValidationError, match="must start with a letter"):
            model(name=bad)


def test_dictionary_item_limits() -> None:
    Dictionary(name="d", items={"k" * MAX_KEY_LENGTH: "v" * MAX_VALUE_LENGTH})
    with pytest.raises(ValidationError):
        Dictionary(name="d", items={"k" * (MAX_KEY_LENGTH + 1): "v"})
    with pytest.raises(ValidationError):
        Dictionary(name="d", items={"k": "v" * (MAX_VALUE_LENGTH + 1)})
    with pytest.raises(ValidationError):
        Dictionary(name="d", items={"": "v"})


def test_backend_address_and_port() -> None:
    for ok in ("origin.example.com", "192.0.2.10", "2001:db8::1", "my_bucket.s3.amazonaws.com"):
        assert Backend(name="b", address=ok).address == ok
    for bad in ("https://origin.example.com", "origin.example.com/path", "origin:8080", "a b"):
        with pytest.raises(ValidationError):
            Backend(name="b", address=bad)
    for port in (-1, 65536):  # 0 is allowed: the API then picks 80 or 443
        with pytest.raises(ValidationError):
            Backend(name="b", address="a.example.com", port=port)


def test_https_logging_needs_https() -> None:
    assert LoggingHttps(name="h", url="https://logs.example.com/in").url
    with pytest.raises(ValidationError, match="https:// URL"):
        LoggingHttps(name="h", url="http://logs.example.com/in")


def test_director_type_by_name() -> None:
    assert [Director(name="d", type=t).type for t in ("random", "hash", "client", "3", 4)] == [
        1, 3, 4, 3, 4]


def test_gzip_defaults_are_what_the_api_stores() -> None:
    gzip = Gzip(name="g")
    assert gzip.extensions == "css js html eot ico otf ttf json"
    assert gzip.content_types.startswith("text/html application/x-javascript text/css")


def test_every_field_documents_its_default() -> None:
    """Issue 3: each optional field says what the API's default is, next to the field."""
    for kind in KINDS.values():
        for name, info in kind.model.model_fields.items():
            if name == "name":
                continue  # the key, declared once in NamedModel
            assert info.description, f"{kind.name}.{name} has no description"
            if not info.is_required() and name not in kind.spec_only | {"content", "items",
                                                                         "entries"}:
                assert "default" in info.description.lower(), f"{kind.name}.{name}"


def test_api_defaults() -> None:
    """The defaults the real API stores (recorded responses) are the model defaults."""
    expected = {
        "backend": {"port": 80, "weight": 100, "max_conn": 200, "first_byte_timeout": 15000,
                    "between_bytes_timeout": 10000, "connect_timeout": 1000,
                    "ssl_check_cert": True, "use_ssl": False},
        "settings": {"default_ttl": 3600, "stale_if_error": False, "stale_if_error_ttl": 43200},
        "healthcheck": {"method": "HEAD", "path": "/", "http_version": "1.1",
                        "expected_response": 200},
        "condition": {"priority": 10},
        "header": {"priority": 100, "ignore_if_set": False},
        "snippet": {"priority": 100, "dynamic": False},
        "director": {"quorum": 75, "retries": 5, "capacity": 100, "type": 1},
        "response_object": {"status": 200, "response": "Ok"},
        "logging_syslog": {"port": 514, "format_version": 2, "log_processing_region": "none"},
        "logging_s3": {"period": 3600, "gzip_level": 0, "domain": "s3.amazonaws.com",
                       "file_max_bytes": 0},
    }
    for kind_name, fields in expected.items():
        defaults = KINDS[kind_name].defaults()
        for field, value in fields.items():
            assert defaults[field] == value, (kind_name, field)


def test_healthcheck_headers_take_the_api_spelling() -> None:
    """The API stores `Name: value` sorted; a spec written `X-A:1` must compare equal."""
    check = Healthcheck(name="hc", host="h.example.com", headers=["Foo:Bar", "Baz:  Qux"])
    assert check.headers == ["Baz: Qux", "Foo: Bar"]
    assert Healthcheck(name="hc", host="h", headers=check.headers).headers == check.headers


def test_detached_storage_names_real_boolean_flags() -> None:
    """Every `Kind.storage` entry names a model field; its flags are boolean fields."""
    for kind in KINDS.values():
        fields = kind.model.model_fields
        for declared in kind.storage:
            assert declared.field in fields, (kind.name, declared.field)
            for flag in (declared.when, declared.hidden_by):
                if flag is not None:
                    assert fields[flag].annotation is bool, (kind.name, flag)
    assert KINDS["dictionary"].hides(Dictionary(name="d", write_only=True))
    assert not KINDS["dictionary"].hides(Dictionary(name="d"))
