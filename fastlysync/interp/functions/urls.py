"""url.normalize: RFC 3986 syntax-based normalization of an http(s) URL or of `req.url`.

Per Fastly's reference: the scheme and host go to lowercase, a default port (80 for http, 443
for https) goes, an empty path after the host becomes `/`, percent-escapes of unreserved
characters (alphanumerics and `-._~`) in the path are decoded and the others get uppercase hex,
and `.`/`..` segments are removed. Another scheme, userinfo or a URL that does not parse comes
back unchanged. The query is kept as it is; a fragment is dropped.
"""

from __future__ import annotations

import re
from typing import Any

from ..values import to_str
from . import builtin

ABSOLUTE = re.compile(r"(?P<scheme>[A-Za-z][A-Za-z0-9+.-]*)://(?P<authority>[^/?#]*)"
                      r"(?P<rest>.*)\Z", re.S)
HOST_PORT = re.compile(r"(?P<host>\[[0-9A-Fa-f:.]+\]|[^:\[\]]*)(?::(?P<port>[0-9]*))?\Z")
ESCAPE = re.compile(r"%([0-9A-Fa-f]{2})")
UNRESERVED = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
DEFAULT_PORT = {"http": "80", "https": "443"}


def _escapes(path: str) -> str:
    def fix(match: re.Match[str]) -> str:
        char = chr(int(match.group(1), 16))
        return char if char in UNRESERVED else "%" + match.group(1).upper()
    return ESCAPE.sub(fix, path)


def remove_dot_segments(path: str) -> str:
    """RFC 3986 section 5.2.4."""
    out: list[str] = []
    while path:
        if path.startswith("../"):
            path = path[3:]
        elif path.startswith(("./", "/./")):
            path = path[2:]
        elif path == "/.":
            path = "/"
        elif path.startswith("/../") or path == "/..":
            path = "/" + path[4:]
            if out:
                out.pop()
        elif path in (".", ".."):
            path = ""
        else:
            cut = path.find("/", 1)
            cut = len(path) if cut < 0 else cut
            out.append(path[:cut])
            path = path[cut:]
    return "".join(out)


def _path_and_query(rest: str) -> str:
    rest = rest.split("#", 1)[0]
    path, sep, query = rest.partition("?")
    return remove_dot_segments(_escapes(path)) + sep + query


def normalize(url: str) -> str:
    if url.startswith("/"):
        return _path_and_query(url)
    match = ABSOLUTE.match(url)
    if not match:
        return url
    scheme = match["scheme"].lower()
    authority = match["authority"]
    hostport = HOST_PORT.match(authority)
    if scheme not in DEFAULT_PORT or "@" in authority or not hostport or not hostport["host"]:
        return url
    host, port = hostport["host"].lower(), hostport["port"]
    if port == DEFAULT_PORT[scheme] or port == "":
        port = None
    rest = match["rest"]
    if not rest.split("#", 1)[0].split("?", 1)[0]:
        rest = "/" + rest
    return f"{scheme}://{host}{':' + port if port else ''}{_path_and_query(rest)}"


@builtin("url.normalize")
def url_normalize(ex: Any, node: Any, url: Any) -> str | None:
    return None if url is None else normalize(to_str(url))
