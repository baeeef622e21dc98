"""Every fastly-py (15.0.0) method a client calls on a VCL service, against the emulator.

Each call goes through the SDK end to end: its argument checks, its request encoding, then its
strict response types (SDK wire mode, see `sdk_mode`). The per-kind sweeps create, list,
read, update and delete every named versioned kind through the SDK's own methods, once with
the usual fields and once with every field the SDK's create method takes; the other tests
call the versionless, singleton and service-level methods in the order a client would.
`test_every_method_is_swept` keeps the list of covered methods honest: each method of the SDK
classes in `SWEPT` is called by some test here.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import fastly
import pytest
from emulator.samples import _required_value, minimal_body, named_kinds
from fastly.api import (
    acl_api,
    acl_entry_api,
    backend_api,
    dictionary_api,
    dictionary_info_api,
    dictionary_item_api,
    diff_api,
    director_api,
    director_backend_api,
    domain_api,
    http3_api,
    image_optimizer_default_settings_api,
    purge_api,
    rate_limiter_api,
    service_api,
    settings_api,
    snippet_api,
    tokens_api,
    vcl_api,
    vcl_diff_api,
    version_api,
)
from fastly.api_client import Endpoint
from fastly.exceptions import NotFoundException
from fastly.model.acl_entry import AclEntry
from fastly.model.bot_management_request_update_configuration import (
    BotManagementRequestUpdateConfiguration,
)
from fastly.model.bulk_update_acl_entries_request import BulkUpdateAclEntriesRequest
from fastly.model.bulk_update_acl_entry import BulkUpdateAclEntry
from fastly.model.bulk_update_dictionary_item import BulkUpdateDictionaryItem
from fastly.model.bulk_update_dictionary_list_request import BulkUpdateDictionaryListRequest
from fastly.model.create_response_object_request import CreateResponseObjectRequest
from fastly.model.ddos_protection_request_enable_mode import DdosProtectionRequestEnableMode
from fastly.model.ddos_protection_request_update_configuration import (
    DdosProtectionRequestUpdateConfiguration,
)
from fastly.model.default_settings import DefaultSettings
from fastly.model.environment_name import EnvironmentName
from fastly.model.inline_object import InlineObject
from fastly.model.inline_object1 import InlineObject1
from fastly.model.ngwaf_request_enable import NgwafRequestEnable
from fastly.model.ngwaf_request_update_configuration import NgwafRequestUpdateConfiguration
from fastly.model.purge_response import PurgeResponse
from fastly.model_utils import ModelSimple

from fastlysync.kinds import KINDS, Kind
from fastlysync.kinds.product_enablement import PRODUCTS

from .sdk_mode import sdk_client, sdk_emulator, sdk_emulator_server, sdk_typed  # noqa: F401  (SDK wire mode)
from .sdk_oracle import _operations, endpoints, kind_item_path


class Recorder:
    """Calls of the SDK's own methods on one client."""

    def __init__(self, client: fastly.ApiClient) -> None:
        self.client = client

    def call(self, api: Any, method: str, /, **kwargs: Any) -> Any:
        """`api.method(**kwargs)`, each argument in the Python type the SDK declares for it."""
        declared = vars(api)[f"{method}_endpoint"].openapi_types
        return getattr(api, method)(**{key: _as_declared(value, declared.get(key, ()))
                                       for key, value in kwargs.items()})

    def op(self, http_method: str, path: str) -> tuple[Any, str]:
        """The SDK's API object and method name for the operation at `path`."""
        for api, endpoint in _operations(self.client):
            settings = endpoint.settings
            if (settings["http_method"], settings["endpoint_path"]) == (http_method, path):
                return api, settings["operation_id"]
        raise KeyError(f"{http_method} {path}")

    def params(self, http_method: str, path: str) -> list[str]:
        api, method = self.op(http_method, path)
        endpoint: Endpoint = vars(api)[f"{method}_endpoint"]
        return list(endpoint.params_map["all"])


@pytest.fixture
def sdk(emulator: Any) -> Iterator[Recorder]:
    yield Recorder(sdk_client(emulator))


EXTRA: dict[str, dict[str, Any]] = {
    "backend": {"port": 443, "use_ssl": True, "ssl_cert_hostname": "origin.example.com",
                "max_conn": 200, "first_byte_timeout": 15000},
    "condition": {"priority": "10"},
    "healthcheck": {"path": "/health", "host": "origin.example.com", "check_interval": 15000,
                    "expected_response": 200},
    "header": {"action": "set", "type": "request", "src": "client.ip", "priority": "10"},
    "director": {"quorum": 75, "retries": 5},
    "cache_settings": {"ttl": 300, "stale_ttl": 60},
    "gzip": {"content_types": "text/html text/css", "extensions": "css js"},
    "snippet": {"priority": "100", "dynamic": "0"},
    "logging_kafka": {"format_version": 2, "required_acks": 1, "compression_codec": "lz4",
                      "use_tls": "1", "parse_log_keyvals": True, "request_max_bytes": 2048},
    "logging_datadog": {"region": "EU1"},
    "logging_syslog": {"port": 1234, "use_tls": "0"},
    "logging_s3": {"gzip_level": 0, "period": 3600, "path": "/logs/"},
    "logging_https": {"method": "POST", "content_type": "application/json"},
}
"""Beyond the required fields: what users commonly set on each kind."""

