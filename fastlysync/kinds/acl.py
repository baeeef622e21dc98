"""ACLs: the container is versioned, its entries are not."""

from __future__ import annotations

from pydantic import Field, ValidationInfo, field_validator, model_validator

from . import validators
from .base import Detached, Kind, KindModel, NamedModel


class AclEntry(KindModel):
    ip: str = Field(description="IPv4 or IPv6 address (prefix length goes in subnet).")
    subnet: int | None = Field(None, description="Prefix length: 0-32 for IPv4, 0-128 for "
                               "IPv6. API default: none (the single address).")
    negated: bool = Field(False, description="Exclude this range. API default: false.")
    comment: str | None = Field(None, description="Free text. API default: none.")

    @field_validator("ip")
    @classmethod
    def _ip(cls, value: str) -> str:
        return validators.acl_ip(value)

    @field_validator("subnet")
    @classmethod
    def _subnet(cls, value: int | None, info: ValidationInfo) -> int | None:
        return validators.subnet_fits(info.data.get("ip"), value)


class Acl(NamedModel):
    entries: list[AclEntry] = Field(default_factory=list, description="Addresses and ranges.")
    manage_entries: bool = Field(True, description="false: another system fills this ACL (a "
                                 "blocklist integration); fastlysync manages the container only "
                                 "and never reads, changes or reports its entries. Default: true.")

    @field_validator("name")
    @classmethod
    def _name(cls, value: str) -> str:
        return validators.container_name(value)

    @model_validator(mode="after")
    def _entries_elsewhere(self) -> Acl:
        if not self.manage_entries and self.entries:
            raise ValueError("manage_entries: false: leave out entries (another system fills "
                             "them; plan would never write these)")
        return self


KIND = Kind(name="acl", model=Acl, spec_key="acls", api_path="acl", api_label="ACL",
            version_wire="str", has_id=True, order=20,
            storage=(Detached("entries", "acl_entries", managed_by="manage_entries"),),
            spec_only=frozenset({"manage_entries"}),
            name_pattern=validators.CONTAINER_NAME_PATTERN,
            name_rule=validators.CONTAINER_NAME_RULE)
