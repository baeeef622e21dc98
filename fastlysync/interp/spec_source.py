"""A spec's service as the interpreter runs it: the VCL Fastly generates from its objects.

Fastly turns backends, conditions, headers, gzip, cache and request settings, response objects
and logging endpoints into VCL at each subroutine's ``#FASTLY`` macro. ``generated_vcl`` writes
that VCL (after Fastly's generated VCL, in this project's words) so the interpreter runs it like
any other code and traces point at it. What is modelled per kind is listed in docs/testing.md.
"""

from __future__ import annotations

import ipaddress
from typing import Any

from fastlysync.kinds import KINDS
from fastlysync.spec.loader import LoadedService, display_path
from fastlysync.vcl.context import backend_vcl_name
from fastlysync.vcl.parser import parse

from .executor import TableRef
from .service import SnippetSpec, Source, SourceFile
from .values import AclRef, BackendRef

RESPONSE_OBJECT_BASE = 900
"""Generated ``error`` status of the first response object (Fastly uses 900 and up)."""

LOG_KINDS = tuple(k for k in KINDS if k.startswith("logging_"))


def vcl_string(text: str) -> str:
    """A VCL literal for ``text``: a plain string when safe, else a long string."""
    if not any(c in text for c in '"%\n\r') and text.isprintable():
        return f'"{text}"'
    if '"}' not in text:
        return '{"' + text + '"}'
    for n in range(100):
        delim = f"D{n}"
        if f'"{delim}}}' not in text:
            return "{" + delim + '"' + text + '"' + delim + "}"
    return '""'


def _objects(loaded: LoadedService, kind: str) -> list[Any]:
    return list(loaded.service.objects(KINDS[kind]))


def _guard(statement: str | None, body: list[str]) -> list[str]:
    if not body:
        return []
    if not statement:
        return body
    return [f"if ({statement}) {{", *("  " + line for line in body), "}"]


def spec_source(loaded: LoadedService) -> Source:
    service = loaded.service
    spec_path = str(display_path(loaded.path))
    conditions = {c.name: c for c in _objects(loaded, "condition")}

    def cond(name: str | None) -> str | None:
        return conditions[name].statement if name and name in conditions else None

    def cond_priority(name: str | None) -> int:
        return conditions[name].priority if name and name in conditions else 10

    src = Source(name=service.name, service_id=getattr(service, "id", None) or "SERVICEID")
    settings = _objects(loaded, "settings")[0]
    src.default_ttl = int(settings.default_ttl)
    src.include_dirs = [str(loaded.vcl_file("x").parent)]
    domains = _objects(loaded, "domain")
    if domains:
        src.default_host = domains[0].name

    for vcl in _objects(loaded, "vcl"):
        path = (str(display_path(loaded.vcl_file(vcl.file))) if vcl.file
                else f"{spec_path}#vcl:{vcl.name}")
        src.vcls.append(SourceFile(vcl.name, vcl.content or "", path, bool(vcl.main)))
    for snip in _objects(loaded, "snippet"):
        path = (str(display_path(loaded.vcl_file(snip.file))) if snip.file
                else f"{spec_path}#snippet:{snip.name}")
        src.snippets.append(SnippetSpec(snip.name, snip.type, snip.content or "", path,
                                        int(snip.priority)))

    backends: dict[str, BackendRef] = {}
    for b in _objects(loaded, "backend"):
        ref = BackendRef(backend_vcl_name(b.name), host=b.address, port=b.port,
                         use_ssl=b.use_ssl, override_host=b.override_host, spec_name=b.name)
        backends[b.name] = ref
        src.backends.append(ref)
    for d in _objects(loaded, "director"):
        members = [backends[n] for n in d.backends if n in backends]
        src.backends.append(BackendRef(
            backend_vcl_name(d.name), kind="director", members=members, spec_name=d.name,
            director_type={1: "random", 3: "hash", 4: "client"}.get(int(d.type), "random")))
    for t in _objects(loaded, "dictionary"):
        src.tables[t.name] = TableRef(t.name, "STRING", {str(k): str(v)
                                                          for k, v in t.items.items()})
    for a in _objects(loaded, "acl"):
        entries = []
        for e in a.entries:
            net = ipaddress.ip_network(f"{e.ip}/{e.subnet}" if e.subnet is not None else e.ip,
                                       strict=False)
            entries.append((net, bool(e.negated)))
        src.acls[a.name] = AclRef(a.name, entries)

    src.generated = generated_vcl(loaded, cond, cond_priority, src.notes)
    for kind in LOG_KINDS:
        src.log_endpoints += [e.name for e in _objects(loaded, kind)]
    return src