UPDATES: tuple[tuple[str, Any], ...] = (
    ("comment", "changed by the SDK"),
    ("format", "%h %t %r %>s"),
    ("content", "sub vcl_recv {\n#FASTLY recv\n  set req.http.X-Changed = \"1\";\n}\n"),
    ("statement", 'req.url ~ "^/changed"'),
    ("ttl", 900),
    ("content_types", "text/plain"),
    ("dst", "http.X-Changed"),
    ("xff", "overwrite"),
)
"""The field an update changes: the first of these the SDK's update method takes."""


def _as_declared(value: Any, types: tuple[Any, ...]) -> Any:
    """A number or boolean as the SDK's declared `str`, or a numeric string as its `int`."""
    if types == (str,) and isinstance(value, bool):
        return str(int(value))
    if types == (str,) and isinstance(value, int):
        return str(value)
    if types == (int,) and isinstance(value, str) and value.isdigit():
        return int(value)
    return value


def _arguments(params: list[str], body: dict[str, Any]) -> dict[str, Any]:
    """`body` as the SDK's keyword arguments for a create or update taking `params`."""
    if "create_response_object_request" in params:  # the SDK sends this one as JSON
        return {"create_response_object_request": CreateResponseObjectRequest(**body)}
    return {key: value for key, value in body.items() if key in params}


@pytest.mark.parametrize("kind", named_kinds(KINDS), ids=lambda k: k.name)
def test_kind_create_list_get_update_delete(sdk: Recorder, emulator: Any, kind: Kind) -> None:
    sid = emulator.create_service(f"sweep-{kind.name}")["id"]
    collection = f"/service/{{service_id}}/version/{{version_id}}/{kind.api_path}"
    item_path, _declared = kind_item_path(kind.api_path)
    key = item_path.rsplit("{", 1)[1].rstrip("}")
    body = {**sdk_typed(kind, minimal_body(kind)), **EXTRA.get(kind.name, {})}
    if kind.name == "director":  # a director's members must exist
        emulator.client().post(f"/service/{sid}/version/1/backend",
                               data={"name": "member", "address": "127.0.0.3"})
    version = {"service_id": sid, "version_id": 1}

    create_params = sdk.params("POST", collection)
    created = sdk.call(*sdk.op("POST", collection), **version,
                       **_arguments(create_params, body))
    name = created.name
    if "name" in create_params or "create_response_object_request" in create_params:
        assert name == body["name"]
    for field, value in EXTRA.get(kind.name, {}).items():
        assert str(getattr(created, field)) in (str(value), str(int(value))
                                                if isinstance(value, bool) else str(value))

    listed = sdk.call(*sdk.op("GET", collection), **version)
    assert [item.name for item in getattr(listed, "value", listed)] == [name]
    got = sdk.call(*sdk.op("GET", item_path), **version, **{key: name})
    assert got.name == name

    update_params = sdk.params("PUT", item_path) if ("PUT", item_path) in _paths() else []
    if update_params:
        change = next(((f, v) for f, v in UPDATES if f in update_params
                       and f in kind.model.model_fields), None)
        arguments = _arguments(update_params, {**body, **dict([change])}) if change and \
            "create_response_object_request" in update_params else \
            _arguments(update_params, dict([change]) if change else {})
        updated = sdk.call(*sdk.op("PUT", item_path), **version, **{key: name}, **arguments)
        assert updated.name == name
        if change:
            field, value = change
            assert str(getattr(updated, field)) == str(value)
            again = sdk.call(*sdk.op("GET", item_path), **version, **{key: name})
            assert str(getattr(again, field)) == str(value)

    deleted = sdk.call(*sdk.op("DELETE", item_path), **version, **{key: name})
    assert deleted.status == "ok"
    listed = sdk.call(*sdk.op("GET", collection), **version)
    assert list(getattr(listed, "value", listed)) == []


def _paths() -> set[tuple[str, str]]:
    return set(endpoints())


MAIN_VCL = "sub vcl_recv {\n#FASTLY recv\n  set req.http.X-Sweep = \"1\";\n}\n"


