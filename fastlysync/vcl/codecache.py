"""Compiled code for source generated at import time, and parsed JSON data, kept across runs.

`ast` and `records` generate the `__init__` of their classes as source and compile it on
import. Compiling is most of their import time (a few ms of every cold `fastlysync lint`), and
unlike a module's code it is not kept in `__pycache__`; so it is kept here, in the user cache
dir, marshalled, under the interpreter's cache tag and a checksum of the source. Anything
unreadable or mismatched is simply compiled again. The shipped JSON (the grammar's LALR
tables, the VCL catalogue) is kept the same way: unmarshalling is faster than parsing JSON,
and a cold lint then never imports `json`.
"""

from __future__ import annotations

import marshal
import os
import sys
import zlib

TYPE_CHECKING = False
if TYPE_CHECKING:
    from types import CodeType


def user_cache_dir() -> str:
    """fastlysync's folder in the user cache dir (`$XDG_CACHE_HOME`, else `~/.cache`)."""
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(base, "fastlysync")


def _cache_dir() -> str:
    return os.path.join(user_cache_dir(), "code")


def _path(name: str, data: bytes) -> str:
    key = f"{name}-{sys.implementation.cache_tag}-{zlib.crc32(data):08x}-{len(data)}.marshal"
    return os.path.join(_cache_dir(), key)


def _read(path: str) -> object:
    try:
        with open(path, "rb") as fh:
            return marshal.loads(fh.read())
    except (OSError, ValueError, EOFError, TypeError):
        return None


def _write(path: str, value: object) -> None:
    if sys.dont_write_bytecode:
        return
    try:
        os.makedirs(os.path.dirname(path), exist_ok=True)
        tmp = f"{path}.{os.getpid()}.tmp"
        with open(tmp, "wb") as fh:
            fh.write(marshal.dumps(value))
        os.replace(tmp, path)
    except (OSError, ValueError):
        pass


def compile_cached(source: str, name: str) -> CodeType:
    """`compile(source, name, "exec")`, from the cache when an identical source was seen."""
    path = _path(name, source.encode())
    code = _read(path)
    if getattr(code, "co_filename", None) == f"<{name}>":
        return code  # type: ignore[return-value]
    code = compile(source, f"<{name}>", "exec")
    _write(path, code)
    return code


def load_json(path: str | os.PathLike[str], name: str) -> object:
    """The parsed JSON file at `path` (raises OSError or ValueError like `json.load`)."""
    with open(path, "rb") as fh:
        data = fh.read()
    cached_at = _path(name, data)
    value = _read(cached_at)
    if isinstance(value, tuple) and len(value) == 2 and value[0] == "json":
        return value[1]
    import json

    value = json.loads(data)
    _write(cached_at, ("json", value))
    return value
