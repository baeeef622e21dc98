"""The one declaration of a Fastly resource kind.

Every part of fastlysync (spec loader, API client, normaliser, diff, apply order, importer and
emulator) reads a `Kind` instead of hard-coding per-kind knowledge, so adding a kind is one file.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

WireType = Literal["str", "int", "bool", "bool01", "str01", "list", "raw"]
"""How the real API spells a field in responses.

`str`: numbers as strings ("100"); `str01`: booleans as "0"/"1"; `bool01`: booleans as 0/1 ints.
`int`, `bool`, `list`, `raw`: the natural JSON type.
"""
UnsetSpelling = Literal["blank", "omit", "sdk_blank", "real_blank"]
"""How a response spells an unset field: `blank` sends `""` (as the real API does), `omit`
leaves the key out for the SDK, `sdk_blank` sends `""` for the SDK (whose type is not nullable)
and `null` on the real wire, `real_blank` `""` on the real wire and `null` for the SDK (whose
enum has no empty value)."""
Access = Literal["standard", "presence", "json_patch", "products", "by_id"]
"""How a kind is read and written: `standard` versioned objects (list/POST, GET/PUT/DELETE by
name, or GET/PUT for a singleton); `presence` a versioned switch that exists or not (http3:
GET, POST, DELETE); `json_patch` a versioned singleton read with GET and changed with a JSON
PATCH (image optimizer defaults); `products` versionless per-service product switches
(`/enabled-products/v1/{product}/services/{id}`); `by_id` versioned objects listed and
created under the version but changed by id (`/rate-limiters/{id}`)."""
Storage = Literal["dictionary_items", "acl_entries", "director_members", "dynamic_content"]
"""How a detached field is stored: versionless dictionary items or ACL entries, director members
written one by one, or a dynamic snippet's content behind its own endpoint."""


class KindModel(BaseModel):
    """Base of every resource model: strict about unknown keys, lax about wire spellings.

    The API answers `""` where nothing is set on some kinds and `null` on others; both mean
    "unset", so optional strings fold `""` into `None` and a spec that omits a field compares
    equal to a live object that holds the API default.
    """

    model_config = ConfigDict(extra="forbid", validate_assignment=False, populate_by_name=True)

    @model_validator(mode="before")
    @classmethod
    def _blank_means_unset(cls, data: Any) -> Any:
        if not isinstance(data, dict):
            return data
        out = dict(data)
        for key, value in data.items():
            info = cls.model_fields.get(key)
            if info is None or value != "":
                continue
            if info.default is None or info.default == "":
                out[key] = info.default
        return out


IGNORE_FIELD = "ignore_changes"
"""The spec-only field listing an object's fields that plan and apply leave alone."""


class Ignoring(KindModel):
    """An object that may list fields plan and apply leave alone (Terraform's
    `lifecycle.ignore_changes`): set by another system, or owned by another team."""

    ignore_changes: list[str] = Field(
        default_factory=list, description="Fields plan and apply leave alone on this object "
        "(values other systems set). A create still sends them. Default: none.")

    @model_validator(mode="after")
    def _known_fields(self) -> Ignoring:
        unknown = [f for f in self.ignore_changes
                   if f not in type(self).model_fields or f in ("name", IGNORE_FIELD)]
        if unknown:
            raise ValueError(f"ignore_changes: {', '.join(map(repr, unknown))} is not a field "
                             f"of this object")
        return self


class NamedModel(Ignoring):
    """A versioned object keyed by its name within a service version."""

    name: str


@dataclass(frozen=True)
class Reference:
    """A field that names an object of another kind (checked at load, ordered at apply)."""

    field: str
    kind: str
    condition_type: str | None = None
    many: bool = False


@dataclass(frozen=True)
class Detached:
    """A model field kept outside the versioned object, and how it is stored."""

    field: str
    storage: Storage
    when: str | None = None
    """A boolean model field that must be set for `field` to be detached (a snippet's
    `dynamic`); None: always detached."""
    hidden_by: str | None = None
    """A boolean model field that, when set, makes the stored data unreadable through the API
    (a dictionary's `write_only`): it can be written but never read back."""
    managed_by: str | None = None
    """A spec-only boolean model field that, when false, says the contents are managed
    elsewhere (Terraform's `manage_items = false`): never read, compared or written."""


@dataclass(frozen=True)
class Exclusive:
    """Fields the API refuses together (400 with `message`) when an object is created."""

    field: str
    others: tuple[str, ...]
    message: str
    clears: bool = False
    """On update, setting one clears the others instead of failing (gzip_level and
    compression_codec: the newer setting wins)."""