def test_service_and_version_methods(sdk: Recorder) -> None:
    services = service_api.ServiceApi(sdk.client)
    versions = version_api.VersionApi(sdk.client)
    created = sdk.call(services, "create_service", name="sweep", comment="first", type="vcl")
    sid = created.id
    assert created.type == "vcl" and created.versions[0].number == 1
    assert [s.id for s in sdk.call(services, "list_services", page=1, per_page=20,
                                   sort="created", direction="ascend")] == [sid]
    assert sdk.call(services, "get_service", service_id=sid).comment == "first"
    assert sdk.call(services, "update_service", service_id=sid, comment="second",
                    name="sweep-renamed").name == "sweep-renamed"
    assert sdk.call(services, "search_service", name="sweep-renamed").id == sid

    assert sdk.call(versions, "update_service_version", service_id=sid, version_id=1,
                    comment="v1").comment == "v1"
    assert sdk.call(versions, "get_service_version", service_id=sid, version_id=1).number == 1
    made = sdk.call(versions, "create_service_version", service_id=sid)
    assert made.number == 2
    domains = domain_api.DomainApi(sdk.client)
    sdk.call(domains, "create_domain", service_id=sid, version_id=1, name="sweep.example.com")
    checked = sdk.call(domains, "check_domain", service_id=sid, version_id=1,
                       domain_name="sweep.example.com")
    assert checked.value[0]["name"] == "sweep.example.com"
    assert len(sdk.call(domains, "check_domains", service_id=sid, version_id=1).value) == 1
    assert sdk.call(versions, "validate_service_version", service_id=sid,
                    version_id=1).status == "ok"
    active = sdk.call(versions, "activate_service_version", service_id=sid, version_id=1)
    assert active.active is True and active.locked is True
    clone = sdk.call(versions, "clone_service_version", service_id=sid, version_id=1)
    assert clone.number == 3 and clone.active is False
    staged = sdk.call(versions, "activate_service_version_environment", service_id=sid,
                      version_id=3, environment_name=EnvironmentName("staging"))
    assert staged.staging is True
    unstaged = sdk.call(versions, "deactivate_service_version_environment", service_id=sid,
                        version_id=3, environment_name=EnvironmentName("staging"))
    assert unstaged.staging is False
    assert sdk.call(versions, "lock_service_version", service_id=sid, version_id=2).locked
    assert [v.number for v in sdk.call(versions, "list_service_versions", service_id=sid)] \
        == [1, 2, 3]
    listed = sdk.call(services, "list_service_domains", service_id=sid)
    assert [d.name for d in listed] == ["sweep.example.com"]
    detail = sdk.call(services, "get_service_detail", service_id=sid, version=3,
                      filter_versions_active=True)
    assert detail.version.number == 3 and detail.active_version.number == 1
    assert sdk.call(versions, "deactivate_service_version", service_id=sid,
                    version_id=1).active is False
    assert sdk.call(services, "delete_service", service_id=sid).status == "ok"
    assert sdk.call(services, "list_services") == []


def test_version_singletons_and_rate_limiters(sdk: Recorder, emulator: Any) -> None:
    sid = emulator.create_service("sweep-singletons")["id"]
    version = {"service_id": sid, "version_id": 1}
    settings = settings_api.SettingsApi(sdk.client)
    assert sdk.call(settings, "get_service_settings", **version).general_default_ttl == 3600
    changed = sdk.call(settings, "update_service_settings", **version, general_default_ttl=60,
                       general_default_host="origin.example.com", general_stale_if_error=True,
                       general_stale_if_error_ttl=7200)
    assert changed.general_default_ttl == 60 and changed.general_stale_if_error is True

    http3 = http3_api.Http3Api(sdk.client)
    assert sdk.call(http3, "create_http3", **version).service_id == sid
    assert sdk.call(http3, "get_http3", **version).version == 1
    assert sdk.call(http3, "delete_http3", **version).status == "ok"
    with pytest.raises(fastly.ApiException) as gone:
        sdk.call(http3, "get_http3", **version)
    assert gone.value.status == 404

    images = image_optimizer_default_settings_api.ImageOptimizerDefaultSettingsApi(sdk.client)
    assert sdk.call(images, "get_default_settings", **version).webp is False
    patched = sdk.call(images, "update_default_settings", **version,
                       default_settings=DefaultSettings(webp=True, webp_quality=80,
                                                        resize_filter="bicubic"))
    assert patched.webp is True and patched.webp_quality == 80

    limiters = rate_limiter_api.RateLimiterApi(sdk.client)
    made = sdk.call(limiters, "create_rate_limiter", **version, name="rl", rps_limit=100,
                    window_size=10, penalty_box_duration=5, action="log_only",
                    http_methods=["GET", "POST"], client_key=["req.http.Fastly-Client-IP"],
                    logger_type="syslog")
    assert made.rps_limit == 100 and made.http_methods == ["GET", "POST"]
    assert [r.id for r in sdk.call(limiters, "list_rate_limiters", **version)] == [made.id]
    assert sdk.call(limiters, "get_rate_limiter", rate_limiter_id=made.id).name == "rl"
    assert sdk.call(limiters, "update_rate_limiter", rate_limiter_id=made.id,
                    rps_limit=200).rps_limit == 200
    assert sdk.call(limiters, "delete_rate_limiter", rate_limiter_id=made.id).status == "ok"
    assert sdk.call(limiters, "list_rate_limiters", **version) == []


