"""Compiled code for source generated at import time, kept across runs.

`ast` and `records` generate the `__init__` of their classes as source and compile it on
import. Compiling is most of their import time (a few ms of every cold `fastlysync lint`), and
unlike a module's code it is not kept in `__pycache__`; so it is kept here, in the user cache
dir, marshalled, under the interpreter's cache tag and a checksum of the source. Anything
unreadable or mismatched is simply compiled again.
"""

from __future__ import annotations

import marshal
import os
import sys
import zlib

TYPE_CHECKING = False
if TYPE_CHECKING:
    from types import CodeType


def _cache_dir() -> str:
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(base, "fastlysync", "code")


def compile_cached(source: str, name: str) -> CodeType:
    """`compile(source, name, "exec")`, from the cache when an identical source was seen."""
    data = source.encode()
    key = f"{name}-{sys.implementation.cache_tag}-{zlib.crc32(data):08x}-{len(data)}.marshal"
    path = os.path.join(_cache_dir(), key)
    try:
        with open(path, "rb") as fh:
            code = marshal.loads(fh.read())
        if code.co_filename == f"<{name}>" and code.co_consts is not None:
            return code  # type: ignore[no-any-return]
    except (OSError, ValueError, EOFError, TypeError, AttributeError):
        pass
    code = compile(source, f"<{name}>", "exec")
    if not sys.dont_write_bytecode:
        try:
            os.makedirs(os.path.dirname(path), exist_ok=True)
            tmp = f"{path}.{os.getpid()}.tmp"
            with open(tmp, "wb") as fh:
                fh.write(marshal.dumps(code))
            os.replace(tmp, path)
        except OSError:
            pass
    return code
