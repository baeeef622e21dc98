"""Validate a plain service tree with pydantic and point every problem at the YAML.

Users see `backend 'origin': port: Input should be ...` at the line of the port, never
pydantic's own paths. Plain YAML scalars that look like numbers or booleans (`1`, `yes`) are
accepted where a string is expected by using their source text, so dictionary values and
enum-like strings need no quotes.
"""

from __future__ import annotations

import copy
import re
import types
from typing import Any, Union, get_args, get_origin

from pydantic import BaseModel, ValidationError

from ..kinds import BY_SPEC_KEY
from .environments import ENVIRONMENTS_KEY, REMOVE_KEY
from .errors import did_you_mean
from .model import Service, ServiceBase
from .nodes import PathKey, Positions
from .terraform import terraform_hint

_STRING_ERRORS = frozenset({"string_type", "literal_error", "enum"})
_INPUT_ERRORS_SUFFIXES = ("_type", "_parsing")
_INT = re.compile(r"^-?\d+$")
_MAX_RETRIES = 3

Problem = tuple[tuple[int, int], str]


def validate_service(data: dict[str, Any], positions: Positions
                     ) -> tuple[ServiceBase | None, list[Problem]]:
    """The Service, or None and every problem with its (line, column)."""
    data = copy.deepcopy(data)
    for _ in range(_MAX_RETRIES):
        try:
            return Service.model_validate(data), []
        except ValidationError as exc:
            errors = exc.errors()
        if not _coerce_scalars(data, errors, positions):
            break
    return None, [_problem(error, data, positions) for error in errors]


def _coerce_scalars(data: Any, errors: list[Any], positions: Positions) -> bool:
    """Swap in the source text (or an int) where that is what the model wanted."""
    changed = False
    for error in errors:
        loc = tuple(error["loc"])
        value = error.get("input")
        replacement: Any = None
        if error["type"] in _STRING_ERRORS and loc in positions.raw and not isinstance(value,
                                                                                        str):
            replacement = positions.raw[loc]
        elif error["type"] == "literal_error" and isinstance(value, str) and _INT.match(value):
            replacement = int(value)
        if replacement is not None and _set(data, loc, replacement):
            changed = True
    return changed


def _set(data: Any, loc: PathKey, value: Any) -> bool:
    target = data
    for part in loc[:-1]:
        try:
            target = target[part]
        except (KeyError, IndexError, TypeError):
            return False
    try:
        if target[loc[-1]] == value:
            return False
        target[loc[-1]] = value
    except (KeyError, IndexError, TypeError):
        return False
    return True


def _real_path(data: Any, loc: tuple[Any, ...]) -> tuple[PathKey, Any]:
    """The part of pydantic's loc that exists in the data, and the first part that does not."""
    path: list[str | int] = []
    node = data
    for part in loc:
        in_dict = isinstance(node, dict) and isinstance(part, str) and part in node
        in_list = isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node)
        if not (in_dict or in_list):
            return tuple(path), part
        node = node[part]
        path.append(part)
    return tuple(path), None


def describe(path: PathKey, data: Any) -> tuple[str, PathKey]:
    """(`backend 'origin'`, rest of the path) for a path into a service tree."""
    if not path or path[0] not in BY_SPEC_KEY:
        return "service", path
    kind = BY_SPEC_KEY[path[0]]
    if kind.singleton:
        return kind.name, path[1:]
    if len(path) < 2 or not isinstance(path[1], int):
        return kind.spec_key, path[1:]
    item = data[path[0]][path[1]]
    name = item.get("name") if isinstance(item, dict) else None
    label = f"{kind.name} {name!r}" if isinstance(name, str) and name else \
        f"{kind.name} #{path[1] + 1}"
    return label, path[2:]


def render(rest: PathKey) -> str:
    text = ""
    for part in rest:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else part)
    return text


def _model_at(path: PathKey) -> type[BaseModel] | None:
    """The pydantic model that validates the mapping at `path`."""
    current: Any = Service
    for part in path:
        if isinstance(part, str):
            if not (isinstance(current, type) and issubclass(current, BaseModel)):
                return None
            info = current.model_fields.get(part)
            if info is None:
                return None
            current = _unwrap(info.annotation, want_item=False)
        else:
            current = _unwrap(current, want_item=True)
    return current if isinstance(current, type) and issubclass(current, BaseModel) else None


def _unwrap(annotation: Any, want_item: bool) -> Any:
    origin = get_origin(annotation)
    if origin in (Union, types.UnionType):
        options = [a for a in get_args(annotation) if a is not type(None)]
        return _unwrap(options[0], want_item) if len(options) == 1 else annotation
    if want_item and origin in (list, tuple, set, frozenset):
        return get_args(annotation)[0]
    if want_item and origin is dict:
        return get_args(annotation)[1]
    return annotation


def _short(value: Any) -> str:
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def _kind_name(model: Any, *, top: bool) -> str | None:
    """The kind whose model `model` is (None at a service's top level)."""
    if top:
        return None
    from ..kinds import KINDS

    return next((name for name, kind in KINDS.items() if kind.model is model), "")


def _problem(error: Any, data: Any, positions: Positions) -> Problem:
    loc = tuple(error["loc"])
    kind = error["type"]
    path, missing = _real_path(data, loc)
    head, rest = describe(path, data)
    where = render(rest)
    if kind == "extra_forbidden" and path:
        key = str(path[-1])
        owner = _model_at(path[:-1])
        candidates = list(owner.model_fields) if owner else []
        if not path[:-1]:
            candidates.append(ENVIRONMENTS_KEY)
        parent = render(rest[:-1])
        hint = (" (it only means something inside environments:)" if key == REMOVE_KEY
                else terraform_hint(_kind_name(owner, top=not path[:-1]), key)
                or did_you_mean(key, candidates))
        label = f"{head}: " + (f"{parent}: " if parent else "")
        return positions.locate_key(path), f"{label}unknown key {key!r}{hint}"
    if kind == "missing" and missing is not None:
        field = render((*rest, missing))
        return positions.locate(path), f"{head}: missing required key {field!r}"
    message = str(error["msg"])
    message = message.removeprefix("Value error, ").removeprefix("Assertion failed, ")
    if kind.endswith(_INPUT_ERRORS_SUFFIXES) and "input" in error:
        message += f" (got {_short(error['input'])})"
    if isinstance(missing, str) and missing == "[key]":
        key = path[-1] if path else ""
        parent = render(rest[:-1])
        return positions.locate_key(path), f"{head}: {parent} key {key!r}: {message}"
    return positions.locate(path), f"{head}: " + (f"{where}: " if where else "") + message
