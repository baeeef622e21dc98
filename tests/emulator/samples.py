"""Minimal valid request bodies for any kind, derived from its model (no per-kind tables)."""

from __future__ import annotations

from typing import Any, Literal, get_args, get_origin

from fastlysync.kinds import Kind

BY_FIELD = {
    "address": "127.0.0.1",
    "url": "https://logs.example.com/ingest",
    "statement": 'req.url ~ "^/sample"',
    "ip": "192.0.2.1",
    "host": "origin.example.com",
    "dst": "http.X-Sample",
    "bucket_name": "sample-bucket",
    "brokers": "kafka.example.com:9092",
    "topic": "sample",
    "token": "sample-token",
    "project_id": "sample-project",
    "dataset": "sample_dataset",
    "table": "sample_table",
}
"""Values for required string fields whose content is checked (by field name, any kind)."""


def _required_value(kind: Kind, field: str) -> Any:
    info = kind.model.model_fields[field]
    annotation = info.annotation
    options = _literals(annotation)
    if options:
        return str(options[0])
    if field == "content":
        return "sub vcl_recv {\n#FASTLY recv\n}\n"
    if annotation is int:
        return "1"
    return BY_FIELD.get(field, "sample")


def _literals(annotation: Any) -> tuple[Any, ...]:
    if get_origin(annotation) is Literal:
        return get_args(annotation)
    for arg in get_args(annotation):
        found = _literals(arg)
        if found:
            return found
    return ()


def sample_name(kind: Kind, n: int = 1) -> str:
    if kind.name == "domain" or "domain" in kind.api_path:
        return f"www{n}.example.com"
    return f"{kind.name}_{n}"


def minimal_body(kind: Kind, n: int = 1) -> dict[str, str]:
    """Form fields for a create: the name plus every required field."""
    body: dict[str, str] = {}
    for field, info in kind.model.model_fields.items():
        if field in kind.spec_only or field in kind.detached:
            continue
        if field == "name":
            body["name"] = sample_name(kind, n)
        elif info.is_required():
            body[field] = _required_value(kind, field)
    if "type" in kind.model.model_fields and "content" in kind.model.model_fields \
            and "main" not in kind.model.model_fields:
        body["type"] = "recv"
        body["content"] = 'set req.http.X-Sample = "1";'
    return body


def named_kinds(kinds: dict[str, Kind]) -> list[Kind]:
    """Kinds of named versioned objects addressed by name (rate limiters go by id: their
    routes are tested in tests/kinds/test_extra_kinds.py)."""
    return [kind for kind in kinds.values() if not kind.singleton and kind.access == "standard"]


def bool_fields(kind: Kind) -> list[str]:
    """Plain boolean fields (not `dynamic`/`main`, which change how the object behaves)."""
    return [name for name in kind.api_fields()
            if kind.model.model_fields[name].annotation in (bool, bool | None)
            and name not in ("dynamic", "main")]


def int_fields(kind: Kind) -> list[str]:
    return [name for name in kind.api_fields()
            if kind.model.model_fields[name].annotation in (int, int | None)]