def test_dictionary_items_and_info(sdk: Recorder, emulator: Any) -> None:
    sid = emulator.create_service("sweep-dict")["id"]
    dictionary = sdk.call(dictionary_api.DictionaryApi(sdk.client), "create_dictionary",
                          service_id=sid, version_id=1, name="paths")
    items = dictionary_item_api.DictionaryItemApi(sdk.client)
    where = {"service_id": sid, "dictionary_id": dictionary.id}
    assert sdk.call(items, "create_dictionary_item", **where, item_key="/a",
                    item_value="1").item_value == "1"
    assert sdk.call(items, "get_dictionary_item", **where,
                    dictionary_item_key="/a").item_key == "/a"
    assert sdk.call(items, "update_dictionary_item", **where, dictionary_item_key="/a",
                    item_key="/a", item_value="2").item_value == "2"
    assert sdk.call(items, "upsert_dictionary_item", **where, dictionary_item_key="/b",
                    item_key="/b", item_value="3").item_value == "3"
    sdk.call(items, "bulk_update_dictionary_item", **where,
             bulk_update_dictionary_list_request=BulkUpdateDictionaryListRequest(items=[
                 BulkUpdateDictionaryItem(op="upsert", item_key="/c", item_value="4")]))
    assert sdk.call(items, "delete_dictionary_item", **where,
                    dictionary_item_key="/b").status == "ok"
    listed = sdk.call(items, "list_dictionary_items", **where, page=1, per_page=100,
                      sort="item_key", direction="ascend")
    assert [(i.item_key, i.item_value) for i in listed] == [("/a", "2"), ("/c", "4")]
    info = sdk.call(dictionary_info_api.DictionaryInfoApi(sdk.client), "get_dictionary_info",
                    service_id=sid, version_id=1, dictionary_id=dictionary.id)
    assert info.item_count == 2


def test_acl_entries(sdk: Recorder, emulator: Any) -> None:
    sid = emulator.create_service("sweep-acl")["id"]
    acl = sdk.call(acl_api.AclApi(sdk.client), "create_acl", service_id=sid, version_id=1,
                   name="blocked")
    entries = acl_entry_api.AclEntryApi(sdk.client)
    where = {"service_id": sid, "acl_id": acl.id}
    entry = sdk.call(entries, "create_acl_entry", **where,
                     acl_entry=AclEntry(ip="192.0.2.0", subnet=24, negated=0, comment="net"))
    assert entry.subnet == 24
    assert sdk.call(entries, "get_acl_entry", **where, acl_entry_id=entry.id).ip == "192.0.2.0"
    assert sdk.call(entries, "update_acl_entry", **where, acl_entry_id=entry.id,
                    acl_entry=AclEntry(negated=1)).negated == 1
    sdk.call(entries, "bulk_update_acl_entries", **where,
             bulk_update_acl_entries_request=BulkUpdateAclEntriesRequest(entries=[
                 BulkUpdateAclEntry(op="create", ip="198.51.100.7", subnet=32)]))
    listed = sdk.call(entries, "list_acl_entries", **where, page=1, per_page=100,
                      sort="created", direction="ascend")
    assert sorted(e.ip for e in listed) == ["192.0.2.0", "198.51.100.7"]
    assert sdk.call(entries, "delete_acl_entry", **where, acl_entry_id=entry.id).status == "ok"
    assert [e.ip for e in sdk.call(entries, "list_acl_entries", **where)] == ["198.51.100.7"]


