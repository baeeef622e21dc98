"""One file, several services: overrides merge into the base without copy-paste."""

from __future__ import annotations

from fastlysync.spec import LoadResult

BASE = """\
name: shop
domains:
  - name: shop.example.com
backends:
  - name: origin
    address: origin.example.com
    port: 443
    use_ssl: true
  - name: legacy
    address: legacy.example.com
settings:
  default_ttl: 600
  stale_if_error: true
dictionaries:
  - name: flags
    items:
      a: "1"
      b: "2"
"""


def by_env(result: LoadResult) -> dict[str | None, object]:
    assert result.ok, result.errors
    return {s.environment: s.service for s in result.services}


def test_file_without_environments_is_one_service(load) -> None:
    assert list(by_env(load(BASE))) == [None]


def test_overrides_merge_by_name_and_key(load) -> None:
    spec = BASE + """\
environments:
  staging:
    name: shop-staging
    domains:
      - name: shop.example.com
        _remove: true
      - name: staging.example.com
    backends:
      - name: origin
        address: staging-origin.example.com
      - name: legacy
        _remove: true
      - name: extra
        address: extra.example.com
    settings:
      default_ttl: 60
      stale_if_error: null
    dictionaries:
      - name: flags
        items:
          b: null
          c: "3"
  production:
    name: shop-production
"""
    services = by_env(load(spec))
    staging, production = services["staging"], services["production"]
    assert staging.name == "shop-staging" and production.name == "shop-production"
    assert [d.name for d in staging.domains] == ["staging.example.com"]
    assert [(b.name, b.address, b.port, b.use_ssl) for b in staging.backends] == [
        ("origin", "staging-origin.example.com", 443, True),
        ("extra", "extra.example.com", 80, False)]
    assert (staging.settings.default_ttl, staging.settings.stale_if_error) == (60, False)
    assert staging.dictionaries[0].items == {"a": "1", "c": "3"}
    # The base is untouched by another environment's overrides.
    assert [b.name for b in production.backends] == ["origin", "legacy"]
    assert production.settings.default_ttl == 600


def test_positions_point_into_the_override(load) -> None:
    spec = BASE + "environments:\n  dev:\n    name: shop-dev\n    backends:\n" \
                  "      - name: origin\n        port: 8443\n"
    result = load(spec)
    [loaded] = result.services
    assert loaded.locate("backends", 0, "port") == (24, 15)
    assert loaded.locate("backends", 0, "address") == (6, 14)


def test_lists_that_are_not_named_are_replaced(load) -> None:
    spec = """\
name: s
acls:
  - name: block
    entries:
      - ip: 192.0.2.1
      - ip: 192.0.2.2
environments:
  dev:
    name: s-dev
    acls:
      - name: block
        entries:
          - ip: 198.51.100.1
"""
    [dev] = by_env(load(spec)).values()
    assert [e.ip for e in dev.acls[0].entries] == ["198.51.100.1"]


def test_an_error_only_one_environment_has_is_labelled(load) -> None:
    spec = BASE + """\
environments:
  staging:
    name: shop-staging
    domains: [{name: staging.example.com}]
    backends:
      - name: origin
        port: 99999
  production:
    name: shop-production
"""
    result = load(spec)
    assert [str(e).split(":", 3)[3].strip() for e in result.errors] == [
        "environment 'staging': backend 'origin': port: Input should be less than or equal "
        "to 65535"]
    assert [s.environment for s in result.services] == ["production"]


def test_an_error_every_environment_has_is_reported_once(load) -> None:
    spec = BASE.replace("port: 443", "port: -1") + """\
environments:
  a: {name: shop-a, domains: [{name: a.example.com}]}
  b: {name: shop-b, domains: [{name: b.example.com}]}
"""
    result = load(spec)
    assert [e.message for e in result.errors] == [
        "backend 'origin': port: Input should be greater than or equal to 0"]


def test_environment_problems(load) -> None:
    spec = BASE + """\
environments:
  dev:
    name: shop-dev
    backends:
      - name: nothere
        _remove: true
  "bad name!":
    name: x
  nested:
    environments: {}
"""
    found = [e.message for e in load(spec).errors]
    assert "environment 'dev' removes backend 'nothere', which the base does not declare" in found
    assert any("environment name 'bad name!'" in m for m in found)
    assert "environments cannot be nested" in found


def test_same_name_in_two_environments(load) -> None:
    spec = BASE + "environments:\n  a: {}\n  b: {}\n"
    found = [e.message for e in load(spec).errors]
    assert any("service name 'shop' is also used at" in m for m in found)


def test_domains_cannot_be_shared_between_environments(load) -> None:
    spec = BASE + "environments:\n  a: {name: shop-a}\n  b: {name: shop-b}\n"
    found = [e.message for e in load(spec).errors]
    assert any("domain 'shop.example.com' is also declared by service 'shop-a'" in m
               for m in found)


def test_remove_outside_environments_is_explained(load) -> None:
    spec = "name: s\nbackends:\n  - name: b\n    address: b.example.com\n    _remove: true\n"
    [error] = load(spec).errors
    assert "only means something inside environments" in error.message


def test_empty_or_wrong_environments(load) -> None:
    assert [e.message for e in load(BASE + "environments:\n").errors] == [
        "environments is empty"]
    assert "must be a mapping" in load(BASE + "environments: [a]\n").errors[0].message
