"""HTTP header sets as VCL sees them.

Names are case-insensitive and a header may appear several times. Reading ``req.http.X`` gives
the first field (``std.collect`` joins them); ``set`` replaces every field, ``add`` appends one,
``unset`` removes all. ``req.http.Cookie:name`` reads and writes one ``key=value`` member, with
``;`` as separator for Cookie / Set-Cookie and ``,`` for every other header.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

MAX_HEADER_BYTES = 69 * 1024
"""Fastly's limit on a request or response header section (constraints page)."""


class Headers:
    __slots__ = ("_fields",)

    def __init__(self, fields: Iterable[tuple[str, str]] = ()) -> None:
        self._fields: list[tuple[str, str]] = [(n, v) for n, v in fields]

    def copy(self) -> Headers:
        return Headers(self._fields)

    def __iter__(self) -> Iterator[tuple[str, str]]:
        return iter(self._fields)

    def __len__(self) -> int:
        return len(self._fields)

    def get(self, name: str) -> str | None:
        low = name.lower()
        for n, v in self._fields:
            if n.lower() == low:
                return v
        return None

    def get_all(self, name: str) -> list[str]:
        low = name.lower()
        return [v for n, v in self._fields if n.lower() == low]

    def set(self, name: str, value: str | None) -> None:
        """Replace every field called ``name`` (keeping the first one's position)."""
        low = name.lower()
        out: list[tuple[str, str]] = []
        placed = False
        for n, v in self._fields:
            if n.lower() == low:
                if not placed and value is not None:
                    out.append((name, value))
                    placed = True
            else:
                out.append((n, v))
        if not placed and value is not None:
            out.append((name, value))
        self._fields = out

    def add(self, name: str, value: str) -> None:
        self._fields.append((name, value))

    def unset(self, name: str) -> None:
        self.set(name, None)

    def names(self) -> list[str]:
        seen: dict[str, str] = {}
        for n, _ in self._fields:
            seen.setdefault(n.lower(), n)
        return list(seen.values())

    def size(self) -> int:
        return sum(len(n) + len(v) + 4 for n, v in self._fields)

    def as_dict(self) -> dict[str, str]:
        """First value per name (original spelling), for reports."""
        out: dict[str, str] = {}
        for n, v in self._fields:
            if not any(k.lower() == n.lower() for k in out):
                out[n] = v
        return out


def separator(header: str) -> str:
    return ";" if header.lower() in ("cookie", "set-cookie") else ","


def get_subfield(text: str | None, key: str, sep: str) -> str | None:
    """The value of ``key`` in ``a=1; key=2``; ``""`` for a bare ``key``; None when absent.
    Names match case-insensitively (Fastly's subfield reference: "always matches case
    insensitively")."""
    if text is None:
        return None
    wanted = key.lower()
    for part in text.split(sep):
        name, eq, value = part.strip().partition("=")
        if name.strip().lower() == wanted:
            return value.strip() if eq else ""
    return None


def set_subfield(text: str | None, key: str, value: str | None, sep: str) -> str | None:
    """Replace (or append, or with None remove) the ``key`` member of a header value."""
    parts = [p.strip() for p in text.split(sep)] if text else []
    out: list[str] = []
    done = False
    for part in parts:
        if not part:
            continue
        name = part.partition("=")[0].strip()
        if name.lower() == key.lower():
            if value is not None and not done:
                out.append(f"{key}={value}" if value != "" else key)
                done = True
            continue
        out.append(part)
    if value is not None and not done:
        out.append(f"{key}={value}" if value != "" else key)
    joiner = "; " if sep == ";" else ", "
    return joiner.join(out) if out else None