def test_director_members_and_dynamic_snippets(sdk: Recorder, emulator: Any) -> None:
    sid = emulator.create_service("sweep-members")["id"]
    version = {"service_id": sid, "version_id": 1}
    sdk.call(backend_api.BackendApi(sdk.client), "create_backend", **version, name="b1",
             address="127.0.0.4")
    sdk.call(director_api.DirectorApi(sdk.client), "create_director", **version, name="pool",
             type=1, quorum=50)
    members = director_backend_api.DirectorBackendApi(sdk.client)
    where = {**version, "director_name": "pool", "backend_name": "b1"}
    assert sdk.call(members, "create_director_backend", **where).backend_name == "b1"
    assert sdk.call(members, "get_director_backend", **where).director == "pool"
    assert sdk.call(members, "delete_director_backend", **where).status == "ok"

    snippets = snippet_api.SnippetApi(sdk.client)
    dynamic = sdk.call(snippets, "create_snippet", **version, name="dyn", type="recv",
                       dynamic="1", content='set req.http.X-Dyn = "1";', priority="50")
    assert sdk.call(snippets, "get_snippet_dynamic", service_id=sid,
                    id=dynamic.id).content == 'set req.http.X-Dyn = "1";'
    changed = sdk.call(snippets, "update_snippet_dynamic", service_id=sid, id=dynamic.id,
                       content='set req.http.X-Dyn = "2";')
    assert changed.content == 'set req.http.X-Dyn = "2";'


def test_vcl_generated_diff_and_lint(sdk: Recorder, emulator: Any) -> None:
    sid = emulator.create_service("sweep-vcl")["id"]
    version = {"service_id": sid, "version_id": 1}
    vcls = vcl_api.VclApi(sdk.client)
    sdk.call(backend_api.BackendApi(sdk.client), "create_backend", **version, name="o",
             address="127.0.0.5")
    sdk.call(vcls, "create_custom_vcl", **version, name="main", content=MAIN_VCL, main=False)
    assert sdk.call(vcls, "set_custom_vcl_main", **version, vcl_name="main").main is True
    assert sdk.call(vcls, "get_custom_vcl", **version, vcl_name="main",
                    no_content="1").name == "main"
    assert sdk.call(vcls, "get_custom_vcl_raw", **version, vcl_name="main") == MAIN_VCL
    assert "X-Sweep" in sdk.call(vcls, "get_custom_vcl_highlighted", **version,
                                 vcl_name="main").content
    assert "backend F_o" in sdk.call(vcls, "get_custom_vcl_generated", **version).content
    assert "F_o" in sdk.call(vcls, "get_custom_vcl_generated_highlighted", **version).content
    assert "#FASTLY recv" in sdk.call(vcls, "get_custom_vcl_boilerplate", **version)
    good = sdk.call(vcls, "lint_vcl_for_service", service_id=sid,
                    inline_object=InlineObject(vcl=MAIN_VCL))
    assert good.data.attributes.status == "ok" and good.data.attributes.errors == []
    bad = sdk.call(vcls, "lint_vcl_default", inline_object1=InlineObject1(
        vcl="sub vcl_recv {\n  set req.http.X = ;\n}\n"))
    assert bad.data.attributes.status == "error" and "Syntax error" in bad.data.attributes.errors[0]

    version_api.VersionApi(sdk.client).clone_service_version(**version)
    sdk.call(vcls, "update_custom_vcl", service_id=sid, version_id=2, vcl_name="main",
             content=MAIN_VCL.replace('"1"', '"2"'))
    diff = sdk.call(diff_api.DiffApi(sdk.client), "diff_service_versions", service_id=sid,
                    from_version_id=1, to_version_id=2, format="text")
    assert diff.to == 2 and '"2"' in diff.diff
    vcl_diff = sdk.call(vcl_diff_api.VclDiffApi(sdk.client), "vcl_diff_service_versions",
                        service_id=sid, from_version_id=1, to_version_id=2, format="text")
    assert vcl_diff._from == 1 and vcl_diff.to == 2 and '"2"' in vcl_diff.diff
    assert sdk.call(vcls, "list_custom_vcl", service_id=sid, version_id=2)[0].main is True
    assert sdk.call(vcls, "delete_custom_vcl", service_id=sid, version_id=2,
                    vcl_name="main").status == "ok"


def test_purge_and_token(sdk: Recorder, emulator: Any) -> None:
    sid = emulator.create_service("sweep-purge")["id"]
    purges = purge_api.PurgeApi(sdk.client)
    assert sdk.call(purges, "purge_all", service_id=sid).status == "ok"
    assert sdk.call(purges, "purge_tag", service_id=sid, surrogate_key="k1",
                    fastly_soft_purge=1).status == "ok"
    keys = sdk.call(purges, "bulk_purge_tag", service_id=sid,
                    purge_response=PurgeResponse(surrogate_keys=["k1", "k2"]))
    assert set(keys.to_dict()) == {"k1", "k2"}
    assert sdk.call(purges, "purge_single_url", cached_url="www.example.com/a",
                    fastly_soft_purge=1).status == "ok"
    assert sdk.call(tokens_api.TokensApi(sdk.client), "get_token_current").scope == "global"
    counted = emulator.admin.counters()["requests"]
    assert [counted[f"POST {label}"] for label in ("purge_all", "purge/key", "purge/keys",
                                                   "purge/url")] == [1, 1, 1, 1]


