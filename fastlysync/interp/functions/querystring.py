"""querystring.*: edit the query string of a URL, keeping Fastly's order and encoding."""

from __future__ import annotations

import fnmatch
from typing import Any

from .. import regex
from ..values import to_str
from . import builtin

FILTER_SEP = "&"
"""What ``querystring.filtersep()`` returns: the separator between names in a filter list."""


def _split(url: Any) -> tuple[str, list[str] | None]:
    text = to_str(url)
    path, sep, qs = text.partition("?")
    return path, (qs.split("&") if sep else None)


def _join(path: str, params: list[str]) -> str:
    return path + "?" + "&".join(params) if params else path


def _name(param: str) -> str:
    return param.partition("=")[0]


_UNRESERVED = frozenset(b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.~")


def _encode(value: Any) -> str:
    """Fastly URL-encodes the name and value that querystring.add/set write (as urlencode)."""
    return "".join(chr(b) if b in _UNRESERVED else f"%{b:02X}" for b in to_str(value).encode())


@builtin("querystring.get")
def qs_get(ex: Any, node: Any, url: Any, name: Any) -> str | None:
    _, params = _split(url)
    key = to_str(name)
    for p in params or []:
        n, eq, v = p.partition("=")
        if n == key:
            return v if eq else ""
    return None


@builtin("querystring.set")
def qs_set(ex: Any, node: Any, url: Any, name: Any, value: Any) -> str:
    path, params = _split(url)
    key, val = _encode(name), _encode(value)
    out, done = [], False
    for p in params or []:
        if _name(p) == key:
            if not done:
                out.append(f"{key}={val}")
                done = True
            continue
        out.append(p)
    if not done:
        out.append(f"{key}={val}")
    return _join(path, out)


@builtin("querystring.add")
def qs_add(ex: Any, node: Any, url: Any, name: Any, value: Any) -> str:
    path, params = _split(url)
    return _join(path, [*(params or []), f"{_encode(name)}={_encode(value)}"])


@builtin("querystring.remove")
def qs_remove(ex: Any, node: Any, url: Any) -> str:
    return _split(url)[0]


@builtin("querystring.clean")
def qs_clean(ex: Any, node: Any, url: Any) -> str:
    path, params = _split(url)
    if params is None:
        return path
    return _join(path, [p for p in params if p and _name(p)])


MAX_SORTED = 32
"""Fastly's reference: a query string of more parameters is left unsorted."""


@builtin("querystring.sort", "boltsort.sort")
def qs_sort(ex: Any, node: Any, url: Any, only_unique_keys: Any = False) -> str:
    """Sorted by name (byte order: uppercase first), keeping duplicates in order, or only the
    first of each name with `only_unique_keys`; parameters without a name are dropped."""
    path, params = _split(url)
    if params is None:
        return path
    if len(params) > MAX_SORTED:
        return to_str(url)
    kept = [p for p in params if _name(p)]
    if only_unique_keys:
        seen: set[str] = set()
        kept = [p for p in kept if not (_name(p) in seen or seen.add(_name(p)))]
    return _join(path, sorted(kept, key=_name))


@builtin("querystring.filtersep")
def filtersep(ex: Any, node: Any) -> str:
    return FILTER_SEP


def _filter(keep_matching: bool, match: Any) -> Any:
    def fn(ex: Any, node: Any, url: Any, spec: Any) -> str:
        path, params = _split(url)
        if params is None:
            return path
        test = match(ex, node, to_str(spec))
        kept = [p for p in params if p and test(_name(p)) != (not keep_matching)]
        return _join(path, kept)
    return fn


def _names(ex: Any, node: Any, spec: str) -> Any:
    names = set(spec.split(FILTER_SEP))
    return lambda n: n in names


def _globs(ex: Any, node: Any, spec: str) -> Any:
    return lambda n: fnmatch.fnmatchcase(n, spec)


def _regexes(ex: Any, node: Any, spec: str) -> Any:
    return lambda n: regex.search(spec, n, ex.frame.path, node.line) is not None


builtin("querystring.filter")(_filter(False, _names))
builtin("querystring.filter_except")(_filter(True, _names))
builtin("querystring.globfilter")(_filter(False, _globs))
builtin("querystring.globfilter_except")(_filter(True, _globs))
builtin("querystring.regfilter")(_filter(False, _regexes))
builtin("querystring.regfilter_except")(_filter(True, _regexes))
