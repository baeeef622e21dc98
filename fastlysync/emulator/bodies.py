"""Request bodies -> plain fields, and plain fields -> a kind's stored values.

Clients send form bodies (fastly-py, go-fastly, the CLI) or JSON (fastly-py on a few
endpoints, every batch endpoint), spell booleans `True`/`true`/`1`, and add fields the API
does not know. The real API takes all of it, so every write endpoint here does too.
"""

from __future__ import annotations

import json
import re
import types
from typing import Any, Literal, Union, get_args, get_origin
from urllib.parse import parse_qsl

from pydantic import ValidationError

from ..kinds import Kind
from ..kinds.wire import parse_bool
from .errors import bad_request

_INT = re.compile(r"[+-]?\d+")
CASELESS = frozenset({"region"})
"""Fields whose options the real API matches without case (logentries and New Relic take
`region=us`, recorded)."""


def parse_body(body: bytes, content_type: str) -> dict[str, Any]:
    """A write's body as a flat dict; malformed bodies are a 400, never a crash."""
    if not body.strip():
        return {}
    if "json" in content_type.lower():
        try:
            data = json.loads(body)
        except (ValueError, UnicodeDecodeError):
            raise bad_request("Malformed JSON body") from None
        except RecursionError:  # nested thousands deep: the parser's stack, not our bug
            raise bad_request("Malformed JSON body: nested too deeply") from None
        if not isinstance(data, dict):
            raise bad_request("Expected a JSON object")
        return data
    try:
        text = body.decode("utf-8")
        pairs = parse_qsl(text, keep_blank_values=True, errors="strict")
    except (UnicodeDecodeError, ValueError):
        raise bad_request("Malformed form body") from None
    return dict(pairs)


_SHAPES: dict[tuple[str, str], tuple[frozenset[type], tuple[Any, ...], bool]] = {}


def field_shape(kind: Kind, name: str) -> tuple[frozenset[type], tuple[Any, ...], bool]:
    """(plain types, literal options, accepts None) of one model field."""
    key = (kind.name, name)
    if key not in _SHAPES:
        _SHAPES[key] = _field_shape(kind, name)
    return _SHAPES[key]


def _field_shape(kind: Kind, name: str) -> tuple[frozenset[type], tuple[Any, ...], bool]:
    plain: set[type] = set()
    literals: list[Any] = []
    nullable = False

    def walk(annotation: Any) -> None:
        nonlocal nullable
        origin = get_origin(annotation)
        if annotation is type(None):
            nullable = True
        elif origin is Literal:
            literals.extend(get_args(annotation))
        elif origin in (Union, types.UnionType):
            for arg in get_args(annotation):
                walk(arg)
        elif origin is not None:
            plain.add(origin)
        else:
            plain.add(annotation)

    walk(kind.model.model_fields[name].annotation)
    return frozenset(plain), tuple(literals), nullable


def coerce_value(kind: Kind, name: str, raw: Any) -> Any:
    """One incoming value -> the model's type, as laxly as the real API reads it."""
    plain, literals, nullable = field_shape(kind, name)
    if raw is None:
        return None
    if raw == "" and (nullable or bool in plain or int in plain):
        return None
    if literals:
        for option in literals:
            if raw == option or str(raw) == str(option):
                return option
        if name in CASELESS and isinstance(raw, str):
            for option in literals:
                if raw.casefold() == str(option).casefold():
                    return option
        if not plain:
            raise ValueError(f"must be one of {', '.join(str(o) for o in literals)}")
    if bool in plain:
        return parse_bool(raw)
    if int in plain:
        if isinstance(raw, bool):
            return int(raw)
        if isinstance(raw, int):
            return raw
        if isinstance(raw, float) and raw.is_integer():
            return int(raw)
        if isinstance(raw, str) and _INT.fullmatch(raw.strip()):
            return int(raw.strip())
        raise ValueError("must be an integer")
    if list in plain:
        if isinstance(raw, str):
            text = raw.strip()
            if text.startswith("["):
                try:
                    raw = json.loads(text)
                except (ValueError, RecursionError):
                    raise ValueError("must be a JSON array") from None
            else:
                raw = [raw] if text else []
        if not isinstance(raw, list) or not all(isinstance(v, str) for v in raw):
            raise ValueError("must be a list of strings")
        return list(raw)
    if str in plain:
        if isinstance(raw, bool):
            return "1" if raw else "0"
        if isinstance(raw, int | float | str):
            return str(raw)
        raise ValueError("must be a string")
    return raw


def writable_fields(kind: Kind) -> list[str]:
    return kind.api_fields()


def coerce_fields(kind: Kind, data: dict[str, Any]) -> dict[str, Any]:
    """The kind's own fields found in a body, coerced; everything else is ignored."""
    out: dict[str, Any] = {}
    prefix = kind.wire_prefix
    for name in writable_fields(kind):
        for key in ((prefix + name, prefix.replace(".", "_") + name, name) if prefix else (name,)):
            if key in data:
                try:
                    out[name] = coerce_value(kind, name, data[key])
                except ValueError as exc:
                    raise bad_request(f"Invalid value for '{key}': {exc}") from None
                break
    return out


def validate(kind: Kind, fields: dict[str, Any]) -> dict[str, Any]:
    """Check a whole object against the kind's model (required fields, ranges, enums)."""
    try:
        model = kind.model.model_validate(fields)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(part) for part in first["loc"]) or "body"
        message = "is required" if first["type"] == "missing" else first["msg"]
        raise bad_request(f"Invalid value for '{kind.wire_prefix}{where}': {message}") from None
    keep = set(fields) | set(writable_fields(kind))
    return {key: value for key, value in model.model_dump().items() if key in keep}
