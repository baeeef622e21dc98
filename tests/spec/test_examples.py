"""The committed examples in services/ and vcl/ validate and say what they claim."""

from __future__ import annotations

import re
from pathlib import Path

from fastlysync.spec import load_specs

ROOT = Path(__file__).resolve().parents[2]
ENV = {"SHOP_DATADOG_API_KEY": "dd-test-key-0001"}


def loaded() -> dict[str, object]:
    result = load_specs(root=ROOT, env=ENV)
    assert result.ok, [str(e) for e in result.errors]
    return {s.name: s for s in result.services}


def test_examples_validate() -> None:
    assert set(loaded()) == {"personal-site", "shop-staging", "shop-production"}


def test_examples_need_their_secret() -> None:
    result = load_specs(root=ROOT, env={})
    assert [e.message for e in result.errors] == [
        "environment variable SHOP_DATADOG_API_KEY is not set "
        "(referenced as ${env:SHOP_DATADOG_API_KEY})"]


def test_personal_site() -> None:
    site = loaded()["personal-site"].service
    assert [d.name for d in site.domains] == ["www.jdoe.dev"]
    [backend] = site.backends
    assert "s3-website" in backend.address and backend.override_host == backend.address
    [vcl] = site.vcls
    assert vcl.main and vcl.file == "main.vcl"
    text = vcl.content
    for sub in ("recv", "hash", "hit", "miss", "pass", "fetch", "error", "deliver", "log"):
        assert re.search(rf"sub vcl_{sub} \{{\n(.*\n)*?#FASTLY {sub}\n", text), sub
    recv = text[text.index("sub vcl_recv"):text.index("sub vcl_hash")]
    assert 'req.url.path ~ "^/blog(/|$)"' in recv and "error 666" in recv
    error = text[text.index("sub vcl_error"):text.index("sub vcl_deliver")]
    assert "obj.status == 666" in error and "set obj.status = 307;" in error
    assert "obj.http.Location" in error and 'obj.http.Cache-Control = "no-cache"' in error
    assert "return(deliver);" in error


def test_shop_uses_environments_and_every_feature() -> None:
    services = loaded()
    staging, production = services["shop-staging"], services["shop-production"]
    assert staging.environment == "staging" and production.environment == "production"
    shop = production.service
    assert shop.dictionaries[0].items and shop.acls[0].entries and shop.snippets
    assert any(h.request_condition or h.response_condition for h in shop.headers)
    assert shop.logging_datadog[0].token == ENV["SHOP_DATADOG_API_KEY"]
    assert ENV["SHOP_DATADOG_API_KEY"] in production.secrets
    assert staging.service.backends[0].address.startswith("staging-")
    assert staging.service.acls[0].entries == []
