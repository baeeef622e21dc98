"""Run falco unit-test files (``*.test.vcl``): each subroutine is a test that sets variables,
calls subroutines with ``testing.call_subroutine`` and checks with ``assert.*``.

Covered: annotations ``@scope``, ``@suite``, ``@skip``; ``testing.call_subroutine``,
``testing.state``, ``testing.synthetic_body``, ``testing.fixed_time``, ``testing.override_host``,
``testing.inspect``, ``testing.table_set``, ``testing.table_merge``, ``testing.mock``,
``testing.restore_mock``, ``testing.restore_all_mocks``, ``testing.get_env``,
``testing.inject_variable``; every ``assert*`` function of falco's documentation. ``describe``
groups with ``before_<scope>`` / ``after_<scope>`` hooks (the group's tests share one
interpreter, as in falco). Not covered: ``@tag`` filtering (tagged tests run),
``testing.fixed_access_rate``.
"""

from __future__ import annotations

import contextlib
import random
import re
import time
from pathlib import Path

from fastlysync.interp.errors import VclRuntimeError
from fastlysync.interp.executor import Executor, TableRef
from fastlysync.interp.headers import Headers
from fastlysync.interp.machine import DEFAULT_NOW
from fastlysync.interp.service import Service, vcl_source
from fastlysync.interp.signals import ActionReturn, ErrorSignal, RestartSignal, SubReturn
from fastlysync.interp.spec_source import spec_source
from fastlysync.interp.state import Request, State
from fastlysync.interp.values import BackendRef, Time, parse_ip
from fastlysync.vcl import ast as A
from fastlysync.vcl.parser import parse

from .describe import DescribeError, Group, rewrite
from .falco_functions import AssertFailed, testing_functions
from .results import CaseResult
from .services import Services

_ANNOTATION = re.compile(r"@(\w+)\s*(?::\s*(.*))?$")


def main_vcl_for(test_file: Path, root: Path) -> Path:
    """``default.test.vcl`` tests ``default.vcl`` beside it, else ``vcl/default.vcl`` of the
    repository (test files kept in ``tests/`` stay out of the linter's way)."""
    name = test_file.name.removesuffix(".test.vcl") + ".vcl"
    beside = test_file.with_name(name)
    return beside if beside.exists() else root / "vcl" / name


def run_falco_file(path: Path, services: Services) -> tuple[list[CaseResult], str | None]:
    """The results, or a problem that stopped the whole file."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        return [], f"{path}: cannot read: {exc}"
    try:
        text, groups = rewrite(text)
    except DescribeError as exc:
        return [], f"{path}:{exc.line}: {exc.message}"
    parsed = parse(text, str(path))
    if parsed.program is None or parsed.diagnostics:
        d = parsed.diagnostics[0]
        return [], f"{d.path}:{d.line}:{d.column}: {d.message}"
    program = parsed.program
    main = main_vcl_for(path, services.root)
    try:
        loaded = services.for_vcl_file(main) if main.exists() else None
        if loaded is not None:
            service = Service(spec_source(loaded))
        elif main.exists():
            service = Service(vcl_source(main.read_text(encoding="utf-8"), str(main)))
        else:
            service = Service(vcl_source("", str(path)))
        service.add_program(program, str(path))
    except (VclRuntimeError, OSError, UnicodeDecodeError) as exc:
        return [], f"{path}: {exc}"
    mocked = {a.value for n in A.walk(program) if isinstance(n, A.FunctionCall)
              and n.name == "testing.mock" for a in n.args[1:2] if isinstance(a, A.StringLit)}
    results = []
    previous_end = 0
    shared: dict[str, Executor] = {}  # a describe group's tests share one interpreter
    tables = {t: dict(t.entries) for t in service.objects.values() if isinstance(t, TableRef)}
    health = {b: b.healthy for b in service.objects.values() if isinstance(b, BackendRef)}
    for decl in program.declarations:
        if not isinstance(decl, A.Subroutine):
            previous_end = decl.end_line
            continue
        notes = _annotations(program, previous_end, decl.line)
        previous_end = decl.end_line
        name = decl.name.name
        if decl.params or decl.return_type or name in mocked or name.startswith("__falco_"):
            continue
        group = next((g for g in groups if g.start_line <= decl.line <= g.end_line), None)
        if group is None or group.name not in shared:
            for table, entries in tables.items():  # testing.table_set lasts one test (group)
                table.entries = dict(entries)
            for backend, healthy in health.items():  # so does testing.set_backend_health
                backend.healthy = healthy
        results.append(_run_test(service, path, decl, notes, group, shared))
    return results, None


def _annotations(program: A.Program, after: int, before: int) -> dict[str, str]:
    out: dict[str, str] = {}
    for comment in program.comments_between(after + 1, before - 1):
        m = _ANNOTATION.search(comment.body)
        if m:
            out[m.group(1)] = (m.group(2) or "").strip()
    return out


def _fresh(service: Service, scope: str) -> Executor:
    st = State(request=Request(), now=Time(DEFAULT_NOW), rng=random.Random(0),
               client_ip=parse_ip("127.0.0.1"))
    st.req = Headers([("Host", "localhost")])
    st.vars.update({"req.url": "/", "req.method": "GET", "req.proto": "HTTP/1.1",
                    "testing.state": None, "testing.synthetic_body": None})
    st.scope = scope
    ex = Executor(service, st)
    ex.extra.update(testing_functions(ex))
    return ex


def _run_test(service: Service, path: Path, sub: A.Subroutine, notes: dict[str, str],
              group: Group | None, shared: dict[str, Executor]) -> CaseResult:
    out = CaseResult(notes.get("suite") or sub.name.name, str(path), sub.line)
    if "skip" in notes:
        out.status = "skipped"
        return out
    started = time.perf_counter()
    scope = (notes.get("scope") or "recv").split(",")[0].strip().lower()
    if group is None:
        ex = _fresh(service, scope)
    else:
        ex = shared.get(group.name) or shared.setdefault(group.name, _fresh(service, scope))
        ex.st.scope = scope
    first_sub = len(ex.st.subs)
    hooks = [] if group is None else [group.hooks.get(h) for h in (
        f"before_{scope}", "before_each")]
    after = [] if group is None else [group.hooks.get(h) for h in (
        f"after_{scope}", "after_each")]
    try:
        for hook in (h for h in hooks if h):
            _call_hook(ex, hook, path)
        ex.run_sub(sub.name.name, sub, str(path))
    except AssertFailed as failed:
        out.status = "failed"
        out.mismatches.append(failed.mismatch)
    except (ActionReturn, SubReturn):
        pass
    except (ErrorSignal, RestartSignal):
        out.status, out.message = "error", "the test itself ran error/restart"
    except VclRuntimeError as exc:
        out.status, out.message = "error", str(exc)
    except RecursionError:
        out.status, out.message = "error", "VCL nested too deeply to run"
    try:
        for hook in (h for h in after if h):
            _call_hook(ex, hook, path)
    except (AssertFailed, VclRuntimeError, ActionReturn, SubReturn, ErrorSignal,
            RestartSignal) as exc:
        if out.ok:
            out.status, out.message = "error", f"after hook: {exc}"
    out.subs = ex.st.subs[first_sub:]
    out.notes = ex.st.notes
    out.seconds = time.perf_counter() - started
    return out


def _call_hook(ex: Executor, name: str, path: Path) -> None:
    sub, _ = ex.service.sub(name)
    if sub is not None:
        with contextlib.suppress(SubReturn):
            ex.run_sub(name, sub, str(path))
