"""The official Python SDK (fastly==15.0.0) drives a full workflow against the emulator.

The SDK checks every response against its declared types, so these flows also prove the
emulator's field types.
"""

from __future__ import annotations

import re
from typing import Any

import fastly
import pytest
from fastly.api import (
    acl_api,
    acl_entry_api,
    backend_api,
    dictionary_api,
    dictionary_item_api,
    domain_api,
    service_api,
    snippet_api,
    vcl_api,
    version_api,
)
from fastly.model.bulk_update_acl_entries_request import BulkUpdateAclEntriesRequest
from fastly.model.bulk_update_acl_entry import BulkUpdateAclEntry
from fastly.model.bulk_update_dictionary_item import BulkUpdateDictionaryItem
from fastly.model.bulk_update_dictionary_list_request import BulkUpdateDictionaryListRequest

from .sdk_mode import sdk_client, sdk_emulator, sdk_emulator_server  # noqa: F401  (SDK wire mode)

MAIN_VCL = "sub vcl_recv {\n#FASTLY recv\n  set req.http.X-Sdk = \"1\";\n}\n"


@pytest.fixture
def sdk(emulator: Any) -> fastly.ApiClient:
    return sdk_client(emulator)


def test_full_workflow(sdk: fastly.ApiClient, emulator: Any) -> None:
    services = service_api.ServiceApi(sdk)
    versions = version_api.VersionApi(sdk)
    service = services.create_service(name="sdk-svc", comment="made by the SDK")
    sid = service.id
    clone = versions.clone_service_version(service_id=sid, version_id=1)
    assert clone.number == 2 and clone.locked is False

    backend = backend_api.BackendApi(sdk).create_backend(
        service_id=sid, version_id=2, name="origin", address="127.0.0.2", port=8080,
        use_ssl=False, connect_timeout=1000, weight=100, override_host="app.example.com")
    assert backend.port == 8080 and backend.use_ssl is False
    domain_api.DomainApi(sdk).create_domain(service_id=sid, version_id=2,
                                            name="www.example.com")
    vcls = vcl_api.VclApi(sdk)
    vcls.create_custom_vcl(service_id=sid, version_id=2, name="main", content=MAIN_VCL)
    assert vcls.set_custom_vcl_main(service_id=sid, version_id=2, vcl_name="main").main is True
    assert versions.validate_service_version(service_id=sid, version_id=2).status == "ok"
    active = versions.activate_service_version(service_id=sid, version_id=2)
    assert active.active is True and active.locked is True

    with pytest.raises(fastly.ApiException) as locked:
        domain_api.DomainApi(sdk).create_domain(service_id=sid, version_id=2, name="x.example.com")
    assert locked.value.status == 422

    detail = services.get_service_detail(service_id=sid)
    assert detail.active_version.number == 2
    assert [b.name for b in detail.active_version.backends] == ["origin"]
    assert detail.active_version.vcls[0].main is True


