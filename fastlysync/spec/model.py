"""The model of one service, assembled from the kind registry.

A service is its identity (name, optional id, comment) plus, per kind, a list of objects
(or one object for singleton kinds). The fields are generated from `KINDS` so the model,
its JSON Schema and every consumer stay in step with the kind declarations.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field, create_model

from ..kinds import KINDS, Kind, KindModel


class ServiceBase(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str = Field(min_length=1, max_length=255)
    id: str | None = Field(None, description="Bind to this existing service id instead of by name.")
    comment: str | None = None
    retire: bool = Field(False, description=(
        "Delete this service: apply deactivates its active version, then deletes it "
        "(needs --force, like other mass deletes). Bind it by `id:` so a renamed service "
        "is never mistaken for another."))

    def objects(self, kind: Kind) -> list[KindModel]:
        """This service's objects of one kind (a singleton kind gives one object)."""
        value = getattr(self, kind.spec_key)
        if kind.singleton:
            return [value]
        return list(value)


def _kind_field(kind: Kind) -> tuple[Any, Any]:
    if kind.singleton:
        return (kind.model, Field(default_factory=kind.model))
    return (list[kind.model], Field(default_factory=list))  # type: ignore[name-defined]


Service: type[ServiceBase] = create_model(  # type: ignore[call-overload]
    "Service",
    __base__=ServiceBase,
    **{kind.spec_key: _kind_field(kind) for kind in KINDS.values()},
)
"""One Fastly VCL service as a spec describes it (and as live state normalises to)."""
