"""Stored records -> response bodies, in the field types the official SDK declares.

The wire spelling of each field comes from the kind declaration (`wire`, `version_wire`,
`unset_wire`, `echoes`); `real` mode swaps in `real_wire` and the real API's director
`backends` list of names, for clients that want the real API's quirks instead.
"""

from __future__ import annotations

import time
from typing import Any, Literal

from ..kinds import Kind
from ..kinds.wire import spell

WireMode = Literal["sdk", "real"]

VERSION_FLAGS = ("active", "locked", "deployed", "staging", "testing")


def timestamp(at: float) -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(at))


def member_fields(kind: Kind) -> list[tuple[str, str]]:
    """(field, member kind) for detached lists of names kept on the object (director backends)."""
    return [(ref.field, ref.kind) for ref in kind.references
            if ref.many and ref.field in kind.detached
            and kind.detached_as(ref.field).storage == "director_members"]


def is_dynamic(kind: Kind, fields: dict[str, Any]) -> bool:
    dynamic = kind.dynamic
    return dynamic is not None and bool(fields.get(str(dynamic.when)))


def render_fields(kind: Kind, fields: dict[str, Any], mode: WireMode, *,
                  created: bool = False) -> dict[str, Any]:
    """The kind's own fields as the API spells them (no ids, version or timestamps);
    `created`: as the create answer spells them (`Kind.create_wire`)."""
    out: dict[str, Any] = {}
    prefix = kind.wire_prefix
    for name in kind.api_fields():
        value = fields.get(name)
        unset = kind.unset_wire.get(name)
        if unset == "omit" and value in (None, 0, "") and value is not False:
            if mode == "sdk":
                continue
        elif value is None and (unset == "blank" or (unset == "sdk_blank" and mode == "sdk")
                                or (unset == "real_blank" and mode == "real")):
            out[prefix + name] = ""
            continue
        spelling = kind.create_wire.get(name) if created else None
        if spelling is None and mode == "real":
            spelling = kind.real_wire.get(name)
        out[prefix + name] = spell(spelling or kind.wire.get(name), value)
    for echo, source in kind.echoes.items():
        out[echo] = fields.get(source)
    out.update(kind.extras)
    if mode == "real":
        out.update(kind.real_extras)
    for name, _member_kind in member_fields(kind):
        names = fields.get(name) or []
        out[name] = list(names) if mode == "real" else [{"name": n} for n in names]
    return out


def render_object(kind: Kind, service_id: str, number: int, record: dict[str, Any],
                  mode: WireMode, *, created: bool = False) -> dict[str, Any]:
    """One versioned object as list/get/create/update return it."""
    fields = record["fields"]
    out = render_fields(kind, fields, mode, created=created)
    if is_dynamic(kind, fields) and kind.dynamic is not None:
        out[kind.dynamic.field] = None  # dynamic content lives outside the version
    if kind.has_id:
        out["id"] = record["id"]
    out["service_id"] = service_id
    out["version"] = spell(kind.version_wire, number)
    if not kind.singleton:
        out["created_at"] = record["created_at"]
        out["updated_at"] = record["updated_at"]
        out["deleted_at"] = None
    return out


def render_version(service_id: str, version: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {"number": version["number"], "service_id": service_id,
                           "comment": version.get("comment", "")}
    for flag in VERSION_FLAGS:
        out[flag] = bool(version.get(flag))
    out["created_at"] = version["created_at"]
    out["updated_at"] = version["updated_at"]
    out["deleted_at"] = None
    out["environments"] = render_environments(service_id, [version])
    return out


def render_environments(service_id: str, versions: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Which of `versions` each environment runs (production first), as the API lists them
    on services (recorded: `[{"name": "production", "service_id", "active_version"}]`)."""
    out = []
    for name, flag in (("production", "active"), ("staging", "staging")):
        running = [v["number"] for v in versions if v.get(flag)]
        if running:
            out.append({"name": name, "service_id": service_id, "active_version": running[-1]})
    return out


def render_service(service: dict[str, Any], versions: list[dict[str, Any]], *,
                   listing: bool = False, bare: bool = False) -> dict[str, Any]:
    """A service as get/create/update (or, with `listing`, the list) return it; `bare`: as
    search and details return it, without `paused` and `publish_key`."""
    sid = service["id"]
    out: dict[str, Any] = {
        "id": sid, "name": service["name"], "type": service.get("type", "vcl"),
        "comment": service.get("comment", ""), "customer_id": service["customer_id"],
        "created_at": service["created_at"], "updated_at": service["updated_at"],
        "deleted_at": None, "paused": False,
        "versions": [render_version(sid, v) for v in versions],
        "environments": render_environments(sid, versions),
    }
    if listing:
        active = [v["number"] for v in versions if v.get("active")]
        out["version"] = active[0] if active else max((v["number"] for v in versions), default=1)
    elif bare:
        del out["paused"]
    else:
        out["publish_key"] = ""
    return out
