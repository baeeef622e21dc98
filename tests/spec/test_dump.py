"""`dump_service` -> `load_text` gives the same service back (property test over every kind).

Strategies are derived from the kind registry and each model's field types, so a new kind or
field is covered without touching this file; only fields with a format (host names, IPs,
container names, URLs) get a hand-written strategy.
"""

from __future__ import annotations

import functools
import types
from typing import Any, Literal, Union, get_args, get_origin

from annotated_types import Ge, Le, MaxLen, MinLen
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import BaseModel

from fastlysync.kinds import KINDS
from fastlysync.kinds.acl import AclEntry
from fastlysync.kinds.product_enablement import SETTINGS
from fastlysync.spec import Service, load_text
from fastlysync.spec.dump import dump_service, service_data
from fastlysync.spec.values import name_problem, skeleton

TEXT = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",),
                             exclude_characters="\x00"), max_size=20)
TRICKY = st.sampled_from(["${env:SECRET}", "$${env:X}", "yes", "null", "123", "0x10", "~",
                          "a: b", "- x", "#c", "'q'", '"', "line\nbreak\n", "  lead", "trail ",
                          "\ttab", "multi\n\nline", "<<", "=", "*star", "&amp"])
STRINGS = st.one_of(TEXT, TRICKY)
LABEL = st.from_regex(r"[a-z0-9]([a-z0-9-]{0,8}[a-z0-9])?", fullmatch=True)
HOST = st.builds(lambda labels, tld: ".".join([*labels, tld]),
                 st.lists(LABEL, min_size=1, max_size=3), st.sampled_from(["com", "dev", "io"]))
CONTAINER = st.from_regex(r"[A-Za-z][A-Za-z0-9_ ]{0,12}", fullmatch=True)
ACL_ENTRY = st.one_of(
    st.builds(lambda a, b, c, d, n: {"ip": f"{a}.{b}.{c}.{d}", "subnet": n},
              *[st.integers(0, 255)] * 4, st.one_of(st.none(), st.integers(0, 32))),
    st.builds(lambda h, n: {"ip": f"2001:db8::{h:x}", "subnet": n},
              st.integers(0, 0xFFFF), st.one_of(st.none(), st.integers(0, 128))),
)

SPECIAL: dict[tuple[str, str], st.SearchStrategy[Any]] = {
    ("Domain", "name"): st.one_of(HOST, HOST.map(lambda h: "*." + h)),
    ("Acl", "name"): CONTAINER,
    ("Dictionary", "name"): CONTAINER,
    ("Backend", "address"): HOST,
    ("LoggingSyslog", "address"): HOST,
    ("LoggingHttps", "url"): HOST.map(lambda h: f"https://{h}/logs"),
    ("LoggingPapertrail", "address"): HOST,
    ("LoggingElasticsearch", "url"): HOST.map(lambda h: f"https://{h}/es"),
    ("LoggingKinesis", "iam_role"): st.one_of(st.none(), st.integers(10**11, 10**12 - 1).map(
        lambda account: f"arn:aws:iam::{account}:role/Logs")),
}


def _bounds(metadata: list[Any]) -> tuple[int | None, int | None]:
    low = next((m.ge for m in metadata if isinstance(m, Ge)), None)
    high = next((m.le for m in metadata if isinstance(m, Le)), None)
    return low, high


def for_type(annotation: Any, metadata: list[Any]) -> st.SearchStrategy[Any]:
    origin = get_origin(annotation)
    if origin in (Union, types.UnionType):
        options = [a for a in get_args(annotation) if a is not type(None)]
        return st.one_of(st.none(), *[for_type(a, metadata) for a in options])
    if origin is Literal:
        return st.sampled_from(get_args(annotation))
    if origin is list:
        return st.lists(for_type(get_args(annotation)[0], []), max_size=3)
    if origin is dict:
        key = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",),
                                    exclude_characters="\x00"), min_size=1, max_size=12)
        return st.dictionaries(key, STRINGS, max_size=3)
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return for_model(annotation)
    if annotation is bool:
        return st.booleans()
    if annotation is int:
        low, high = _bounds(metadata)
        return st.integers(low if low is not None else -1000, high if high is not None else 10**6)
    if annotation is str:
        low = next((m.min_length for m in metadata if isinstance(m, MinLen)), 0)
        high = next((m.max_length for m in metadata if isinstance(m, MaxLen)), None)
        if low == 0 and high is None:
            return STRINGS
        return STRINGS.filter(lambda s: len(s) >= low and (high is None or len(s) <= high))
    args = get_args(annotation)
    if args:  # Annotated[str, StringConstraints(...)] as used for dictionary items
        return for_type(args[0], metadata)
    raise AssertionError(f"no strategy for {annotation!r}")


