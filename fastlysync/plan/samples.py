"""Sample services with every field of every kind set to a non-default value.

Built from the kind registry alone, so a new kind or field is covered without edits: the
round-trip tests (apply then plan shows nothing), the one-field-change tests and the
benchmarks all use it. Variant 0 sets every field away from its default; each other variant
gives every field a value different from the previous variant's.
"""

from __future__ import annotations

import types
import typing
from typing import Any, Literal, get_args, get_origin

import annotated_types
from pydantic import BaseModel, ValidationError
from pydantic.fields import FieldInfo

from ..kinds import KINDS, Kind
from ..spec.model import Service, ServiceBase


def _unwrap(annotation: Any) -> Any:
    if get_origin(annotation) in (typing.Union, types.UnionType):
        args = [a for a in get_args(annotation) if a is not type(None)]
        return args[0] if len(args) == 1 else annotation
    return annotation


def _bounds(info: FieldInfo) -> tuple[int, int]:
    low, high = 0, 1_000_000
    for meta in info.metadata:
        if isinstance(meta, annotated_types.Ge):
            low = int(meta.ge)  # type: ignore[call-overload]
        if isinstance(meta, annotated_types.Le):
            high = int(meta.le)  # type: ignore[call-overload]
    return low, high


def _default(info: FieldInfo) -> Any:
    return None if info.is_required() else info.get_default(call_default_factory=True)


def scalar(info: FieldInfo, field: str, variant: int) -> Any:
    """A valid value for a plain field, different from its default (and per variant)."""
    annotation = _unwrap(info.annotation)
    default = _default(info)
    if get_origin(annotation) is Literal:  # non-defaults first: variant 0 is never default
        choices = [c for c in get_args(annotation) if c != default]
        choices += [c for c in get_args(annotation) if c == default]
        return choices[variant % len(choices)]
    if annotation is bool:
        first = not default if default is not None else True
        return first if variant % 2 == 0 else not first
    if annotation is int:
        low, high = _bounds(info)
        span = max(1, min(high - low, 97))
        value = low + 1 + (variant * 7 + len(field)) % span
        if value == default:
            value = low if value != low else value + 1
        return min(value, high)
    if annotation is str:
        return candidates(field, variant)[0]
    raise TypeError(f"no sample for {field}: {info.annotation}")


def candidates(word: str, variant: int) -> list[str]:
    """String shapes to try, plainest first, until the model's validators accept one."""
    slug = word.replace("_", "-")
    return [f"{slug}-{variant}", f"{slug}{variant}.example.com",
            f"https://{slug}{variant}.example.com/log", f"192.0.2.{10 + variant}",
            f"{word}_{variant}", f"{slug}{variant}.example.com:9092"]


def _accepts(kind: Kind, data: dict[str, Any], field: str) -> bool:
    try:
        kind.model.model_validate(data)
    except ValidationError as exc:
        return not any(error["loc"][:1] == (field,) for error in exc.errors())
    return True


def _fit(kind: Kind, data: dict[str, Any], field: str, variant: int) -> None:
    """Replace a plain string sample the validators refuse by the first shape they take."""
    if not isinstance(data.get(field), str) or _accepts(kind, data, field):
        return
    for candidate in candidates(field if field != "name" else kind.name, variant)[1:]:
        if _accepts(kind, {**data, field: candidate}, field):
            data[field] = candidate
            return


def _reference_target(service: dict[str, list[dict[str, Any]]], kind_name: str,
                      condition_type: str | None) -> str | None:
    target = KINDS[kind_name]
    for obj in service.get(target.spec_key, []):
        if condition_type is None or obj.get("type") == condition_type:
            return str(obj["name"])
    return None


def sample_object(kind: Kind, name: str, variant: int,
                  service: dict[str, Any]) -> dict[str, Any]:
    """One object of `kind` with every field set (references point into `service`)."""
    refs = {ref.field: ref for ref in kind.references}
    out: dict[str, Any] = {} if kind.singleton else {"name": name}
    for field, info in kind.model.model_fields.items():
        if field == "name" or field in kind.spec_only:
            continue
        if field in refs:
            ref = refs[field]
            # variants alternate between referring and not (or to fewer members)
            if ref.many:
                target = KINDS[ref.kind]
                names = [o["name"] for o in service.get(target.spec_key, [])]
                out[field] = names[:2] if variant % 2 == 0 else names[:1]
            elif variant % 2 == 0:
                value = _reference_target(service, ref.kind, ref.condition_type)
                if value is not None:
                    out[field] = value
            continue
        out[field] = special(kind, field, variant) or collection(info, field, variant)
        if out[field] is None:
            out[field] = scalar(info, field, variant)
    for rule in kind.exclusive:  # fields the API refuses together: keep the side holding
        sides = [[rule.field], list(rule.others)]  # secrets, else alternate per variant
        if all(any(f in out for f in side) for side in sides):
            secret = [any(kind.is_sensitive(f) for f in side) for side in sides]
            drop = secret.index(False) if any(secret) and not all(secret) else 1 - variant % 2
            for field in sides[drop]:
                out.pop(field, None)
    for field in list(out):
        if field not in refs and special(kind, field, variant) is None:
            # names stay the same across variants, so variants differ field by field
            _fit(kind, out, field, 0 if field == "name" else variant)
    return out