def generated_vcl(loaded: LoadedService, cond: Any, cond_priority: Any,
                  notes: list[str]) -> dict[str, str]:
    recv: list[str] = []
    fetch: list[str] = []
    deliver: list[str] = []
    error: list[str] = []
    log: list[str] = []

    backends = _objects(loaded, "backend")
    plain = [b for b in backends if not b.request_condition]
    if plain:
        recv.append(f"set req.backend = {backend_vcl_name(plain[0].name)};")
    for b in sorted((b for b in backends if b.request_condition),
                    key=lambda b: cond_priority(b.request_condition)):
        recv += _guard(cond(b.request_condition),
                       [f"set req.backend = {backend_vcl_name(b.name)};"])

    returns: list[str] = []
    for r in sorted(_objects(loaded, "request_settings"),
                    key=lambda r: cond_priority(r.request_condition)):
        body: list[str] = []
        if r.default_host:
            body.append(f"set req.http.host = {vcl_string(r.default_host)};")
        if r.force_ssl:
            body.append('if (!req.is_ssl) { error 801 "Force SSL"; }')
        if r.force_miss:
            body.append("set req.hash_always_miss = true;")
        xff = {"clear": "unset req.http.X-Forwarded-For;",
               "append": 'set req.http.X-Forwarded-For = if(req.http.X-Forwarded-For, '
                         'req.http.X-Forwarded-For ", " client.ip, client.ip);',
               "append_all": 'set req.http.X-Forwarded-For = if(req.http.X-Forwarded-For, '
                             'req.http.X-Forwarded-For ", " client.ip, client.ip);',
               "overwrite": "set req.http.X-Forwarded-For = client.ip;"}.get(r.xff or "")
        if xff:
            body.append(xff)
        recv += _guard(cond(r.request_condition), body)
        if r.action:  # Fastly returns at the end of the macro, after headers and responses
            returns += _guard(cond(r.request_condition), [f"return({r.action});"])

    settings = _objects(loaded, "settings")[0]
    if settings.default_host:
        recv.append(f"if (!req.http.host) {{ set req.http.host = "
                    f"{vcl_string(settings.default_host)}; }}")

    for g in _objects(loaded, "gzip"):
        tests = []
        if g.content_types:
            types = "|".join(_re_escape(t) for t in g.content_types.split())
            tests.append(f'beresp.http.Content-Type ~ "^({types})\\s*($|;)"')
        if g.extensions:
            exts = "|".join(_re_escape(e) for e in g.extensions.split())
            tests.append(f'req.url.ext ~ "(?i)^({exts})$"')
        if tests:
            body = ["set beresp.gzip = true;"]
            match = " || ".join(tests)
            fetch += _guard(cond(g.cache_condition), [
                f"if ((beresp.status == 200 || beresp.status == 404) && ({match})) {{",
                *("  " + line for line in body), "}"])

    headers = sorted(_objects(loaded, "header"), key=lambda h: h.priority)
    for h in headers:
        target, where, cname = {"request": ("req", recv, h.request_condition),
                                "cache": ("beresp", fetch, h.cache_condition),
                                "response": ("resp", deliver, h.response_condition)}[h.type]
        where += _guard(cond(cname), _header_action(h, target))

    for i, r in enumerate(_objects(loaded, "response_object")):
        status = RESPONSE_OBJECT_BASE + i
        if r.cache_condition:
            fetch += _guard(cond(r.cache_condition), [f"error {status} \"Fastly Internal\";"])
        else:
            recv += _guard(cond(r.request_condition), [f"error {status} \"Fastly Internal\";"])
        body = [f"set obj.status = {int(r.status)};",
                f"set obj.response = {vcl_string(r.response)};"]
        if r.content_type:
            body.append(f"set obj.http.Content-Type = {vcl_string(r.content_type)};")
        body += [f"synthetic {vcl_string(r.content)};", "return(deliver);"]
        error += _guard(f"obj.status == {status}", body)

    recv += returns

    for c in sorted(_objects(loaded, "cache_settings"),
                    key=lambda c: cond_priority(c.cache_condition)):
        body = []
        if c.ttl is not None:
            body.append(f"set beresp.ttl = {int(c.ttl)}s;")
        if c.stale_ttl is not None:
            body.append(f"set beresp.grace = {int(c.stale_ttl)}s;")
        if c.action == "pass":
            body.append("return(pass);")
        elif c.action == "restart":
            body.append("restart;")
        elif c.action == "cache":
            body.append("return(deliver);")
        fetch += _guard(cond(c.cache_condition), body)

    for kind in LOG_KINDS:
        for e in _objects(loaded, kind):
            if getattr(e, "placement", None) in ("none", "none_vcl", "waf_debug"):
                continue
            expr = log_format(e.format)
            parsed = parse(expr, f"<logging {e.name} format>", mode="expression")
            if not parsed.ok:
                expr = vcl_string(e.format)
                notes.append(f"logging endpoint {e.name}: format not understood, logged as "
                             "written")
            line = (f'log {{"syslog "}} req.service_id {vcl_string(" " + e.name + " :: ")} '
                    f"{expr};")
            log += _guard(cond(getattr(e, "response_condition", None)), [line])

    return {"recv": "\n".join(recv), "fetch": "\n".join(fetch),
            "deliver": "\n".join(deliver), "error": "\n".join(error), "log": "\n".join(log)}


