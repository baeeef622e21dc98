"""Every response the emulator gives deserializes under the official SDK's strict types."""

from __future__ import annotations

from typing import Any

import pytest
from emulator.samples import minimal_body, named_kinds

from fastlysync.kinds import KINDS, Kind

from .sdk_mode import sdk_emulator, sdk_emulator_server  # noqa: F401  (SDK wire mode)
from .sdk_oracle import check, kind_item_path, response_type


def _service(client: Any) -> str:
    return str(client.post("/service", data={"name": "typed"}).json()["id"])


@pytest.mark.parametrize("kind", named_kinds(KINDS), ids=lambda k: k.name)
def test_kind_responses_match_sdk_types(emulator: Any, kind: Kind) -> None:
    client = emulator.client()
    sid = _service(client)
    base = f"/service/{sid}/version/1/{kind.api_path}"
    _path, declared = kind_item_path(kind.api_path)
    created = client.post(base, data=minimal_body(kind))
    assert created.status_code == 200, created.text
    # the create answer's own declared type (kafka's LoggingKafkaResponsePost differs)
    check(response_type("POST", f"/service/{{service_id}}/version/{{version_id}}/"
                                f"{kind.api_path}"), created.json())
    name = created.json()["name"]
    got = client.get(f"{base}/{name}")
    check(declared, got.json())
    listed = client.get(base).json()
    check(([declared[0]],), listed)
    details = client.get(f"/service/{sid}/details").json()
    check(response_type("GET", "/service/{service_id}/details"), details)


@pytest.mark.parametrize("kind", [k for k in KINDS.values()
                                  if k.singleton and k.access == "standard"],
                         ids=lambda k: k.name)
def test_singleton_responses_match_sdk_types(emulator: Any, kind: Kind) -> None:
    client = emulator.client()
    sid = _service(client)
    path = f"/service/{{service_id}}/version/{{version_id}}/{kind.api_path}"
    declared = response_type("GET", path)
    url = f"/service/{sid}/version/1/{kind.api_path}"
    check(declared, client.get(url).json())
    check(declared, client.put(url, data={}).json())


def test_service_and_version_responses_match_sdk_types(emulator: Any) -> None:
    client = emulator.client()
    created = client.post("/service", data={"name": "typed", "comment": "c"})
    check(response_type("POST", "/service"), created.json())
    sid = created.json()["id"]
    check(response_type("GET", "/service"), client.get("/service").json())
    check(response_type("GET", "/service/{service_id}"), client.get(f"/service/{sid}").json())
    check(response_type("GET", "/service/search"),
          client.get("/service/search", params={"name": "typed"}).json())
    version_path = "/service/{service_id}/version/{version_id}"
    check(response_type("PUT", version_path + "/clone"),
          client.put(f"/service/{sid}/version/1/clone").json())
    check(response_type("POST", "/service/{service_id}/version"),
          client.post(f"/service/{sid}/version").json())
    check(response_type("GET", "/service/{service_id}/version"),
          client.get(f"/service/{sid}/version").json())
    check(response_type("GET", version_path + "/validate"),
          client.get(f"/service/{sid}/version/2/validate").json())
    check(response_type("PUT", version_path + "/activate"),
          client.put(f"/service/{sid}/version/2/activate").json())
    check(response_type("PUT", version_path + "/lock"),
          client.put(f"/service/{sid}/version/1/lock").json())
    check(response_type("PUT", version_path + "/deactivate"),
          client.put(f"/service/{sid}/version/2/deactivate").json())
    check(response_type("GET", "/service/{service_id}/details"),
          client.get(f"/service/{sid}/details", params={"version": "2"}).json())
