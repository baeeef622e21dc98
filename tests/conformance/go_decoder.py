"""What go-fastly's decoder accepts, so a test can tell whether a Go client would read an answer.

go-fastly decodes JSON into `map[string]any` and then into its structs with mapstructure in
weakly typed mode, plus a hook that parses times: a number where a string is declared is fine,
`"100"` where an int is declared is fine, `"1"` or `""` where a bool is declared is fine, and
`null` is fine anywhere (every field is a pointer). What fails is a value that cannot be
converted: a word where an int is declared, a list where a string is, a time in any format but
RFC 3339 or `2006-01-02 15:04:05`, an object where a list is. Unknown keys are ignored.

The struct shapes below are go-fastly's field names and Go types (its `mapstructure` tags),
for the structs the Terraform provider decodes for a VCL service.
"""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any

GoType = str | dict[str, Any] | list[Any]
"""`"string"`, `"int"`, `"bool"`, `"time"`, a struct (dict of field -> GoType) or `[elem]`."""

_GO_INT = re.compile(r"[+-]?(0[xX][0-9a-fA-F]+|0[oO]?[0-7]*|[1-9][0-9]*)")
_GO_BOOL = {"1", "t", "T", "TRUE", "true", "True", "0", "f", "F", "FALSE", "false", "False"}

ENVIRONMENT = {"name": "string", "service_id": "string", "active_version": "int"}
VERSION = {"active": "bool", "comment": "string", "created_at": "time", "deleted_at": "time",
           "deployed": "bool", "locked": "bool", "number": "int", "service_id": "string",
           "staging": "bool", "testing": "bool", "updated_at": "time",
           "environments": [ENVIRONMENT]}
_SERVICE_BASE = {"comment": "string", "created_at": "time", "customer_id": "string",
                 "deleted_at": "time", "id": "string", "name": "string", "type": "string",
                 "updated_at": "time", "versions": [VERSION], "environments": [ENVIRONMENT]}
SERVICE = {**_SERVICE_BASE, "version": "int"}
SERVICE_DETAIL = {**_SERVICE_BASE, "active_version": VERSION, "version": VERSION}
_STAMPS = {"created_at": "time", "deleted_at": "time", "updated_at": "time",
           "service_id": "string", "version": "int"}
BACKEND = {**_STAMPS, "address": "string", "auto_loadbalance": "bool",
           "between_bytes_timeout": "int", "comment": "string", "connect_timeout": "int",
           "error_threshold": "int", "first_byte_timeout": "int", "healthcheck": "string",
           "hostname": "string", "keepalive_time": "int", "max_conn": "int", "max_use": "int",
           "max_lifetime": "int", "max_tls_version": "string", "min_tls_version": "string",
           "name": "string", "override_host": "string", "port": "int", "prefer_ipv6": "bool",
           "request_condition": "string", "share_key": "string", "ssl_ca_cert": "string",
           "ssl_cert_hostname": "string", "ssl_check_cert": "bool", "ssl_ciphers": "string",
           "ssl_client_cert": "string", "ssl_client_key": "string",
           "ssl_sni_hostname": "string", "shield": "string", "tcp_keepalive_enable": "bool",
           "tcp_keepalive_interval": "int", "tcp_keepalive_probes": "int",
           "tcp_keepalive_time": "int", "use_ssl": "bool", "weight": "int"}
DOMAIN = {**_STAMPS, "comment": "string", "name": "string"}
CONDITION = {**_STAMPS, "comment": "string", "name": "string", "priority": "int",
             "statement": "string", "type": "string"}
HEADER = {**_STAMPS, "action": "string", "cache_condition": "string", "dst": "string",
          "ignore_if_set": "bool", "name": "string", "priority": "int", "regex": "string",
          "request_condition": "string", "response_condition": "string", "src": "string",
          "substitution": "string", "type": "string"}
SNIPPET = {**_STAMPS, "content": "string", "dynamic": "int", "id": "string", "name": "string",
           "priority": "string", "type": "string"}
DYNAMIC_SNIPPET = {"content": "string", "created_at": "time", "service_id": "string",
                   "snippet_id": "string", "updated_at": "time"}
DICTIONARY = {**_STAMPS, "id": "string", "name": "string", "write_only": "bool"}
DICTIONARY_ITEM = {"created_at": "time", "deleted_at": "time", "dictionary_id": "string",
                   "item_key": "string", "item_value": "string", "service_id": "string",
                   "updated_at": "time"}
ACL = {**_STAMPS, "id": "string", "name": "string"}
ACL_ENTRY = {"acl_id": "string", "comment": "string", "created_at": "time",
             "deleted_at": "time", "id": "string", "ip": "string", "negated": "bool",
             "service_id": "string", "subnet": "int", "updated_at": "time"}
VCL = {**_STAMPS, "content": "string", "main": "bool", "name": "string"}
HEALTHCHECK = {**_STAMPS, "check_interval": "int", "comment": "string",
               "expected_response": "int", "headers": ["string"], "host": "string",
               "http_version": "string", "initial": "int", "method": "string",
               "name": "string", "path": "string", "threshold": "int", "timeout": "int",
               "window": "int"}
SETTINGS = {"general.default_host": "string", "general.default_ttl": "int",
            "service_id": "string", "version": "int", "general.stale_if_error": "bool",
            "general.stale_if_error_ttl": "int"}
HTTP3 = {**_STAMPS, "feature_revision": "int"}
STATUS = {"status": "string", "msg": "string"}
"""`statusResp`: what validate, delete and the batch endpoints answer."""


def go_errors(value: Any, go: GoType, where: str = "$") -> list[str]:
    """Why go-fastly could not decode `value` into `go` (empty: it can)."""
    if value is None:
        return []
    if isinstance(go, dict):
        if not isinstance(value, dict):
            return [f"{where}: {type(value).__name__} where go-fastly wants an object"]
        return [e for key, sub in go.items() if key in value
                for e in go_errors(value[key], sub, f"{where}.{key}")]
    if isinstance(go, list):
        if not isinstance(value, list):
            return [f"{where}: {type(value).__name__} where go-fastly wants a list"]
        return [e for i, item in enumerate(value) for e in go_errors(item, go[0], f"{where}[{i}]")]
    ok = {"string": _string, "int": _int, "bool": _bool, "time": _time}[go](value)
    return [] if ok else [f"{where}: {value!r} does not decode as a Go {go}"]


def _string(value: Any) -> bool:
    return isinstance(value, str | int | float | bool)


def _int(value: Any) -> bool:
    if isinstance(value, bool | int):
        return True
    if isinstance(value, float):
        return True  # weak decoding truncates
    return isinstance(value, str) and (value == "" or bool(_GO_INT.fullmatch(value)))


def _bool(value: Any) -> bool:
    if isinstance(value, bool | int | float):
        return True
    return isinstance(value, str) and (value == "" or value in _GO_BOOL)


def _time(value: Any) -> bool:
    if not isinstance(value, str):
        return False
    if value == "":
        return True
    for pattern in ("%Y-%m-%dT%H:%M:%S%z", "%Y-%m-%dT%H:%M:%S.%f%z", "%Y-%m-%d %H:%M:%S"):
        try:
            datetime.strptime(value.replace("Z", "+00:00"), pattern)
            return True
        except ValueError:
            continue
    return False