def _re_escape(text: str) -> str:
    return "".join("\\\\" + c if c in ".^$*+?()[]{}|\\" else c for c in text)


EMPTY = '""'


def _header_action(h: Any, target: str) -> list[str]:
    dst = f"{target}.{h.dst}"
    if h.action == "delete":
        return [f"unset {dst};"]
    if h.action in ("regex", "regex_repeat"):
        fn = "regsub" if h.action == "regex" else "regsuball"
        src = h.src or dst
        line = (f"set {dst} = {fn}({src}, {vcl_string(h.regex or '')}, "
                f"{vcl_string(h.substitution or '')});")
    elif h.action == "append":
        line = f"set {dst} = {dst} {h.src or EMPTY};"
    else:
        line = f"set {dst} = {h.src or EMPTY};"
    if h.ignore_if_set:
        return [f"if (!{dst}) {{", f"  {line}", "}"]
    return [line]


_APACHE: dict[str, str] = {
    "%h": "client.ip", "%>s": "resp.status", "%s": "resp.status",
    "%r": 'req.method " " req.url " " req.proto', "%m": "req.method", "%U": "req.url.path",
    "%q": "req.url.qs", "%H": "req.proto", "%b": "resp.body_bytes_written",
    "%B": "resp.body_bytes_written", "%l": '"-"', "%u": '"-"', "%t": "now",
    "%v": "req.http.host",
}


def _braced(fmt: str, start: int) -> tuple[int | None, str]:
    """The text up to the ``}`` closing a ``%{`` (``\\{``/``\\}`` are literal braces; nested
    braces such as ``{"..."}`` strings are kept), and the index after it."""
    depth, out, i = 1, [], start
    while i < len(fmt):
        c = fmt[i]
        if c == "\\" and i + 1 < len(fmt) and fmt[i + 1] in "{}":
            out.append(fmt[i + 1])
            i += 2
            continue
        if c == "{":
            depth += 1
        elif c == "}":
            depth -= 1
            if depth == 0:
                return i + 1, "".join(out)
        out.append(c)
        i += 1
    return None, ""


def log_format(fmt: str) -> str:
    """A logging endpoint's format as the VCL expression Fastly generates for it.

    ``%{expr}V`` embeds a VCL expression; the common Apache codes map to variables; any other
    text is literal.
    """
    parts: list[str] = []
    literal: list[str] = []
    i = 0

    def flush() -> None:
        if literal:
            parts.append(vcl_string("".join(literal)))
            literal.clear()

    while i < len(fmt):
        if fmt.startswith("%{", i):
            end, inner = _braced(fmt, i + 2)
            if end is not None and end < len(fmt) and fmt[end] in "Vit":
                flush()
                kind = fmt[end]
                parts.append(inner if kind == "V" else f"req.http.{inner}" if kind == "i"
                             else "now")
                i = end + 1
                continue
        matched = next((code for code in sorted(_APACHE, key=len, reverse=True)
                        if fmt.startswith(code, i)), None)
        if matched:
            flush()
            parts.append(_APACHE[matched])
            i += len(matched)
            continue
        literal.append(fmt[i])
        i += 1
    flush()
    return " ".join(parts) if parts else '""'
