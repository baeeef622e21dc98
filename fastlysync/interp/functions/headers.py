"""header.*, std.collect and setcookie.*: functions over a whole header set."""

from __future__ import annotations

from typing import Any

from .. import regex
from ..values import to_str
from ..variables import HEADER_PREFIXES
from . import builtin


def _where(ex: Any, node: Any) -> Any:
    first = node.args[0] if node.args else None
    name = getattr(first, "name", "")
    if name not in HEADER_PREFIXES:
        raise ex.fail(f"{node.name}: first argument must be req, bereq, beresp, obj or resp",
                      node)
    return getattr(ex.st, name)


@builtin("header.get", raw=True)
def header_get(ex: Any, node: Any) -> str | None:
    return _where(ex, node).get(to_str(ex.eval(node.args[1])))


@builtin("header.set", raw=True)
def header_set(ex: Any, node: Any) -> None:
    value = ex.eval(node.args[2])
    _where(ex, node).set(to_str(ex.eval(node.args[1])), None if value is None else to_str(value))


@builtin("header.unset", raw=True)
def header_unset(ex: Any, node: Any) -> None:
    _where(ex, node).unset(to_str(ex.eval(node.args[1])))


# Fastly's "Special and protected headers" reference: VCL cannot modify these, and
# header.filter / header.filter_except leave them alone.
PROTECTED = frozenset({"content-length", "content-range", "expect", "fastly-ff",
                       "proxy-authenticate", "proxy-authorization", "te", "trailer",
                       "transfer-encoding", "upgrade"})


def _filter(keep_listed: bool) -> Any:
    def fn(ex: Any, node: Any) -> None:
        hdrs = _where(ex, node)
        listed = {to_str(ex.eval(a)).lower() for a in node.args[1:]}
        for name in hdrs.names():
            low = name.lower()
            if (low in listed) != keep_listed and low not in PROTECTED:
                hdrs.unset(name)
    return fn


builtin("header.filter", raw=True)(_filter(False))
builtin("header.filter_except", raw=True)(_filter(True))


@builtin("std.collect", raw=True)
def collect(ex: Any, node: Any) -> None:
    ident = node.args[0]
    head, _, rest = ident.name.partition(".http.")
    if head not in HEADER_PREFIXES:
        raise ex.fail("std.collect needs a header", node)
    sep = to_str(ex.eval(node.args[1])) if len(node.args) > 1 else (
        "; " if rest.lower() == "cookie" else ", ")
    hdrs = getattr(ex.st, head)
    values = hdrs.get_all(rest)
    if len(values) > 1:
        hdrs.set(rest, sep.join(values))


def _cookies(ex: Any, node: Any) -> tuple[Any, list[str]]:
    hdrs = _where(ex, node)
    return hdrs, hdrs.get_all("Set-Cookie")


@builtin("setcookie.get_value_by_name", raw=True)
def get_cookie(ex: Any, node: Any) -> str | None:
    _, values = _cookies(ex, node)
    name = to_str(ex.eval(node.args[1]))
    for v in reversed(values):  # Fastly: with several of one name, the last one's value
        first = v.split(";", 1)[0]
        n, _, val = first.partition("=")
        if n.strip() == name:
            return val.strip()
    return None


@builtin("setcookie.delete_by_name", raw=True)
def delete_cookie(ex: Any, node: Any) -> bool:
    hdrs, values = _cookies(ex, node)
    name = to_str(ex.eval(node.args[1]))
    kept = [v for v in values if v.split(";", 1)[0].partition("=")[0].strip() != name]
    if len(kept) == len(values):
        return False
    hdrs.unset("Set-Cookie")
    for v in kept:
        hdrs.add("Set-Cookie", v)
    return True