def special(kind: Kind, field: str, variant: int) -> Any:
    """Values that must make sense to the API: VCL, condition statements, header lists."""
    fields = kind.model.model_fields
    if field == "content" and "main" in fields:  # a whole VCL file
        return (f"sub vcl_recv {{\n  set req.http.X-Variant = \"{variant}\";\n"
                "#FASTLY recv\n}\n")
    if field == "content" and "dynamic" in fields:  # a snippet: statements
        return f"set req.http.X-Snippet = \"{variant}\";\n"
    if field == "content":
        return f"<html>{variant}</html>"
    if field == "type" and "dynamic" in fields:  # snippet statements need a subroutine
        return ("recv", "deliver", "fetch")[variant % 3]
    if field == "statement":
        return f"req.url ~ \"^/v{variant}\""
    if field == "status":
        return 503 - variant % 2
    if field == "action" and "rps_limit" in fields:  # rate limiter: no reference needed
        return ("response", "log_only")[variant % 2]
    return None


def collection(info: FieldInfo, field: str, variant: int) -> Any:
    annotation = _unwrap(info.annotation)
    origin = get_origin(annotation)
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):  # nested object
        return {name: special_nested(name, variant) or scalar(sub, name, variant)
                for name, sub in annotation.model_fields.items()}
    if origin is dict:
        return {f"key{variant}": f"value{variant}", "shared": f"v{variant}"}
    if origin is list:
        (item,) = get_args(annotation)
        if isinstance(item, type) and issubclass(item, BaseModel):
            return [{"ip": f"192.0.2.{variant}", "subnet": 32, "negated": True,
                     "comment": f"entry {variant}"},
                    {"ip": f"198.51.{100 + variant}.0", "subnet": 24}]
        return [f"X-Sample-{variant}: {variant}"]
    return None


def special_nested(field: str, variant: int) -> Any:
    """Values a nested object's fields need (a rate limiter's response status)."""
    return 429 - variant if field == "status" else None


def sample_service(name: str = "sample", variant: int = 0, *,
                   kinds: typing.Iterable[Kind] | None = None) -> ServiceBase:
    """A service holding, for every kind, objects with every field set.

    A kind that others reference by type (conditions) gets one object per type so typed
    references resolve; kinds with a `dynamic` flag come both ways; `main` is set.
    """
    data: dict[str, Any] = {"name": name}
    wanted = list(kinds) if kinds is not None else list(KINDS.values())
    for kind in KINDS.values():  # registry order: referenced kinds are filled in first
        if kind not in wanted and not _referenced(kind, wanted):
            continue
        if kind.singleton:
            data[kind.spec_key] = sample_object(kind, kind.name, variant, data)
            continue
        objects = []
        for index, extra in enumerate(_flavours(kind)):
            obj = sample_object(kind, f"{kind.name}_{index}", variant, data)
            obj.update(extra)
            objects.append(obj)
        data[kind.spec_key] = objects
    return Service.model_validate(data)


def _referenced(kind: Kind, wanted: list[Kind]) -> bool:
    return any(ref.kind == kind.name for other in wanted for ref in other.references)


def _flavours(kind: Kind) -> list[dict[str, Any]]:
    fields = kind.model.model_fields
    typed = sorted({ref.condition_type for other in KINDS.values() for ref in other.references
                    if ref.kind == kind.name and ref.condition_type})
    if typed and "type" in fields:
        return [{"type": t} for t in typed]
    if "dynamic" in fields:
        return [{"dynamic": False}, {"dynamic": True}]
    if any(ref.kind == kind.name and ref.many for other in KINDS.values()
           for ref in other.references):
        return [{}, {}]  # members to choose from
    if "main" in fields:
        return [{"main": True}]
    return [{}]
