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
import json
import os
import random
import re
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from fastlysync.interp import regex
from fastlysync.interp.errors import VclRuntimeError
from fastlysync.interp.executor import Executor, TableRef
from fastlysync.interp.functions.times import parse_date
from fastlysync.interp.headers import Headers
from fastlysync.interp.machine import DEFAULT_NOW
from fastlysync.interp.service import Service, vcl_source
from fastlysync.interp.signals import ActionReturn, ErrorSignal, RestartSignal, SubReturn
from fastlysync.interp.spec_source import spec_source
from fastlysync.interp.state import Request, State
from fastlysync.interp.values import Time, parse_ip, to_bool, to_str, type_of
from fastlysync.vcl import ast as A
from fastlysync.vcl.parser import parse

from .describe import DescribeError, Group, rewrite
from .results import CaseResult, Mismatch
from .services import Services

_ANNOTATION = re.compile(r"@(\w+)\s*(?::\s*(.*))?$")


class AssertFailed(Exception):
    def __init__(self, mismatch: Mismatch) -> None:
        self.mismatch = mismatch


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
    ex.extra.update(_functions(ex))
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


def _where(ex: Executor, node: A.FunctionCall) -> str:
    return f"{node.name} at {ex.frame.path}:{node.line}"


def _functions(ex: Executor) -> dict[str, Callable[[Executor, A.FunctionCall], Any]]:
    st = ex.st
    called: dict[str, Any] = {"subs_before": 0, "restart": False, "error": None}

    def args(node: A.FunctionCall) -> list[Any]:
        return [ex.eval(a) for a in node.args]

    def fail(node: A.FunctionCall, expected: Any, actual: Any, message: Any = None) -> None:
        what = _where(ex, node) + (f" ({to_str(message)})" if message else "")
        raise AssertFailed(Mismatch(what, expected, actual))

    def call_subroutine(_: Executor, node: A.FunctionCall) -> None:
        name = to_str(ex.eval(node.args[0]))
        sub, path = ex.service.sub(ex.mocks.get(name, name))
        if sub is None:
            raise ex.fail(f"testing.call_subroutine: no subroutine {name}", node)
        if name.startswith("vcl_"):
            st.scope = name[4:]
        state = ""
        called["subs_before"] = len(st.subs)
        try:
            ex.run_sub(name, sub, path)
        except ActionReturn as ret:
            state = ret.action
        except SubReturn:
            state = ""
        except ErrorSignal as err:
            state = "error"
            st.vars["obj.status"], st.vars["obj.response"] = err.status, err.response
            called["error"] = (err.status, err.response)
        except RestartSignal:
            state = "restart"
            called["restart"] = True
        st.vars["testing.state"] = state.upper()
        st.vars["testing.synthetic_body"] = st.body

    def fixed_time(_: Executor, node: A.FunctionCall) -> None:
        value = ex.eval(node.args[0])
        if isinstance(value, str):
            parsed = parse_date(value)
            if parsed is None:
                raise ex.fail(f"testing.fixed_time: cannot read {value!r}", node)
            value = parsed
        st.now = Time(float(value))

    def override_host(_: Executor, node: A.FunctionCall) -> None:
        st.req.set("Host", to_str(ex.eval(node.args[0])))

    def inspect(_: Executor, node: A.FunctionCall) -> Any:
        return ex.read(A.Ident(to_str(ex.eval(node.args[0])), line=node.line))

    def inject_variable(_: Executor, node: A.FunctionCall) -> None:
        name, value = args(node)[:2]
        st.vars[to_str(name)] = value

    def table_of(node: A.Expression) -> TableRef:
        found = ex.service.named(getattr(node, "name", ""))
        if not isinstance(found, TableRef):
            raise ex.fail("testing.table_*: not a table", node)
        return found

    def table_set(_: Executor, node: A.FunctionCall) -> None:
        table = table_of(node.args[0])
        table.entries[to_str(ex.eval(node.args[1]))] = ex.eval(node.args[2])

    def table_merge(_: Executor, node: A.FunctionCall) -> None:
        table_of(node.args[0]).entries.update(table_of(node.args[1]).entries)

    def mock(_: Executor, node: A.FunctionCall) -> None:
        source, target = (to_str(v) for v in args(node)[:2])
        if source.startswith("vcl_"):
            raise ex.fail("testing.mock cannot replace a vcl_ subroutine", node)
        ex.mocks[source] = target

    def restore_mock(_: Executor, node: A.FunctionCall) -> None:
        ex.mocks.pop(to_str(args(node)[0]), None)

    def restore_all(_: Executor, node: A.FunctionCall) -> None:
        ex.mocks.clear()

    def get_env(_: Executor, node: A.FunctionCall) -> Any:
        return os.environ.get(to_str(args(node)[0]))

    def check(test: Callable[..., bool], expected: Callable[..., Any], count: int) -> Any:
        def fn(_: Executor, node: A.FunctionCall) -> None:
            values = args(node)
            message = values[count] if len(values) > count else None
            if not test(*values[:count]):
                fail(node, expected(*values[:count]), values[0] if values else None, message)
        return fn

    def strict_equal(a: Any, b: Any) -> bool:
        if a is None or b is None:
            return a is b
        return type_of(a) == type_of(b) and (a == b or to_str(a) == to_str(b))

    def matches(a: Any, pattern: Any) -> bool:
        return isinstance(a, str) and regex.search(to_str(pattern), a) is not None

    def is_json(a: Any) -> bool:
        try:
            json.loads(to_str(a))
        except ValueError:
            return False
        return True

    def state_is(_: Executor, node: A.FunctionCall, negate: bool = False) -> None:
        want = getattr(node.args[0], "name", None) or to_str(ex.eval(node.args[0]))
        got = to_str(st.vars.get("testing.state"))
        if (got.lower() == want.lower()) == negate:
            fail(node, ("not " if negate else "") + want, got)

    def subroutine_called(_: Executor, node: A.FunctionCall, negate: bool = False) -> None:
        values = args(node)
        name = to_str(values[0])
        times = st.subs.count(name)
        want = values[1] if len(values) > 1 and isinstance(values[1], int) else None
        ok = (times == 0) if negate else (times == want if want is not None else times > 0)
        if not ok:
            fail(node, "not called" if negate else f"called {want or 'at least 1'} times",
                 f"called {times} times")

    def restart(_: Executor, node: A.FunctionCall) -> None:
        if not called["restart"]:
            fail(node, "restart", st.vars.get("testing.state") or "no restart")

    def error(_: Executor, node: A.FunctionCall) -> None:
        values = args(node)
        got = called["error"]
        want = (values[0], values[1] if len(values) > 1 else None)
        if got is None or got[0] != want[0] or (want[1] is not None and got[1] != want[1]):
            fail(node, f"error {want[0]}" + (f" {want[1]!r}" if want[1] else ""),
                 f"error {got[0]} {got[1]!r}" if got else "no error")

    def not_error(_: Executor, node: A.FunctionCall) -> None:
        if called["error"] is not None:
            fail(node, "no error", f"error {called['error'][0]}")

    return {
        "testing.call_subroutine": call_subroutine, "testing.fixed_time": fixed_time,
        "testing.override_host": override_host, "testing.inspect": inspect,
        "testing.inject_variable": inject_variable, "testing.table_set": table_set,
        "testing.table_merge": table_merge, "testing.mock": mock,
        "testing.restore_mock": restore_mock, "testing.restore_all_mocks": restore_all,
        "testing.get_env": get_env,
        "assert": check(to_bool, lambda a: "true", 1),
        "assert.true": check(lambda a: a is True, lambda a: True, 1),
        "assert.false": check(lambda a: a is False, lambda a: False, 1),
        "assert.is_json": check(is_json, lambda a: "valid JSON", 1),
        "assert.is_notset": check(lambda a: a is None, lambda a: "not set", 1),
        "assert.equal": check(strict_equal, lambda a, b: b, 2),
        "assert.strict_equal": check(strict_equal, lambda a, b: b, 2),
        "assert.not_equal": check(lambda a, b: not strict_equal(a, b),
                                  lambda a, b: f"not {b!r}", 2),
        "assert.not_strict_equal": check(lambda a, b: not strict_equal(a, b),
                                         lambda a, b: f"not {b!r}", 2),
        "assert.equal_fold": check(lambda a, b: to_str(a).lower() == to_str(b).lower(),
                                   lambda a, b: b, 2),
        "assert.match": check(matches, lambda a, b: f"matching /{b}/", 2),
        "assert.not_match": check(lambda a, b: not matches(a, b),
                                  lambda a, b: f"not matching /{b}/", 2),
        "assert.contains": check(lambda a, b: to_str(b) in to_str(a),
                                 lambda a, b: f"containing {b!r}", 2),
        "assert.not_contains": check(lambda a, b: to_str(b) not in to_str(a),
                                     lambda a, b: f"not containing {b!r}", 2),
        "assert.starts_with": check(lambda a, b: to_str(a).startswith(to_str(b)),
                                    lambda a, b: f"starting with {b!r}", 2),
        "assert.ends_with": check(lambda a, b: to_str(a).endswith(to_str(b)),
                                  lambda a, b: f"ending with {b!r}", 2),
        "assert.state": state_is,
        "assert.not_state": lambda e, n: state_is(e, n, True),
        "assert.subroutine_called": subroutine_called,
        "assert.not_subroutine_called": lambda e, n: subroutine_called(e, n, True),
        "assert.restart": restart, "assert.error": error, "assert.not_error": not_error,
    }
