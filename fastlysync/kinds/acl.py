"""ACLs: the container is versioned, its entries are not."""

from __future__ import annotations

from pydantic import Field

from .base import Kind, KindModel, NamedModel


class AclEntry(KindModel):
    ip: str
    subnet: int | None = None
    negated: bool = False
    comment: str | None = None


class Acl(NamedModel):
    entries: list[AclEntry] = Field(default_factory=list)


KIND = Kind(name="acl", model=Acl, spec_key="acls", api_path="acl", api_label="ACL",
            version_wire="str", has_id=True, order=20, detached=frozenset({"entries"}))