@dataclass(frozen=True)
class Kind:
    """Everything fastlysync knows about one versioned Fastly resource kind."""

    name: str
    """Singular name used in messages, plans and the kind registry (`backend`, `logging_s3`)."""
    model: type[KindModel]
    spec_key: str
    """Key in a spec file and in `/details` version objects (`backends`)."""
    api_path: str
    """Path segment under `/service/{id}/version/{v}/` (`backend`, `logging/s3`)."""
    api_label: str
    """How Fastly names the kind in error details (`Backend`, `Condition`)."""
    in_details: bool = True
    """Whether `/service/{id}/details` carries this kind (logging kinds are not there)."""
    wire: dict[str, WireType] = field(default_factory=dict)
    """Fields whose response type differs from the model's natural JSON type."""
    version_wire: WireType = "int"
    """How responses spell the `version` field."""
    sensitive: frozenset[str] = frozenset()
    references: tuple[Reference, ...] = ()
    order: int = 50
    """Apply order: lower kinds are created first and deleted last."""
    singleton: bool = False
    has_id: bool = False
    """Whether the API gives the object an opaque `id` (dictionary, acl, snippet)."""
    logging: bool = False
    echoes: dict[str, str] = field(default_factory=dict)
    """API-only response fields that copy a model field (backend `hostname` echoes `address`)."""
    spec_only: frozenset[str] = frozenset()
    """Model fields that exist only in specs and never reach the API (`file`, resolved to
    `content` at load)."""
    wire_prefix: str = ""
    """Prefix of every field on the wire (`general.` for settings)."""
    storage: tuple[Detached, ...] = ()
    """Model fields stored outside the version (dictionary items, ACL entries, dynamic
    snippet content, director members): read and written through their own endpoints."""
    unset_wire: dict[str, UnsetSpelling] = field(default_factory=dict)
    """How responses spell an unset field where the real API's value would break the official
    SDK: `blank` sends `""` for None (as the real API does); `omit` leaves the key out when it
    holds None, 0 or "" (enums with no empty value, S3 `file_max_bytes` whose SDK minimum is
    1 MiB although the API answers 0)."""
    real_wire: dict[str, WireType] = field(default_factory=dict)
    """Where the real API's spelling differs from the SDK's declared type (syslog `port` is
    "514" on the real API, an int in the SDK); used by the emulator's `real` wire mode."""
    extras: dict[str, Any] = field(default_factory=dict)
    """Response-only keys the real API always sends with a fixed value for objects fastlysync
    makes (backend `ipv4: null`, settings `general.default_pci: 0`), so clients that expect
    them find them."""
    real_extras: dict[str, Any] = field(default_factory=dict)
    """Like `extras`, but only on the real wire: keys whose real value the official SDK's
    declared type refuses (ftp `ipv4: null` where the SDK wants a string)."""
    create_wire: dict[str, WireType] = field(default_factory=dict)
    """Where a create answer spells a field unlike list/get (kafka `format_version` is a
    number only in the create answer)."""
    exclusive: tuple[Exclusive, ...] = ()
    """Fields that cannot be set together."""
    default_name: str | None = None
    """Prefix of the name an object created without one gets (`<prefix>_<n>`): fastly-py 15
    creates request settings with no fields at all. None: a name is required."""
    fixed_name: bool = False
    """The API ignores a new `name` given in an update (directors keep theirs)."""
    name_pattern: str | None = None
    """Regex a new name must match in full, when the API restricts names (ACLs, dictionaries)."""
    name_rule: str | None = None
    """The API's message when a name breaks `name_pattern`."""
    access: Access = "standard"
    """How the API reads and writes it (see `Access`); non-standard kinds are not in
    /details and are read only when a spec declares them (or by import)."""

    @property
    def versionless(self) -> bool:
        """Changes need no new version (product enablement)."""
        return self.access == "products"

    def __post_init__(self) -> None:
        if IGNORE_FIELD in self.model.model_fields:  # spec-only on every kind that has it
            object.__setattr__(self, "spec_only", self.spec_only | {IGNORE_FIELD})

    @property
    def key_field(self) -> str:
        return "name"

    def contents_elsewhere(self, obj: Any) -> frozenset[str]:
        """Detached fields of `obj` whose contents another system manages (its spec says
        `manage_items: false` or the like): fastlysync owns the container only."""
        return frozenset(d.field for d in self.storage
                         if d.managed_by is not None
                         and getattr(obj, d.managed_by, True) is False)

    def ignored(self, obj: Any) -> frozenset[str]:
        """Fields plan and apply leave alone on `obj` (its `ignore_changes`)."""
        return frozenset(getattr(obj, IGNORE_FIELD, None) or ())

    @functools.cached_property
    def detached(self) -> frozenset[str]:
        """Fields that always live outside the version (not a snippet's conditional content)."""
        return frozenset(d.field for d in self.storage if d.when is None)

    @functools.cached_property
    def dynamic(self) -> Detached | None:
        """The field that leaves the version only when a flag is set (dynamic snippets)."""
        return next((d for d in self.storage if d.when is not None), None)

    def detached_as(self, field_name: str) -> Detached:
        for declared in self.storage:
            if declared.field == field_name:
                return declared
        raise KeyError(f"{self.name}.{field_name}: not a detached field")

    def hides(self, obj: Any) -> bool:
        """Whether `obj`'s detached data cannot be read back (a write-only dictionary)."""
        return any(d.hidden_by is not None and bool(getattr(obj, d.hidden_by, False))
                   for d in self.storage)

    def stores(self, storage: Storage) -> bool:
        return any(d.storage == storage for d in self.storage)

    def api_fields(self) -> list[str]:
        """Model fields that live on the versioned object itself."""
        return [name for name in self.model.model_fields
                if name not in self.spec_only and name not in self.detached]

    def defaults(self) -> dict[str, Any]:
        """The API's defaults for every field that has one."""
        return {
            name: info.get_default(call_default_factory=True)
            for name, info in self.model.model_fields.items()
            if not info.is_required()
        }

    def is_sensitive(self, field_name: str) -> bool:
        return field_name in self.sensitive
