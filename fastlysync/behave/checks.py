"""What a test file names must exist: its regexes must compile, and the backends and logging
endpoints it names must be the service's. A typo there would otherwise pass silently (an
answer for a backend nobody fetches from) or fail every run with a misleading mismatch, so
each is a located load error instead.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from fastlysync.interp import regex
from fastlysync.interp.errors import VclRuntimeError
from fastlysync.interp.service import Service

from .load import LoadError, TestFile
from .model import Expect, HeaderExpect, LogExpect

Path = tuple[str | int, ...]


def _expects(tf: TestFile) -> Iterator[tuple[Path, Expect]]:
    for i, case in enumerate(tf.model.cases):
        yield ("cases", i, "expect"), case.expect
        for k, step in enumerate(case.then):
            yield ("cases", i, "then", k, "expect"), step.expect


def _backend_maps(tf: TestFile) -> Iterator[tuple[Path, dict[str, Any]]]:
    yield ("defaults", "backends"), tf.model.defaults.backends
    for i, case in enumerate(tf.model.cases):
        yield ("cases", i, "backends"), case.backends
        for k, step in enumerate(case.then):
            yield ("cases", i, "then", k, "backends"), step.backends or {}


def _patterns(expect: Expect) -> Iterator[tuple[Path, str]]:
    for name, want in expect.headers.items():
        if isinstance(want, HeaderExpect) and want.match is not None:
            yield ("headers", name, "match"), want.match
    if expect.origin is not None:
        if isinstance(expect.origin.url, HeaderExpect) and expect.origin.url.match is not None:
            yield ("origin", "url", "match"), expect.origin.url.match
        for name, want in expect.origin.headers.items():
            if isinstance(want, HeaderExpect) and want.match is not None:
                yield ("origin", "headers", name, "match"), want.match
    for endpoint, lines in (expect.logs or {}).items():
        for j, line in enumerate(lines):
            if isinstance(line, LogExpect) and line.match is not None:
                yield ("logs", endpoint, j, "match"), line.match


def _fail(tf: TestFile, path: Path, message: str, *, key: bool = False) -> LoadError:
    where = tf.positions.locate_key(path) if key else tf.positions.locate(path)
    return LoadError(str(tf.path), where[0], where[1], message)


def check_patterns(tf: TestFile) -> None:
    """Every `match:` compiles with the interpreter's regex engine."""
    for base, expect in _expects(tf):
        for path, pattern in _patterns(expect):
            try:
                regex.compile_pattern(pattern)
            except VclRuntimeError as exc:
                raise _fail(tf, base + path, str(exc)) from None


def check_names(tf: TestFile, service: Service) -> None:
    """Backends and logging endpoints a case names are the spec's (a bare VCL file names
    whatever backends its service configures, so it is not checked)."""
    if not service.source.from_spec:
        return
    backends = {"*"}
    for ref in service.source.backends:
        backends.update(n for n in (ref.name, ref.spec_name) if n)
    known = ", ".join(sorted(ref.spec_name or ref.name for ref in service.source.backends))

    def unknown(name: str) -> bool:
        return name not in backends and not name.startswith(("shield_", "ssl_shield_"))
    for base, answers in _backend_maps(tf):
        for name in answers:
            if unknown(name):
                raise _fail(tf, (*base, name), f"no backend or director {name!r} in service "
                            f"{service.name} (it has: {known or 'none'})", key=True)
    endpoints = set(service.source.log_endpoints)
    for base, expect in _expects(tf):
        if expect.backend not in (None, "none") and unknown(expect.backend):
            raise _fail(tf, (*base, "backend"), f"no backend or director {expect.backend!r} "
                        f"in service {service.name} (it has: {known or 'none'})")
        for endpoint in expect.logs or {}:
            if endpoint not in endpoints:
                have = ", ".join(sorted(endpoints)) or "none"
                raise _fail(tf, (*base, "logs", endpoint), f"no logging endpoint "
                            f"{endpoint!r} in service {service.name} (it has: {have})",
                            key=True)