def test_versionless_data(sdk: fastly.ApiClient) -> None:
    sid = service_api.ServiceApi(sdk).create_service(name="data").id
    dictionary = dictionary_api.DictionaryApi(sdk).create_dictionary(
        service_id=sid, version_id=1, name="redirects")
    acl = acl_api.AclApi(sdk).create_acl(service_id=sid, version_id=1, name="blocked")
    snippet = snippet_api.SnippetApi(sdk).create_snippet(
        service_id=sid, version_id=1, name="dyn", type="recv", dynamic="1",
        content='set req.http.X-Dyn = "1";', priority="100")
    version_api.VersionApi(sdk).activate_service_version(service_id=sid, version_id=1)

    items = dictionary_item_api.DictionaryItemApi(sdk)
    items.bulk_update_dictionary_item(
        service_id=sid, dictionary_id=dictionary.id,
        bulk_update_dictionary_list_request=BulkUpdateDictionaryListRequest(items=[
            BulkUpdateDictionaryItem(op="upsert", item_key="/old", item_value="/new"),
            BulkUpdateDictionaryItem(op="create", item_key="/gone", item_value="/"),
        ]))
    items.bulk_update_dictionary_item(
        service_id=sid, dictionary_id=dictionary.id,
        bulk_update_dictionary_list_request=BulkUpdateDictionaryListRequest(items=[
            BulkUpdateDictionaryItem(op="delete", item_key="/gone")]))
    listed = items.list_dictionary_items(service_id=sid, dictionary_id=dictionary.id)
    assert [(i.item_key, i.item_value) for i in listed] == [("/old", "/new")]

    entries = acl_entry_api.AclEntryApi(sdk)
    entries.bulk_update_acl_entries(
        service_id=sid, acl_id=acl.id,
        bulk_update_acl_entries_request=BulkUpdateAclEntriesRequest(entries=[
            BulkUpdateAclEntry(op="create", ip="192.0.2.0", subnet=24, negated=0),
            BulkUpdateAclEntry(op="create", ip="198.51.100.7", subnet=32, negated=1)]))
    got = entries.list_acl_entries(service_id=sid, acl_id=acl.id)
    assert sorted((e.ip, e.subnet, e.negated) for e in got) == \
        [("192.0.2.0", 24, 0), ("198.51.100.7", 32, 1)]

    snippets = snippet_api.SnippetApi(sdk)
    updated = snippets.update_snippet_dynamic(service_id=sid, id=snippet.id,
                                              content='set req.http.X-Dyn = "2";')
    assert updated.content == 'set req.http.X-Dyn = "2";'
    assert snippets.get_snippet_dynamic(service_id=sid, id=snippet.id).content == \
        'set req.http.X-Dyn = "2";'


def test_listing_more_than_a_page(sdk: fastly.ApiClient, emulator: Any) -> None:
    services = service_api.ServiceApi(sdk)
    client = emulator.client()  # seeding through the SDK is slow; listing is what matters
    for i in range(105):
        client.post("/service", data={"name": f"bulk-{i:03d}"})
    seen: list[str] = []
    page = 1
    while True:
        data, status, headers = services.list_services(
            page=page, per_page=100, _return_http_data_only=False)
        assert status == 200
        seen += [s.name for s in data]
        if 'rel="next"' not in headers.get("Link", ""):
            break
        page = int(re.search(r'page=(\d+)[^>]*>; rel="next"', headers["Link"]).group(1))
    assert len(seen) == 105 and len(set(seen)) == 105


def test_rate_limit(sdk: fastly.ApiClient, emulator: Any) -> None:
    emulator.admin.set_rate_limit(2)
    services = service_api.ServiceApi(sdk)
    services.create_service(name="one")
    services.create_service(name="two")
    emulator.admin.reset_counters()
    with pytest.raises(fastly.ApiException) as limited:
        services.create_service(name="three")
    assert limited.value.status == 429
    assert "hourly rate limit" in limited.value.body
    assert "Retry-After" not in limited.value.headers
    assert limited.value.headers["Fastly-RateLimit-Remaining"] == "0"
    assert emulator.admin.counters()["total"] == 1  # refused once, not retried
    assert len(services.list_services()) == 2  # reads are not limited


def test_errors_surface_as_sdk_exceptions(sdk: fastly.ApiClient) -> None:
    sid = service_api.ServiceApi(sdk).create_service(name="errs").id
    backends = backend_api.BackendApi(sdk)
    with pytest.raises(fastly.ApiException) as missing:
        backends.get_backend(service_id=sid, version_id=1, backend_name="nope")
    assert missing.value.status == 404 and "Couldn't find Backend" in missing.value.body
    backends.create_backend(service_id=sid, version_id=1, name="b", address="10.0.0.1")
    with pytest.raises(fastly.ApiException) as duplicate:
        backends.create_backend(service_id=sid, version_id=1, name="b", address="10.0.0.1")
    assert duplicate.value.status == 409
    with pytest.raises(fastly.ApiException) as unknown:
        service_api.ServiceApi(sdk).get_service(service_id="doesnotexist")
    assert unknown.value.status == 400
