"""falco's ``testing.*`` and ``assert.*`` functions, bound to one test's interpreter."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from typing import Any

from fastlysync.interp import regex
from fastlysync.interp.evaluator import NOT_SET_TEXT
from fastlysync.interp.executor import Executor, TableRef
from fastlysync.interp.functions.times import parse_date
from fastlysync.interp.signals import ActionReturn, ErrorSignal, RestartSignal, SubReturn
from fastlysync.interp.values import BackendRef, Time, to_bool, to_str, type_of
from fastlysync.vcl import ast as A

from .results import Mismatch


class AssertFailed(Exception):
    def __init__(self, mismatch: Mismatch) -> None:
        self.mismatch = mismatch


def _where(ex: Executor, node: A.FunctionCall) -> str:
    return f"{node.name} at {ex.frame.path}:{node.line}"


def testing_functions(ex: Executor) -> dict[str, Callable[[Executor, A.FunctionCall], Any]]:
    st = ex.st
    called: dict[str, Any] = {"subs_before": 0, "restart": False, "error": None}

    def args(node: A.FunctionCall) -> list[Any]:
        return [ex.eval(a) for a in node.args]

    def fail(node: A.FunctionCall, expected: Any, actual: Any, message: Any = None) -> None:
        what = _where(ex, node) + (f" ({to_str(message)})" if message else "")
        raise AssertFailed(Mismatch(what, expected, actual))

    def call_subroutine(_: Executor, node: A.FunctionCall) -> Any:
        name = to_str(ex.eval(node.args[0]))
        sub_args = ex.eval_local(node.args[1:])
        sub, path = ex.service.sub(ex.mocks.get(name, name))
        if sub is None:
            raise ex.fail(f"testing.call_subroutine: no subroutine {name}", node)
        if name.startswith("vcl_"):
            st.scope = name[4:]
        state = ""
        called["subs_before"] = len(st.subs)
        returned = None
        try:
            # falco passes the remaining arguments to the sub and returns a functional sub's value
            returned = ex.run_sub(name, sub, path, sub_args)
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
        return returned

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
        if a is None and b == NOT_SET_TEXT:
            return True  # falco compares a not-set STRING by its text, "(null)"
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

    def set_backend_health(_: Executor, node: A.FunctionCall) -> None:
        backend, healthy = args(node)[:2]
        if not isinstance(backend, BackendRef):
            raise ex.fail("testing.set_backend_health: the first argument must be a backend",
                          node)
        backend.healthy = to_bool(healthy)  # restored before the next test (or group)

    def not_restart(_: Executor, node: A.FunctionCall) -> None:
        if called["restart"]:
            fail(node, "no restart", "restart")

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
        "testing.get_env": get_env, "testing.set_backend_health": set_backend_health,
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
        "assert.restart": restart,
        "assert.not_restart": not_restart, "assert.error": error, "assert.not_error": not_error,
    }
