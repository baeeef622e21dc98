"""The official Python SDK's own create, list and get calls for every kind: no exception.

Each call goes through fastly-py 15.0.0 end to end (its request encoding, then its strict
response types), in the emulator's SDK wire mode.
"""

from __future__ import annotations

from typing import Any

import fastly
import pytest
from emulator.samples import minimal_body, named_kinds
from fastly.model.create_response_object_request import CreateResponseObjectRequest

from fastlysync.kinds import KINDS, Kind

from .sdk_mode import sdk_client, sdk_emulator, sdk_emulator_server, sdk_typed  # noqa: F401  (SDK wire mode)
from .sdk_oracle import kind_item_path, operation

EXTRA: dict[str, dict[str, Any]] = {
    "logging_kafka": {"format_version": 2, "required_acks": 1, "compression_codec": "lz4",
                      "use_tls": "1", "parse_log_keyvals": True, "request_max_bytes": 2048},
    "logging_datadog": {"region": "EU1"},
    "request_settings": {"action": "pass", "xff": "append", "force_ssl": 1},
    "logging_syslog": {"port": 1234},
}
"""Beyond the required fields: what users set on the kinds the SDK was strictest about."""


@pytest.fixture
def sdk(emulator: Any) -> fastly.ApiClient:
    return sdk_client(emulator)


KINDS_HERE = ("condition", "domain", "acl", "dictionary", "healthcheck", "backend", "director",
              "cache_settings", "gzip", "header", "request_settings", "response_object",
              "snippet", "vcl", "logging_bigquery", "logging_datadog", "logging_gcs",
              "logging_https", "logging_kafka", "logging_s3", "logging_splunk",
              "logging_syslog")
"""The kinds this test was written for (kinds added later bring their own SDK checks: some,
like rate limiters, are addressed by id rather than by name)."""


def test_every_named_kind_of_this_test_is_registered() -> None:
    assert set(KINDS_HERE) <= {kind.name for kind in named_kinds(KINDS)}


@pytest.mark.parametrize("kind", [KINDS[name] for name in KINDS_HERE if name in KINDS],
                         ids=lambda k: k.name)
def test_sdk_create_list_get(sdk: fastly.ApiClient, emulator: Any, kind: Kind) -> None:
    sid = emulator.create_service(f"sdk-{kind.name}")["id"]
    collection = f"/service/{{service_id}}/version/{{version_id}}/{kind.api_path}"
    item_path, _declared = kind_item_path(kind.api_path)
    name_param = item_path.rsplit("{", 1)[1].rstrip("}")
    body = {**sdk_typed(kind, minimal_body(kind)), **EXTRA.get(kind.name, {})}
    create = operation(sdk, "POST", collection)
    params = create.__self__.__dict__[f"{create.__name__}_endpoint"].params_map["all"]
    if "create_response_object_request" in params:  # the SDK sends this one as JSON
        arguments: dict[str, Any] = {"create_response_object_request":
                                     CreateResponseObjectRequest(**body)}
    elif "name" not in params:  # fastly-py 15 declares no fields for request settings
        arguments = {}
    else:
        arguments = body
    created = create(service_id=sid, version_id=1, **arguments)
    name = created.name
    assert name == body["name"] or not arguments
    listed = operation(sdk, "GET", collection)(service_id=sid, version_id=1)
    assert [item.name for item in getattr(listed, "value", listed)] == [name]
    got = operation(sdk, "GET", item_path)(service_id=sid, version_id=1, **{name_param: name})
    assert got.name == name
    if not arguments:
        return
    for field, value in EXTRA.get(kind.name, {}).items():
        assert str(getattr(got, field)) in (str(value), "1" if value is True else str(value))
