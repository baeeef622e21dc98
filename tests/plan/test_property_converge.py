"""Property: for every kind and every field, apply then plan is empty (against the emulator).

Hypothesis draws values for every plain field of one object of one kind (from the field's
type, so a new kind or field is covered without edits), puts the object into the registry's
sample service, applies it to a fresh emulator service and plans again: nothing may be left.
Fields whose values must be valid VCL or keep references intact keep their sample values.
"""

from __future__ import annotations

import sys
import types
from pathlib import Path
from typing import Any, Literal, Union, get_args, get_origin

import pytest
from annotated_types import Ge, Le, MaxLen
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import BaseModel, ValidationError

sys.path.insert(0, str(Path(__file__).parent.parent / "apply"))
from apply_harness import Harness

from fastlysync.kinds import KINDS, Kind
from fastlysync.plan.samples import sample_service
from fastlysync.spec.model import Service

KEEP = frozenset({("vcl", "content"), ("vcl", "main"), ("snippet", "content"),
                  ("snippet", "type"), ("snippet", "dynamic"), ("condition", "statement"),
                  ("condition", "type"), ("response_object", "content")})
"""Fields that must stay valid VCL (or keep the main VCL and typed references intact)."""

WORDS = st.text(st.characters(min_codepoint=0x21, max_codepoint=0x7E), min_size=1, max_size=12)
TEXT = st.one_of(WORDS, st.builds(lambda a, b: f"{a} {b}", WORDS, WORDS), st.just("é ü 字"))


def for_type(annotation: Any, metadata: list[Any]) -> st.SearchStrategy[Any]:
    origin = get_origin(annotation)
    if origin in (Union, types.UnionType):
        options = [a for a in get_args(annotation) if a is not type(None)]
        return st.one_of(st.none(), *[for_type(a, metadata) for a in options])
    if origin is Literal:
        return st.sampled_from(get_args(annotation))
    if origin is dict:
        return st.dictionaries(WORDS, TEXT, max_size=3)
    if origin is list:
        item = get_args(annotation)[0]
        if isinstance(item, type) and issubclass(item, BaseModel):  # ACL entries
            return st.lists(st.builds(lambda a, n, neg: {"ip": f"198.51.100.{a}", "subnet": n,
                                                         "negated": neg},
                                      st.integers(0, 255), st.sampled_from([None, 32]),
                                      st.booleans()),
                            max_size=3, unique_by=lambda e: e["ip"])
        return st.lists(WORDS.map(lambda w: f"X-{(w.isalnum() and w) or 'h'}: v"), max_size=2)
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):  # nested object
        return st.fixed_dictionaries({name: for_type(sub.annotation, sub.metadata)
                                      for name, sub in annotation.model_fields.items()})
    if annotation is bool:
        return st.booleans()
    if annotation is int:
        low = next((m.ge for m in metadata if isinstance(m, Ge)), 0)
        high = next((m.le for m in metadata if isinstance(m, Le)), 100_000)
        return st.integers(low, high)
    if annotation is str:
        high = next((m.max_length for m in metadata if isinstance(m, MaxLen)), None)
        return TEXT if high is None else TEXT.filter(lambda s: len(s) <= high)
    args = get_args(annotation)
    if args:
        return for_type(args[0], metadata)
    raise AssertionError(f"no strategy for {annotation!r}")


def varied(kind: Kind) -> list[str]:
    refs = {ref.field for ref in kind.references}
    return [name for name in kind.model.model_fields
            if name != "name" and name not in kind.spec_only and name not in refs
            and (kind.name, name) not in KEEP]


def fields_of(kind: Kind) -> st.SearchStrategy[dict[str, Any]]:
    model = kind.model.model_fields
    return st.fixed_dictionaries({name: for_type(model[name].annotation, model[name].metadata)
                                  for name in varied(kind)})


def with_drawn(kind: Kind, drawn: dict[str, Any]) -> Service:
    """The sample service with the first object of `kind` given the drawn values; a value
    the model refuses (a host name that is not one) keeps its sample value."""
    data = sample_service(f"prop-{kind.name}", 0).model_dump(exclude_none=False)
    target = data[kind.spec_key] if kind.singleton else data[kind.spec_key][0]
    for name, value in drawn.items():
        trial = {**target, name: value}
        for rule in kind.exclusive:  # fields the API refuses together: the drawn one wins
            sides = [[rule.field], list(rule.others)]
            if all(any(trial.get(f) for f in side) for side in sides):
                for other in sides[0 if name in sides[1] else 1]:
                    trial[other] = kind.model.model_fields[other].get_default(
                        call_default_factory=True)
        try:
            kind.model.model_validate(trial)
        except ValidationError:
            continue
        target.clear()
        target.update(trial)
    return Service.model_validate(data)


@pytest.mark.parametrize("kind_name", [k.name for k in KINDS.values() if varied(k)])
def test_apply_then_plan_is_empty(emulator: Any, tmp_path: Path, kind_name: str) -> None:
    kind = KINDS[kind_name]
    (tmp_path / "services").mkdir()
    harness = Harness(emulator, tmp_path)

    @settings(max_examples=4, deadline=None, database=None,
              suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
    @given(fields_of(kind))
    def check(drawn: dict[str, Any]) -> None:
        spec = with_drawn(kind, drawn)
        [created] = harness.apply_ok(spec)
        bound = spec.model_copy(update={"id": created.service_id})
        plan, _ = harness.plan(bound)
        assert not plan.errors, plan.errors
        left = [(c.kind, c.name, [f.field for f in c.fields])
                for s in plan.services for c in [*s.changes, *s.versionless]]
        assert not left, left

    check()
