"""Run the cases of a YAML test file and compare what happened with what they expect."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from fastlysync.interp import regex
from fastlysync.interp.errors import VclRuntimeError
from fastlysync.interp.functions.times import parse_date
from fastlysync.interp.machine import DEFAULT_NOW, Cache, Machine, Result
from fastlysync.interp.service import BUILTIN_SUBS, Service
from fastlysync.interp.state import BackendAnswer, Request
from fastlysync.vcl.context import backend_vcl_name

from .checks import check_names, check_patterns
from .load import TestFile
from .model import (
    BackendModel,
    CaseModel,
    Expect,
    HeaderExpect,
    LogExpect,
    OriginExpect,
    RequestModel,
)
from .results import CaseResult, Mismatch
from .services import Services


def run_file(tf: TestFile, services: Services, trace: bool = False) -> list[CaseResult]:
    model = tf.model
    check_patterns(tf)
    if model.vcl:
        service = services.build_vcl(tf.path.parent / model.vcl)
    else:
        service = services.build(model.service or "", model.environment)
    check_names(tf, service)
    return [run_case(service, tf, i, case, trace) for i, case in enumerate(model.cases)]


def run_case(service: Service, tf: TestFile, index: int, case: CaseModel,
             trace: bool = False) -> CaseResult:
    out = CaseResult(case.name, str(tf.path), tf.case_line(index))
    if case.skip:
        out.status = "skipped"
        return out
    started = time.perf_counter()
    _run(service, tf, case, out, trace)
    if not trace and not out.ok:  # run again, tracing, to show how it went wrong
        again = CaseResult(case.name, out.path, out.line)
        _run(service, tf, case, again, True)
        out.trace = again.trace
    out.seconds = time.perf_counter() - started
    return out


def _run(service: Service, tf: TestFile, case: CaseModel, out: CaseResult, trace: bool) -> None:
    defaults = tf.model.defaults
    cache = Cache()
    try:
        now = _now(case.now)
    except ValueError as exc:
        out.status, out.message = "error", str(exc)
        return
    steps: list[tuple[list[RequestModel | None], dict[str, Any], Expect, float]] = [
        ([defaults.request, case.request], case.backends, case.expect, 0.0)]
    for step in case.then:
        steps.append(([defaults.request, case.request, step.request],
                      step.backends or case.backends, step.expect, step.after))
    for number, (layers, backends, expect, after) in enumerate(steps):
        now += after
        answers = _answers({**defaults.backends, **backends})
        request = _request(layers)
        machine = Machine(service, answers, cache, seed=case.seed, now=now, trace=trace)
        result = machine.run(request)
        label = "" if number == 0 else f"request {number + 1}: "
        out.subs += result.subs
        out.notes += [n for n in result.notes if n not in out.notes]
        if result.steps:
            out.trace += result.steps
        if result.error is not None:
            out.status = "error"
            out.message = label + str(result.error)
            return
        try:
            found = compare(expect, result)
        except VclRuntimeError as exc:
            out.status, out.message = "error", f"{label}expectation: {exc}"
            return
        for m in found:
            m.what = label + m.what
        out.mismatches += found
    if out.mismatches:
        out.status = "failed"


def _now(value: str | float | None) -> float:
    if value is None:
        return DEFAULT_NOW
    if isinstance(value, int | float):
        return float(value)
    parsed = parse_date(value)
    if parsed is None:
        raise ValueError(f"now: cannot read {value!r} as a time")
    return float(parsed)


def _pairs(headers: dict[str, str | list[str]] | list[str]) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    assert isinstance(headers, dict)  # the model turns `Name: value` lines into a mapping
    for name, value in headers.items():
        for v in value if isinstance(value, list) else [value]:
            out.append((name, str(v)))
    return out


def _request(layers: list[RequestModel | None]) -> Request:
    """The request a step sends: defaults, then the case's request, then the step's own,
    each overriding the fields it sets (headers merge by name)."""
    fields: dict[str, Any] = {}
    headers: list[tuple[str, str]] = []
    geo: dict[str, Any] = {}
    tls_client: dict[str, Any] = {}
    for layer in layers:
        if layer is None:
            continue
        given = {n.lower() for n in layer.headers}
        headers = [(n, v) for n, v in headers if n.lower() not in given] + _pairs(layer.headers)
        geo.update(layer.geo)
        tls_client.update(layer.tls_client)
        for name in layer.model_fields_set - {"headers", "geo", "tls_client"}:
            fields[name] = getattr(layer, name)
    default = RequestModel()
    pick = {name: fields.get(name, getattr(default, name))
            for name in ("method", "url", "client_ip", "tls", "http2", "body")}
    return Request(method=pick["method"], url=pick["url"], headers=headers,
                   client_ip=pick["client_ip"], geo=geo, tls_client=tls_client,
                   tls=True if pick["tls"] is None else pick["tls"], http2=pick["http2"],
                   body=pick["body"])


def _answers(backends: dict[str, Any]) -> dict[str, BackendAnswer]:
    out = {}
    for name, spec in backends.items():
        if spec == "unreachable":
            out[name] = BackendAnswer(unreachable=True)
        elif isinstance(spec, BackendModel):
            out[name] = BackendAnswer(spec.status, _pairs(spec.headers), spec.body,
                                      spec.unreachable)
    return out


def compare(expect: Expect, result: Result) -> list[Mismatch]:
    """Every expectation that ``result`` does not meet."""
    bad: list[Mismatch] = []
    if expect.status is not None and expect.status != result.status:
        bad.append(Mismatch("status", expect.status, result.status))
    if expect.response is not None and expect.response != result.response:
        bad.append(Mismatch("response", expect.response, result.response))
    bad += _headers(expect.headers, result.headers, "header")
    if expect.origin is not None:
        bad += _origin(expect.origin, result)
    if expect.body is not None and expect.body != result.body:
        bad.append(Mismatch("body", expect.body, result.body))
    contains = expect.body_contains
    for piece in [contains] if isinstance(contains, str) else contains or []:
        if piece not in result.body:
            bad.append(Mismatch("body contains", piece, _short(result.body)))
    if expect.backend is not None:
        used = result.backend or "none"
        names = {used, backend_vcl_name(used), used.removeprefix("F_")}  # spec or VCL name
        if expect.backend not in names:
            bad.append(Mismatch("backend", expect.backend, used))
    if expect.cache is not None and expect.cache != result.outcome:
        bad.append(Mismatch("cache", expect.cache, result.outcome))
    if expect.restarts is not None and expect.restarts != result.restarts:
        bad.append(Mismatch("restarts", expect.restarts, result.restarts))
    if expect.logs is not None:
        bad += _logs(expect.logs, result.logs)
    if expect.subroutines is not None:
        want = [s if s.startswith("vcl_") or s not in BUILTIN_SUBS else f"vcl_{s}"
                for s in expect.subroutines]
        if not _in_order(want, result.subs):
            bad.append(Mismatch("subroutines", want, result.subs))
    for name in expect.not_subroutines or []:
        full = f"vcl_{name}" if name in BUILTIN_SUBS else name
        if full in result.subs:
            bad.append(Mismatch(f"subroutine {full}", "not run", "ran"))
    return bad


def _headers(wants: dict[str, Any], got: Any, label: str) -> list[Mismatch]:
    bad: list[Mismatch] = []
    for name, want in wants.items():
        if isinstance(want, list):
            fields = got.get_all(name)
            if fields != want:
                bad.append(Mismatch(f"{label} {name} (every field)", want, fields))
            continue
        bad += _header(name, want, got.get(name), label)
    return bad


def _origin(want: OriginExpect, result: Result) -> list[Mismatch]:
    sent = result.origin
    if sent is None:
        return [Mismatch("origin request", "a fetch", "no fetch")]
    bad: list[Mismatch] = []
    if want.method is not None and want.method != sent.method:
        bad.append(Mismatch("origin method", want.method, sent.method))
    if isinstance(want.url, str) and want.url != sent.url:
        bad.append(Mismatch("origin url", want.url, sent.url))
    elif isinstance(want.url, HeaderExpect):
        bad += _header("url", want.url, sent.url, "origin")
    return bad + _headers(want.headers, sent.headers, "origin header")


def _in_order(want: list[str], got: list[str]) -> bool:
    it = iter(got)
    return all(any(w == g for g in it) for w in want)


def _short(text: str, limit: int = 200) -> str:
    return text if len(text) <= limit else text[:limit] + "..."


def _header(name: str, want: str | HeaderExpect | None, got: str | None,
            label: str = "header") -> list[Mismatch]:
    what = f"{label} {name}"
    if want is None:
        return [] if got is None else [Mismatch(what, "absent", got)]
    if isinstance(want, str):
        return [] if got == want else [Mismatch(what, want, got)]
    out = []
    if want.absent is True and got is not None:
        out.append(Mismatch(what, "absent", got))
    if want.absent is False and got is None:
        out.append(Mismatch(what, "present", None))
    if want.equals is not None and got != want.equals:
        out.append(Mismatch(what, want.equals, got))
    if want.contains is not None and (got is None or want.contains not in got):
        out.append(Mismatch(what, f"containing {want.contains!r}", got))
    if want.match is not None and (got is None or regex.search(want.match, got) is None):
        out.append(Mismatch(what, f"matching /{want.match}/", got))
    return out


def _line_ok(want: str | LogExpect, line: str) -> bool:
    if isinstance(want, str):
        return line == want
    if want.equals is not None and line != want.equals:
        return False
    if want.contains is not None and want.contains not in line:
        return False
    return not (want.match is not None and regex.search(want.match, line) is None)


def _logs(expected: dict[str, list[str | LogExpect]], logs: list[tuple[str, str]]
          ) -> list[Mismatch]:
    out = []
    for endpoint, wants in expected.items():
        lines = [line for ep, line in logs if ep == endpoint]
        if len(lines) != len(wants) or not all(
                _line_ok(w, g) for w, g in zip(wants, lines, strict=False)):
            shown = [w if isinstance(w, str) else w.model_dump(exclude_none=True)
                     for w in wants]
            out.append(Mismatch(f"logs to {endpoint}", shown, lines))
    return out


def default_paths(root: Path) -> list[Path]:
    return [root / "tests"]
