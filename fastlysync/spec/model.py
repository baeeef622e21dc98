"""The model of one service, assembled from the kind registry.

A service is its identity (name, optional id, comment) plus, per kind, a list of objects
(or one object for singleton kinds). The fields are generated from `KINDS` so the model,
its JSON Schema and every consumer stay in step with the kind declarations.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field, create_model, field_validator

from ..kinds import BY_SPEC_KEY, KINDS, Kind, KindModel


class ServiceBase(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str = Field(min_length=1, max_length=255)
    id: str | None = Field(None, description="Bind to this existing service id instead of by name.")
    comment: str | None = None
    retire: bool = Field(False, description=(
        "Delete this service: apply deactivates its active version, then deletes it "
        "(needs --force, like other mass deletes). Bind it by `id:` so a renamed service "
        "is never mistaken for another."))
    ignore_changes: list[str] = Field(
        default_factory=list,
        description="What plan and apply leave alone in this service (Terraform's "
                    "lifecycle.ignore_changes): a kind (`product_enablement`: never created, "
                    "changed or deleted) or a kind's field on every object (`backends.shield`)."
                    " Objects take their own `ignore_changes` too. Default: none.")

    @field_validator("ignore_changes")
    @classmethod
    def _known(cls, value: list[str]) -> list[str]:
        for entry in value:
            key, _, field = entry.partition(".")
            kind = BY_SPEC_KEY.get(key)
            if kind is None:
                raise ValueError(f"ignore_changes: {entry!r}: no kind {key!r} (give a spec key "
                                 "such as backends, or backends.shield)")
            if field and (field not in kind.model.model_fields or field == kind.key_field
                          or field in kind.spec_only):
                raise ValueError(f"ignore_changes: {entry!r}: {kind.spec_key} has no field "
                                 f"{field!r}")
        return value

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