PRODUCT_BODIES: dict[str, dict[str, Any]] = {
    "enable_product_ddos_protection": {"ddos_protection_request_enable_mode":
                                       DdosProtectionRequestEnableMode(mode="log")},
    "enable_product_ngwaf": {"ngwaf_request_enable": NgwafRequestEnable(workspace_id="ws1")},
    "set_product_ddos_protection_configuration": {
        "ddos_protection_request_update_configuration":
        DdosProtectionRequestUpdateConfiguration(mode="block")},
    "set_product_ngwaf_configuration": {"ngwaf_request_update_configuration":
                                        NgwafRequestUpdateConfiguration(traffic_ramp="50")},
    "set_product_bot_management_configuration": {
        "bot_management_request_update_configuration":
        BotManagementRequestUpdateConfiguration(contentguard="true")},
}
"""The request bodies the product methods that take one need."""


def _product_api(product: str) -> Any:
    module = importlib.import_module(f"fastly.api.product_{product}_api")
    camel = "".join(part.title() for part in product.split("_"))
    return getattr(module, f"Product{camel}Api")


@pytest.mark.parametrize("product", PRODUCTS)
def test_product_methods(sdk: Recorder, emulator: Any, product: str) -> None:
    sid = emulator.create_service(f"sweep-{product}")["id"]
    api = _product_api(product)(sdk.client)
    methods = {name for name in vars(api) if name.endswith("_endpoint")}
    name = product

    def call(method: str, **kwargs: Any) -> Any:
        methods.discard(f"{method}_endpoint")
        return sdk.call(api, method, **kwargs)

    enabled = call(f"enable_product_{name}", service_id=sid,
                   **PRODUCT_BODIES.get(f"enable_product_{name}", {}))
    assert enabled.product.id == product and enabled.service.id == sid
    assert call(f"get_product_{name}", service_id=sid).product.id == product
    listed = call(f"get_services_product_{name}")
    assert listed.services == [sid] and listed.product.id == product
    if f"get_product_{name}_configuration_endpoint" in methods:
        setter = f"set_product_{name}_configuration"
        configured = call(setter, service_id=sid, **PRODUCT_BODIES[setter])
        assert configured.product.id == product
        # the answer echoes what was set (recorded: ngwaf's PATCH answers traffic_ramp
        # alone); the configuration read back holds it, with what enabling set
        read = call(f"get_product_{name}_configuration", service_id=sid).configuration
        assert configured.configuration.to_dict().items() <= read.to_dict().items()
    call(f"disable_product_{name}", service_id=sid)
    with pytest.raises(fastly.ApiException) as off:
        call(f"get_product_{name}", service_id=sid)
    assert off.value.status in (400, 404)
    assert methods == set(), "product methods not swept"


SWEPT = ("service", "version", "backend", "domain", "healthcheck", "condition", "header", "gzip",
         "cache_settings", "request_settings", "response_object", "snippet", "vcl", "vcl_diff",
         "diff", "dictionary", "dictionary_item", "dictionary_info", "acl", "acl_entry",
         "director", "director_backend", "settings", "rate_limiter", "http3",
         "image_optimizer_default_settings", "purge",
         *(f"logging_{kind.api_path.split('/')[1]}" for kind in KINDS.values()
           if kind.api_path.startswith("logging/")),
         *(f"product_{product}" for product in PRODUCTS))
"""`fastly.api.<name>_api` modules whose every method a client may call on a VCL service."""
ALSO_SWEPT = ("TokensApi.get_token_current",)
"""Single methods of classes that are otherwise about the account, not a service."""


def _swept_methods() -> set[str]:
    found = set(ALSO_SWEPT)
    client = fastly.ApiClient(fastly.Configuration())
    for name in SWEPT:
        module = importlib.import_module(f"fastly.api.{name}_api")
        for attr, cls in vars(module).items():
            if attr.endswith("Api") and isinstance(cls, type) and \
                    cls.__module__ == module.__name__:
                found |= {f"{attr}.{value.settings['operation_id']}"
                          for value in vars(cls(client)).values()
                          if isinstance(value, Endpoint)}
    return found


def test_every_method_is_swept() -> None:
    """Each method of `SWEPT` is called here: by name, or by the per-kind sweep's paths."""
    source = Path(__file__).read_text()
    recorder = Recorder(fastly.ApiClient(fastly.Configuration()))
    by_kind: set[str] = set()
    for kind in named_kinds(KINDS):
        collection = f"/service/{{service_id}}/version/{{version_id}}/{kind.api_path}"
        item = kind_item_path(kind.api_path)[0]
        for method, path in (("POST", collection), ("GET", collection), ("GET", item),
                             ("PUT", item), ("DELETE", item)):
            if (method, path) in _paths():
                api, name = recorder.op(method, path)
                by_kind.add(f"{type(api).__name__}.{name}")
    products = {f"{type(api).__name__}.{name[:-len('_endpoint')]}"
                for product in PRODUCTS for api in [_product_api(product)(recorder.client)]
                for name in vars(api) if name.endswith("_endpoint")}
    swept = _swept_methods()
    named = {method for method in swept if f'"{method.split(".")[1]}"' in source}
    missing = swept - by_kind - products - named
    assert not missing, f"SDK methods no test here calls: {sorted(missing)}"
    assert len(swept) > 300


