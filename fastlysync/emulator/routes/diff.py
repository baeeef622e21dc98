"""`GET /service/{id}/diff/from/{a}/to/{b}`: two versions' configuration, line by line.

The real API dumps each version as YAML (keys sorted, `name` first in each object, null as an
empty value, no ids or timestamps) and marks every line of the whole document with ` `, `-`
or `+`: `{"from": "56", "to": "57", "format": "text", "diff": " acls: []\\n-backends: []…"}`.
`format=html` and `html_simple` wrap the same lines in markup. (fastly-py declares `from`
and `to` as integers: the SDK wire mode sends them so.)
"""

from __future__ import annotations

import difflib
import html
import json
import re
from typing import TYPE_CHECKING, Any

from ..errors import bad_request
from ..messages import Request, Response, Route
from .paths import bind

if TYPE_CHECKING:
    from ..api import FastlyApi

FORMATS = ("text", "html", "html_simple")
VERSION_ONLY = frozenset({"number", "active", "locked", "created_at", "updated_at",
                          "deleted_at", "environments"})
OBJECT_ONLY = frozenset({"id", "service_id", "version", "created_at", "updated_at",
                         "deleted_at", "locked"})
_PLAIN = re.compile(r"[\w/][\w./@%^*()=+,;~<>?-]*( [\w./@%^*()=+,;~<>?-]+)*")
_RESERVED = frozenset({"true", "false", "yes", "no", "on", "off", "null", "y", "n", "~"})


def route(api: FastlyApi, req: Request) -> Route | None:
    return bind(api, req, "service/{sid}/diff/from/{a}/to/{b}",
                {"GET": ("GET diff", version_diff)})


def version_diff(api: FastlyApi, req: Request, customer: str, sid: str, a: str,
                 b: str) -> Response:
    api._service(customer, sid)
    old, new = (document(api, sid, api._version(sid, n)) for n in (a, b))
    return diff_answer(api, req, a, b, old, new)


def diff_answer(api: FastlyApi, req: Request, a: str, b: str, old: list[str],
                new: list[str]) -> Response:
    """`{"from", "to", "format", "diff"}` for versions `a` and `b` dumped as `old`, `new`."""
    shown = req.arg("format") or "text"
    if shown not in FORMATS:
        raise bad_request(f"Invalid value for 'format': must be one of {', '.join(FORMATS)}")
    lines = marked_lines(old, new)
    if shown != "text":
        css = {" ": "unchanged", "-": "removed", "+": "added"}
        lines = [f'<span class="{css[line[0]]}">{html.escape(line)}</span>' for line in lines]
    ends: tuple[str | int, str | int] = (a, b) if api.wire_mode == "real" else (int(a), int(b))
    return Response(200, {"from": ends[0], "to": ends[1], "format": shown,
                          "diff": "\n".join(lines) + "\n"})


def marked_lines(old: list[str], new: list[str]) -> list[str]:
    """Every line of the newer document, with the older one's removed lines in place."""
    out: list[str] = []
    matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            out += [" " + line for line in old[i1:i2]]
            continue
        out += ["-" + line for line in old[i1:i2]]
        out += ["+" + line for line in new[j1:j2]]
    return out


def document(api: FastlyApi, sid: str, version: dict[str, Any]) -> list[str]:
    detail = api._version_detail(sid, version)
    data = {key: _plain(value) for key, value in detail.items() if key not in VERSION_ONLY}
    return dump(data)


def _plain(value: Any) -> Any:
    if isinstance(value, list):
        return [_plain(item) for item in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items() if k not in OBJECT_ONLY}
    return value


def dump(value: dict[str, Any], indent: str = "") -> list[str]:
    """A mapping as YAML lines (keys sorted, `name` first)."""
    lines: list[str] = []
    for key in sorted(value, key=lambda k: (k != "name", k)):
        lines += _entry(f"{indent}{key}:", value[key], indent)
    return lines


def _entry(head: str, value: Any, indent: str) -> list[str]:
    if isinstance(value, dict) and value:
        return [head, *dump(value, indent + "  ")]
    if isinstance(value, list) and value:
        lines = [head]
        for item in value:
            if isinstance(item, dict) and item:
                inner = dump(item, indent + "  ")
                lines.append(f"{indent}- {inner[0][len(indent) + 2:]}")
                lines += inner[1:]
            else:
                lines.append(f"{indent}- {scalar(item)}".rstrip())
        return lines
    if isinstance(value, str) and "\n" in value:  # VCL and snippets: one line per line
        return [f"{head} |-", *(f"{indent}  {line}".rstrip() for line in value.split("\n"))]
    shown = scalar(value)
    return [f"{head} {shown}" if shown else head]


def _number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def scalar(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return json.dumps(value)
    if isinstance(value, list):
        return "[]"
    if isinstance(value, dict):
        return "{}"
    text = str(value)
    if _PLAIN.fullmatch(text) and text.lower() not in _RESERVED and not _number(text):
        return text
    return "'" + text.replace("'", "''").replace("\n", "\\n") + "'"