def _qvalues(text: str) -> list[tuple[str, float]]:
    out = []
    for part in text.split(","):
        item, *params = [p.strip() for p in part.split(";")]
        q = 1.0
        for p in params:
            m = regex.search(r"^q=([0-9.]+)$", p)
            if m:
                q = float(m.group(1))
        if item:
            out.append((item, q))
    return sorted(out, key=lambda t: -t[1])


def _lookup(case_insensitive: bool) -> Any:
    def fn(ex: Any, node: Any, available: Any, default: Any, header: Any) -> str:
        options = to_str(available).split(":")
        norm = (lambda x: x.lower()) if case_insensitive else (lambda x: x)
        ranked = _qvalues(to_str(header))
        named = {norm(item) for item, _ in ranked}
        for item, q in ranked:
            if q <= 0:
                continue
            for opt in options:
                # RFC 7231: "*" stands for any value the header does not name itself
                if norm(opt) == norm(item) or (item == "*" and norm(opt) not in named):
                    return opt
        return to_str(default)
    return fn


builtin("accept.charset_lookup")(_lookup(True))
builtin("accept.encoding_lookup")(_lookup(True))


@builtin("accept.language_lookup")
def language_lookup(ex: Any, node: Any, available: Any, default: Any, header: Any) -> str:
    options = to_str(available).split(":")
    for item, q in _qvalues(to_str(header)):
        if q <= 0:
            continue
        tag = item.lower()
        while tag:  # RFC 4647 lookup: de-DE-1996, then de-DE, then de
            for opt in options:
                if opt.lower() == tag:
                    return opt
            tag = tag.rpartition("-")[0]
    return to_str(default)


@builtin("accept.language_filter_basic")
def language_filter_basic(ex: Any, node: Any, available: Any, default: Any, header: Any,
                          nmatches: Any) -> str:
    """RFC 4647 3.3.1 basic filtering: a range matches a tag equal to it or starting with it
    followed by "-" (`*` matches every tag); matches in preference order, comma-separated."""
    options = [o for o in to_str(available).split(":") if o]
    found: list[str] = []
    for item, q in _qvalues(to_str(header)):
        if q <= 0:
            continue
        rng = item.lower()
        for opt in options:
            tag = opt.lower()
            if (rng == "*" or tag == rng or tag.startswith(rng + "-")) and opt not in found:
                found.append(opt)
    limit = int(nmatches) if nmatches is not None else 0
    return ",".join(found[:max(limit, 0)]) if found and limit > 0 else to_str(default)


@builtin("std.count", raw=True)
def count(ex: Any, node: Any) -> int:
    """The number of objects in a collection: the header fields of req/bereq/beresp/obj/resp."""
    name = getattr(node.args[0], "name", "") if len(node.args) == 1 else ""
    head, _, rest = name.partition(".")
    if head not in HEADER_PREFIXES or rest != "headers":
        raise ex.fail("std.count: the argument must be a header collection such as req.headers",
                      node)
    return len(getattr(ex.st, head))


@builtin("accept.media_lookup")
def media_lookup(ex: Any, node: Any, available: Any, default: Any, range_defaults: Any,
                 header: Any) -> str:
    """Fastly's reference: the Accept ranges in preference order; an exact type returns the
    available one (case-insensitively, as written in `available`), `type/*` returns the range
    default of that type (else the first available of that type), `*/*` returns the default."""
    options = [o for o in to_str(available).split(":") if o]
    by_range = {}
    for entry in (e for e in to_str(range_defaults).split(":") if e):
        by_range.setdefault(entry.split("/")[0].lower() + "/*", entry)
    for item, q in _qvalues(to_str(header)):
        if q <= 0:
            continue
        wanted = item.lower()
        if wanted == "*/*":
            return to_str(default)
        for opt in options:
            if opt.lower() == wanted:
                return opt
        if wanted.endswith("/*"):
            if wanted in by_range:
                return by_range[wanted]
            major = wanted[:-2]
            for opt in options:
                if opt.lower().split("/")[0] == major:
                    return opt
    return to_str(default)
