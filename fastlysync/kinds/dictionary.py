"""Edge dictionaries: the container is versioned, its items are not."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field, StringConstraints, field_validator, model_validator

from . import validators
from .base import Detached, Kind, NamedModel

MAX_KEY_LENGTH = 256
MAX_VALUE_LENGTH = 8000

ItemKey = Annotated[str, StringConstraints(min_length=1, max_length=MAX_KEY_LENGTH)]
ItemValue = Annotated[str, StringConstraints(max_length=MAX_VALUE_LENGTH)]


class Dictionary(NamedModel):
    write_only: bool = Field(False, description="Hide items from the API and UI. "
                             "API default: false.")
    items: dict[ItemKey, ItemValue] = Field(
        default_factory=dict, description=f"Key -> value (keys up to {MAX_KEY_LENGTH} "
                                          f"characters, values up to {MAX_VALUE_LENGTH}).")
    manage_items: bool = Field(True, description="false: another system fills this dictionary;"
                               " fastlysync manages the container only and never reads, "
                               "changes or reports its items. Default: true.")

    @field_validator("name")
    @classmethod
    def _name(cls, value: str) -> str:
        return validators.container_name(value)

    @model_validator(mode="after")
    def _items_elsewhere(self) -> Dictionary:
        if not self.manage_items and self.items:
            raise ValueError("manage_items: false: leave out items (another system fills "
                             "them; plan would never write these)")
        return self


KIND = Kind(name="dictionary", model=Dictionary, spec_key="dictionaries",
            api_path="dictionary", api_label="Dictionary", has_id=True, order=20,
            storage=(Detached("items", "dictionary_items", hidden_by="write_only",
                              managed_by="manage_items"),),
            spec_only=frozenset({"manage_items"}),
            name_pattern=validators.CONTAINER_NAME_PATTERN,
            name_rule=validators.CONTAINER_NAME_RULE)
