"""Request parameters and bodies as the real API reads them: text, flags, IPs, batches, sorting
and pagination (with the RFC 5988 `Link` header)."""

from __future__ import annotations

import ipaddress
from typing import Any
from urllib.parse import urlencode

from .errors import bad_request
from .messages import Request, Response

MAX_BATCH = 1000


def text(value: Any, name: str) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, str | int | float):
        out = str(value)
        if "\x00" in out:
            raise bad_request(f"Invalid value for '{name}': contains a NUL character")
        return out
    raise bad_request(f"Invalid value for '{name}': must be a string")


def flag(value: Any, name: str) -> bool:
    from ..kinds.wire import parse_bool

    try:
        return parse_bool(value)
    except ValueError:
        raise bad_request(f"Invalid value for '{name}': must be a boolean") from None


def ip(value: Any) -> str:
    given = text(value, "ip")
    try:
        return str(ipaddress.ip_address((given or "").strip()))
    except ValueError:
        raise bad_request(f"Invalid value for 'ip': {given!r} is not an IP address") from None


def subnet(value: Any, address: str) -> int | None:
    if value is None or value == "":
        return None
    given = text(value, "subnet") or ""
    limit = 32 if ipaddress.ip_address(address).version == 4 else 128
    if not given.isdigit() or not 0 <= int(given) <= limit:
        raise bad_request(f"Invalid value for 'subnet': must be 0 to {limit}")
    return int(given)


def batch(data: dict[str, Any], key: str) -> list[dict[str, Any]]:
    ops = data.get(key)
    if not isinstance(ops, list) or not all(isinstance(op, dict) for op in ops):
        raise bad_request(f"Invalid value for '{key}': expected a list of operations")
    if len(ops) > MAX_BATCH:
        raise bad_request(f"Exceeded the maximum of {MAX_BATCH} operations per batch "
                          f"({len(ops)} given)")
    return ops


def sort_rows(req: Request, rows: list[dict[str, Any]], keys: dict[str, str], *,
            default: str) -> list[dict[str, Any]]:
    sort = req.arg("sort") or default
    field_name = keys.get(sort, keys.get(default, sort))
    if sort not in keys and sort != default:
        raise bad_request(f"Invalid sort field '{sort}'")
    rows = sorted(rows, key=lambda row: str(row.get(field_name) or ""))
    if (req.arg("direction") or "ascend") == "descend":
        rows.reverse()
    return rows


def positive(req: Request, name: str, default: int, limit: int) -> int:
    raw = req.arg(name)
    if raw is None or raw == "":
        return default
    if not raw.isdigit() or not 1 <= int(raw) <= 10**9:
        raise bad_request(f"Invalid value for '{name}': {raw!r}")
    return min(int(raw), limit)


def paged(req: Request, rows: list[Any], path: str) -> Response:
    """A 200 with one page of a versionless collection (100 rows unless asked)."""
    page, link = paginate(req, rows, path, default_per_page=100)
    return Response(200, page, {"Link": link} if link else {})


def paginate(req: Request, rows: list[Any], path: str, *,
             default_per_page: int) -> tuple[list[Any], str | None]:
    """One page of `rows` and the RFC 5988 Link header the real API sends with it."""
    page = positive(req, "page", 1, 10**9)
    per_page = positive(req, "per_page", default_per_page, 1000)
    last = max(1, -(-len(rows) // per_page))
    chunk = rows[(page - 1) * per_page: page * per_page]
    query = {k: v[-1] for k, v in req.query.items() if k not in ("page", "per_page")}

    def url(number: int) -> str:
        params = dict(sorted({**query, "page": str(number), "per_page": str(per_page)}.items()))
        return f"<{req.base_url}{path}?{urlencode(params)}>"

    links = []
    if page < last:
        links += [f'{url(last)}; rel="last"', f'{url(page + 1)}; rel="next"']
    if page > 1:
        links += [f'{url(min(page - 1, last))}; rel="prev"', f'{url(1)}; rel="first"']
    return chunk, ", ".join(links) or None