NOT_SENT = frozenset({"service_id", "version_id", "service_id2", "version", "created_at",
                      "deleted_at", "updated_at", "id", "locked", "backends", "share_key",
                      "compression_codec", "iam_role", "request_condition",
                      "response_condition", "cache_condition", "healthcheck", "shield",
                      "placement"})
"""Create arguments the every-field sweep leaves out: path and read-only fields; references
to other objects; director `backends` (members are added with `DirectorBackendApi`);
`compression_codec` and `iam_role`, which exclude `gzip_level` and the access keys."""
REFERENCE_VALUES = {"headers": ["X-Check: 1"], "status": "200"}
"""Values by field name where the SDK's type alone does not say what is valid."""
NOT_ECHOED = {"hostname": "mirrors `address` (every recording of backends and syslogs)",
              "client_cert": "unused: the API answers null (the backend recordings)",
              "ipv4": "answered null: no recording shows the API keeping a given one",
              "ipv6": "answered null: no recording shows the API keeping a given one",
              "ssl_hostname": "deprecated for ssl_cert_hostname/ssl_sni_hostname: null"}
"""Fields a read does not give back as sent, as the real API does."""


def _sdk_value(endpoint: Endpoint, param: str, kind: Kind) -> Any:
    """A value the SDK accepts for `param` (its enum, type and bounds) that the kind's
    declaration accepts too."""
    declared = endpoint.openapi_types[param][0]
    allowed = endpoint.allowed_values.get((param,))
    if allowed:
        return _first(allowed)
    if isinstance(declared, type) and issubclass(declared, ModelSimple):
        return declared(sorted(declared.allowed_values[("value",)].values())[0])
    bounds = endpoint.validations.get((param,), {})
    if declared is bool:
        return True
    if isinstance(declared, list):
        return REFERENCE_VALUES.get(param, ["x"])
    if "inclusive_minimum" in bounds:
        return _as_declared(int(bounds["inclusive_minimum"]), (declared,))
    if param in kind.model.model_fields:
        value = _required_value(kind, param)
        annotation = str(kind.model.model_fields[param].annotation)
        if value == "sample" and ("bool" in annotation or "int" in annotation):
            value = "1"
        return _as_declared(value, (declared,))
    return 1 if declared is int else f"sweep-{param}"


def _same(sent: Any, got: Any) -> bool:
    if isinstance(sent, bool):
        return got in (sent, int(sent), str(int(sent)))
    return str(got) == str(getattr(sent, "value", sent))


def _every_field(sdk: Recorder, kind: Kind, **overrides: Any
                 ) -> tuple[Any, str, dict[str, Any], dict[str, Any]]:
    """The SDK's create method for `kind`, the values of every field it takes, and those
    values as its keyword arguments."""
    collection = f"/service/{{service_id}}/version/{{version_id}}/{kind.api_path}"
    api, method = sdk.op("POST", collection)
    endpoint: Endpoint = vars(api)[f"{method}_endpoint"]
    params = endpoint.params_map["all"]
    minimal = {**sdk_typed(kind, minimal_body(kind)), **EXTRA.get(kind.name, {}), **overrides}
    if "create_response_object_request" in params:
        request_type = endpoint.openapi_types["create_response_object_request"][0]
        body = {field: minimal.get(field) or _sdk_value_model(request_type, field)
                for field in request_type.openapi_types if field not in NOT_SENT}
        return api, method, body, {"create_response_object_request": request_type(**body)}
    body = {param: minimal[param] if param in minimal else _sdk_value(endpoint, param, kind)
            for param in params if param not in NOT_SENT and not param.startswith("_")
            and param != "async_req"}
    return api, method, body, body


