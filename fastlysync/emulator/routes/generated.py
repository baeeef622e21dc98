"""`GET /service/{id}/version/{n}/generated_vcl`: the VCL a version compiles to.

Fastly answers a `VclResponse` (`{name, content, main, service_id, version, timestamps}`)
whose content is its own boilerplate with the version's objects rendered in: backends,
dictionaries as tables, ACLs, and the main custom VCL with every snippet spliced in after its
`#FASTLY <type>` macro (or default subroutines holding the macros when there is no custom
VCL). The emulator renders the same pieces; Fastly's internal boilerplate it cannot copy.
`…/generated_vcl/content` gives the same text as `{"content": …}`.
"""

from __future__ import annotations

import json
import re
from typing import TYPE_CHECKING, Any

from ...kinds import KINDS
from ..messages import Request, Response, Route
from .paths import bind

if TYPE_CHECKING:
    from ..api import FastlyApi

SUBROUTINES = ("recv", "hash", "hit", "miss", "pass", "fetch", "error", "deliver", "log")
_MACRO = re.compile(r"^(\s*)#FASTLY\s+(\w+)\s*$", re.MULTILINE)


def route(api: FastlyApi, req: Request) -> Route | None:
    return (bind(api, req, "service/{sid}/version/{v}/generated_vcl",
                 {"GET": ("GET generated_vcl", generated_vcl)})
            or bind(api, req, "service/{sid}/version/{v}/generated_vcl/content",
                    {"GET": ("GET generated_vcl/content", generated_content)}))


def generated_vcl(api: FastlyApi, req: Request, customer: str, sid: str, v: str) -> Response:
    api._service(customer, sid)
    version = api._version(sid, v)
    return Response(200, {"name": "generated", "main": True,
                          "content": render(api, sid, version["number"]),
                          "service_id": sid, "version": version["number"],
                          "created_at": version["created_at"],
                          "updated_at": version["updated_at"], "deleted_at": None})


def generated_content(api: FastlyApi, req: Request, customer: str, sid: str,
                      v: str) -> Response:
    api._service(customer, sid)
    return Response(200, {"content": render(api, sid, api._version(sid, v)["number"])})


def _fields(api: FastlyApi, sid: str, number: int, kind_name: str) -> list[dict[str, Any]]:
    return [{**record["fields"], "_id": record.get("id")}
            for _name, record in api._objects(sid, number, KINDS[kind_name])]


def mangle(name: str) -> str:
    """Fastly's VCL name for a backend: `F_` and the name with other characters as `_`."""
    return "F_" + re.sub(r"[^A-Za-z0-9_]", "_", name)


def render(api: FastlyApi, sid: str, number: int) -> str:
    parts = [f"# Generated VCL for service {sid} version {number}"]
    for backend in _fields(api, sid, number, "backend"):
        parts.append(f"backend {mangle(backend['name'])} {{\n"
                     f"  .host = {json.dumps(backend['address'])};\n"
                     f"  .port = \"{backend.get('port') or 80}\";\n"
                     f"  .connect_timeout = {backend.get('connect_timeout', 1000)}ms;\n"
                     f"  .first_byte_timeout = {backend.get('first_byte_timeout', 15000)}ms;\n"
                     f"  .between_bytes_timeout = "
                     f"{backend.get('between_bytes_timeout', 10000)}ms;\n}}")
    for dictionary in _fields(api, sid, number, "dictionary"):
        rows = [] if dictionary.get("write_only") else api.store.scan(
            "item", (sid, dictionary["_id"]))
        body = "".join(f"  {json.dumps(key)}: {json.dumps(item['value'])},\n"
                       for key, item in sorted(rows))
        parts.append(f"table {dictionary['name']} {{\n{body}}}")
    for acl in _fields(api, sid, number, "acl"):
        entries = api.store.scan("entry", (sid, acl["_id"]))
        body = "".join(f"  {'!' if e['negated'] else ''}{json.dumps(e['ip'])}"
                       f"{'/' + str(e['subnet']) if e['subnet'] is not None else ''};\n"
                       for _id, e in entries)
        parts.append(f"acl {acl['name']} {{\n{body}}}")
    snippets = _snippets(api, sid, number)
    parts += snippets.get("init", [])
    main = next((vcl["content"] for vcl in _fields(api, sid, number, "vcl") if vcl.get("main")),
                None)
    if main is None:
        main = "\n\n".join(f"sub vcl_{sub} {{\n#FASTLY {sub}\n}}" for sub in SUBROUTINES)
    parts.append(_MACRO.sub(lambda m: _expand(m, snippets), main))
    return "\n\n".join(parts) + "\n"


def _snippets(api: FastlyApi, sid: str, number: int) -> dict[str, list[str]]:
    """Snippet contents by type, in priority order (dynamic ones from their own store)."""
    found: list[tuple[int, str, str, str]] = []
    for snippet in _fields(api, sid, number, "snippet"):
        content = snippet.get("content")
        if snippet.get("dynamic"):
            content = (api.store.get("dynamic", (sid, snippet["_id"])) or {}).get("content")
        found.append((int(snippet.get("priority") or 100), snippet["name"],
                      str(snippet.get("type")), content or ""))
    out: dict[str, list[str]] = {}
    for _priority, name, kind, content in sorted(found):
        out.setdefault(kind, []).append(f"# Snippet {name}\n{content}".rstrip())
    return out


def _expand(match: re.Match[str], snippets: dict[str, list[str]]) -> str:
    return "\n".join([match.group(0), *snippets.get(match.group(2), [])])
