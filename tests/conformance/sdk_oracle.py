"""The official SDK (fastly==15.0.0) as a type oracle: which response model each endpoint
declares, and whether a JSON body deserializes into it under the SDK's strict checking."""

from __future__ import annotations

import importlib
import json
import pkgutil
from collections.abc import Iterator
from functools import cache
from typing import Any

import fastly
import fastly.api
from fastly.api_client import ApiClient, Endpoint


class _Raw:
    """Just enough of urllib3's response for `ApiClient.deserialize`."""

    def __init__(self, data: Any) -> None:
        self.data = json.dumps(data)
        self.status = 200

    def getheader(self, name: str, default: str | None = None) -> str:
        return "application/json"


def _operations(client: ApiClient) -> Iterator[tuple[Any, Endpoint]]:
    """Every SDK operation: its `…Api` object bound to `client`, and its `Endpoint`."""
    for info in pkgutil.iter_modules(fastly.api.__path__):
        module = importlib.import_module(f"fastly.api.{info.name}")
        for attr in dir(module):
            cls = getattr(module, attr)
            if not (isinstance(cls, type) and attr.endswith("Api")):
                continue
            api = cls(client)
            for value in vars(api).values():
                if isinstance(value, Endpoint):
                    yield api, value


@cache
def endpoints() -> dict[tuple[str, str], Any]:
    """(method, path template) -> declared response type, for every SDK operation."""
    found: dict[tuple[str, str], Any] = {}
    for _, endpoint in _operations(ApiClient(fastly.Configuration())):
        settings = endpoint.settings
        found[(settings["http_method"], settings["endpoint_path"])] = settings["response_type"]
    return found


def operation(client: ApiClient, method: str, path: str) -> Any:
    """The SDK's own method for the operation at `path`, bound to `client`
    (`BackendApi(client).create_backend` for `POST …/backend`)."""
    for api, endpoint in _operations(client):
        settings = endpoint.settings
        if (settings["http_method"], settings["endpoint_path"]) == (method, path):
            return getattr(api, settings["operation_id"])
    raise KeyError(f"{method} {path}")


def response_type(method: str, path: str) -> Any:
    """The declared response type of the operation at `path` (`{param}` placeholders)."""
    return endpoints()[(method, path)]


def kind_item_path(api_path: str) -> tuple[str, Any]:
    """The SDK's single-object GET path for a versioned kind, and its response type."""
    prefix = f"/service/{{service_id}}/version/{{version_id}}/{api_path}/"
    for (method, path), declared in endpoints().items():
        rest = path[len(prefix):] if path.startswith(prefix) else ""
        if method == "GET" and rest.startswith("{") and "/" not in rest:
            return path, declared
    raise KeyError(api_path)


def check(declared: Any, body: Any) -> None:
    """Deserialize `body` as the SDK would; raises the SDK's error when it would."""
    client = ApiClient(fastly.Configuration())
    client.deserialize(_Raw(body), declared, True)
