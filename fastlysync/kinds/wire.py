"""How objects of a kind are spelled on the wire, in both directions.

The client uses `to_form` to write and `from_wire` to read; the emulator answers with `spell`,
in exactly the types the official SDK declares.
"""

from __future__ import annotations

import functools
import json
from typing import Any, Literal, get_args, get_origin

from pydantic import ValidationError

from .base import Kind, KindModel, WireType

TRUE_WORDS = frozenset({"true", "1", "yes", "on"})
FALSE_WORDS = frozenset({"false", "0", "no", "off", ""})


def parse_bool(value: Any) -> bool:
    """Booleans arrive as true/false/1/0 in any case, from form and JSON bodies alike."""
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float):
        return bool(value)
    word = str(value).strip().lower()
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    raise ValueError(f"not a boolean: {value!r}")


def form_value(value: Any) -> str:
    """One field as the API's form encoding expects it."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, list | dict):
        return json.dumps(value)
    return str(value)


def to_form(kind: Kind, fields: dict[str, Any]) -> dict[str, str]:
    """Model fields -> form body, skipping what never reaches the versioned object."""
    skip = kind.spec_only | kind.detached
    return {kind.wire_prefix + name: form_value(value)
            for name, value in fields.items() if name not in skip}


def spell(spelling: WireType | None, value: Any) -> Any:
    """One stored value as a response spells it (`Kind.wire`, `version_wire`, `real_wire`)."""
    if value is None or spelling is None:
        return value
    if spelling == "str":
        return str(int(value)) if isinstance(value, bool) else str(value)
    if spelling == "str01":
        return "1" if parse_bool(value) else "0"
    if spelling == "bool01":
        return 1 if parse_bool(value) else 0
    if spelling == "int" and isinstance(value, str) and value.lstrip("-").isdigit():
        return int(value)
    return value


def strip_prefix(kind: Kind, data: dict[str, Any]) -> dict[str, Any]:
    if not kind.wire_prefix:
        return dict(data)
    n = len(kind.wire_prefix)
    return {key[n:]: value for key, value in data.items() if key.startswith(kind.wire_prefix)}


def known_fields(kind: Kind, data: dict[str, Any]) -> dict[str, Any]:
    """Keep only the model's fields (the API adds service_id, timestamps and more)."""
    fields = _field_names(kind.model)
    return {key: value for key, value in strip_prefix(kind, data).items() if key in fields}


@functools.cache
def _field_names(model: type[KindModel]) -> frozenset[str]:
    # Cached: pydantic's `model_fields` is slow to reach, and reads normalise many objects.
    return frozenset(model.model_fields)


@functools.cache
def _shape(model: type[KindModel], name: str) -> tuple[bool, bool]:
    """(is a boolean field, is a Literal of ints), per model field, computed once."""
    annotation = model.model_fields[name].annotation
    return annotation is bool or annotation == bool | None, _int_literal(annotation)


def coerce(kind: Kind, name: str, raw: Any) -> Any:
    """A single wire or form value -> the model's Python type (lax, like the real API)."""
    if raw is None:
        return None
    boolean, int_literal = _shape(kind.model, name)
    if boolean:
        return parse_bool(raw)
    if isinstance(raw, str) and name == "headers":
        return json.loads(raw) if raw.strip().startswith("[") else [raw]
    if isinstance(raw, str) and int_literal:
        try:
            return int(raw)
        except ValueError:
            return raw
    if isinstance(raw, int) and not isinstance(raw, bool) and kind.wire.get(name) == "int":
        return str(raw)  # a string field the SDK declares as int (kafka `required_acks`)
    return raw


def _int_literal(annotation: Any) -> bool:
    """Whether a field is a Literal of ints (`format_version`, director `type`): the API may
    spell those as strings, and pydantic does not coerce strings into int literals."""
    args = get_args(annotation)
    if get_origin(annotation) is Literal:
        return bool(args) and all(isinstance(a, int) and not isinstance(a, bool) for a in args)
    return any(_int_literal(a) for a in args)


def from_wire(kind: Kind, data: dict[str, Any]) -> KindModel:
    """A live object (any spelling the API uses) -> the spec model, defaults filled in.

    Raises `ValueError` with a readable message when the API sent something unusable.
    """
    fields = {name: coerce(kind, name, value) for name, value in known_fields(kind, data).items()}
    try:
        return kind.model.model_validate(fields)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        raise ValueError(f"{kind.name} {data.get('name', '')!r}: {where}: {first['msg']}") from None