@functools.cache
def for_model(model: type[BaseModel]) -> st.SearchStrategy[dict[str, Any]]:
    if model is AclEntry:
        return st.builds(lambda base, extra: {**base, **extra}, ACL_ENTRY,
                         st.fixed_dictionaries({}, optional={"negated": st.booleans(),
                                                             "comment": STRINGS}))
    kind = next((k for k in KINDS.values() if k.model is model), None)
    skip = set(kind.spec_only) if kind else set()
    references = {r.field for r in kind.references} if kind else set()
    required: dict[str, st.SearchStrategy[Any]] = {}
    optional: dict[str, st.SearchStrategy[Any]] = {}
    for name, info in model.model_fields.items():
        if name in skip or name in references:
            continue
        special = (model.__name__, name)
        strategy = SPECIAL[special] if special in SPECIAL else for_type(info.annotation,
                                                                         info.metadata)
        if name == "content":
            strategy = STRINGS.filter(bool)  # custom VCL and regular snippets need content
            required[name] = strategy
        elif info.is_required():
            required[name] = strategy
        else:
            optional[name] = strategy
    return st.fixed_dictionaries(required, optional=optional)


def _unique_names(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Distinct names that validate accepts (no control or invisible characters, no two that
    look alike)."""
    seen: set[str] = set()
    out = []
    for item in items:
        name = item.get("name")
        if isinstance(name, str) and name_problem(name):
            continue
        shape = skeleton(name) if isinstance(name, str) else name
        if shape not in seen:
            seen.add(shape)
            out.append(item)
    return out


@functools.cache
def _lists(model: type[BaseModel]) -> st.SearchStrategy[list[dict[str, Any]]]:
    return st.lists(for_model(model), max_size=2)


@st.composite
def services(draw: st.DrawFn) -> Any:
    data: dict[str, Any] = {"name": draw(STRINGS.filter(
        lambda s: 0 < len(s) <= 255 and name_problem(s) is None))}
    for key in ("id", "comment"):
        if draw(st.booleans()):
            data[key] = draw(STRINGS)
    for kind in KINDS.values():
        if kind.singleton:
            data[kind.spec_key] = draw(for_model(kind.model))
            if kind.name == "product_enablement":  # a setting needs its product named
                values = data[kind.spec_key]
                values.update({f: None for f, (p, _) in SETTINGS.items()
                               if values.get(p) is None})
                if values.get("ngwaf") and not values.get("ngwaf_workspace_id"):
                    values["ngwaf_workspace_id"] = "ws"
            continue
        items = _unique_names(draw(_lists(kind.model)))
        if "main" in kind.model.model_fields:
            for i, item in enumerate(items):
                item["main"] = i == 0
        for rule in kind.exclusive:  # fields the API refuses together: keep the first
            for item in items:
                if item.get(rule.field) not in (None, "", 0, False):
                    for other in rule.others:
                        item.pop(other, None)
        for item in items:
            if kind.name == "rate_limiter":  # each action needs its own companion field
                item["action"] = "log_only"
                item["http_methods"] = item["http_methods"] or ["GET"]
                item["client_key"] = item["client_key"] or ["req.http.Fastly-Client-IP"]
            if "entries" in item:  # ACL entries are unique by (ip, subnet)
                unique = {(e["ip"], e.get("subnet")): e for e in item["entries"]}
                item["entries"] = list(unique.values())
        if items:
            data[kind.spec_key] = items
    return Service.model_validate(data)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(services())
def test_dump_then_load_gives_the_same_service(service: Any) -> None:
    text = dump_service(service)
    loaded, errors = load_text(text, env={})
    assert not errors, (text, errors)
    assert loaded[0].service == service, text


def test_dump_leaves_out_defaults_and_keeps_files_out_of_line() -> None:
    service = Service.model_validate({
        "name": "s",
        "backends": [{"name": "b", "address": "b.example.com", "port": 80, "weight": 50}],
        "vcls": [{"name": "main", "file": "main.vcl", "content": "sub vcl_recv {}\n",
                  "main": True}],
    })
    data = service_data(service)
    assert data == {"name": "s",
                    "backends": [{"name": "b", "address": "b.example.com", "weight": 50}],
                    "vcls": [{"name": "main", "file": "main.vcl", "main": True}]}


def test_multiline_strings_are_blocks() -> None:
    service = Service.model_validate({
        "name": "s", "snippets": [{"name": "a", "type": "recv",
                                   "content": "if (x) {\n  error 403;\n}\n"}]})
    assert "content: |\n      if (x) {\n        error 403;\n      }\n" in dump_service(service)


def test_env_refs_keep_credentials_out_of_the_spec() -> None:
    service = Service.model_validate({
        "name": "s", "logging_datadog": [{"name": "dd", "token": "real-token"}],
        "settings": {"default_host": "h.example.com"}})
    text = dump_service(service, {("logging_datadog", "dd", "token"): "DD_TOKEN",
                                  ("settings", "", "default_host"): "HOST"})
    assert "real-token" not in text and "token: ${env:DD_TOKEN}" in text
    loaded, errors = load_text(text, env={"DD_TOKEN": "real-token", "HOST": "h.example.com"})
    assert not errors and loaded[0].service == service