@pytest.mark.parametrize("kind", named_kinds(KINDS), ids=lambda k: k.name)
def test_kind_every_sdk_field(sdk: Recorder, emulator: Any, kind: Kind) -> None:
    """Create, read and update with every field the SDK's create method takes: no exception,
    and each value reads back."""
    sid = emulator.create_service(f"fields-{kind.name}")["id"]
    item_path, _declared = kind_item_path(kind.api_path)
    key = item_path.rsplit("{", 1)[1].rstrip("}")
    api, method, body, arguments = _every_field(sdk, kind)
    version = {"service_id": sid, "version_id": 1}
    created = sdk.call(api, method, **version, **arguments)
    got = sdk.call(*sdk.op("GET", item_path), **version, **{key: created.name})
    for field, value in body.items():
        if field in got and field not in NOT_ECHOED:
            assert _same(value, got[field]), (field, value, got[field])
    if ("PUT", item_path) in _paths():
        update_api, update = sdk.op("PUT", item_path)
        update_params = sdk.params("PUT", item_path)
        changed = sdk.call(update_api, update, **version, **{key: created.name},
                           **{p: v for p, v in arguments.items()
                              if p in update_params and p != key})
        assert changed.name == created.name


def _sdk_value_model(model: Any, field: str) -> Any:
    declared = model.openapi_types[field][0]
    allowed = model.allowed_values.get((field,))
    if allowed:
        return _first(allowed)
    if field in REFERENCE_VALUES:
        return REFERENCE_VALUES[field]
    return {str: f"sweep-{field}", int: 1}.get(declared)


def _first(allowed: dict[str, Any]) -> Any:
    """An enum's first set value (not its null or empty one)."""
    return sorted((v for v in allowed.values() if v not in (None, "")), key=str)[0]


def test_service_with_every_kind_and_field(sdk: Recorder, emulator: Any) -> None:
    """One version holding every kind, each with every field: what a client reads and does
    with the whole service goes through the SDK's types."""
    sid = emulator.create_service("everything")["id"]
    emulator.client().post(f"/service/{sid}/version/1/backend",
                           data={"name": "member", "address": "127.0.0.3"})
    overrides = {"vcl": {"main": True}, "domain": {"name": "everything.example.com"}}
    for kind in named_kinds(KINDS):
        api, method, _body, arguments = _every_field(sdk, kind, **overrides.get(kind.name, {}))
        sdk.call(api, method, service_id=sid, version_id=1, **arguments)
    services = service_api.ServiceApi(sdk.client)
    versions = version_api.VersionApi(sdk.client)
    detail = services.get_service_detail(service_id=sid)
    assert {b.name for b in detail.version.backends} == {"member", "backend_1"}
    assert versions.validate_service_version(service_id=sid, version_id=1).status == "ok"
    generated = vcl_api.VclApi(sdk.client).get_custom_vcl_generated(service_id=sid,
                                                                    version_id=1)
    assert "backend F_backend_1" in generated.content
    assert versions.clone_service_version(service_id=sid, version_id=1).number == 2
    assert versions.activate_service_version(service_id=sid, version_id=1).active is True
    again = services.get_service_detail(service_id=sid, version=2)
    assert again.active_version.number == 1 and again.version.number == 2
    assert len(again.version.vcls) == 1 and len(again.version.headers) == 1
    diff = diff_api.DiffApi(sdk.client).diff_service_versions(
        service_id=sid, from_version_id=1, to_version_id=2)
    assert all(line.startswith(" ") for line in diff.diff.splitlines())


@pytest.mark.parametrize("kind", named_kinds(KINDS), ids=lambda k: k.name)
def test_kind_errors_and_clone(sdk: Recorder, emulator: Any, kind: Kind) -> None:
    """The SDK's exceptions for what Fastly refuses (a missing object, a duplicate name, a
    change to an active version), and an object surviving a clone."""
    sid = emulator.create_service(f"errors-{kind.name}")["id"]
    collection = f"/service/{{service_id}}/version/{{version_id}}/{kind.api_path}"
    item_path, _declared = kind_item_path(kind.api_path)
    key = item_path.rsplit("{", 1)[1].rstrip("}")
    if kind.name == "director":
        emulator.client().post(f"/service/{sid}/version/1/backend",
                               data={"name": "member", "address": "127.0.0.3"})
    api, method, _body, arguments = _every_field(sdk, kind)
    named = "name" in sdk.params("POST", collection) or \
        "create_response_object_request" in arguments
    version = {"service_id": sid, "version_id": 1}
    created = sdk.call(api, method, **version, **arguments)
    with pytest.raises(NotFoundException):
        sdk.call(*sdk.op("GET", item_path), **version, **{key: "no-such-object"})
    if named:
        with pytest.raises(fastly.ApiException) as duplicate:
            sdk.call(api, method, **version, **arguments)
        assert duplicate.value.status == 409
    versions = version_api.VersionApi(sdk.client)
    versions.clone_service_version(**version)
    copied = sdk.call(*sdk.op("GET", item_path), service_id=sid, version_id=2,
                      **{key: created.name})
    assert copied.name == created.name and str(copied.version) == "2"
    versions.lock_service_version(**version)
    with pytest.raises(fastly.ApiException) as locked:
        sdk.call(*sdk.op("DELETE", item_path), **version, **{key: created.name})
    assert locked.value.status == 422
