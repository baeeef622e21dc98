"""Small helpers: run VCL text through the interpreter, evaluate one expression."""

from __future__ import annotations

import random
from typing import Any

from fastlysync.interp.executor import Executor
from fastlysync.interp.machine import DEFAULT_NOW, Cache, Machine, Result
from fastlysync.interp.service import Service, Source, SourceFile
from fastlysync.interp.state import BackendAnswer, Request, State
from fastlysync.interp.values import BackendRef, Time, parse_ip
from fastlysync.vcl.parser import parse


def service(vcl: str, **source: Any) -> Service:
    src = Source(name="t", vcls=[SourceFile("main", vcl, "main.vcl", True)], **source)
    if not src.backends:
        src.backends = [BackendRef("F_origin", spec_name="origin")]
    return Service(src)


def run(vcl: str, url: str = "/", *, answers: dict[str, BackendAnswer] | None = None,
        cache: Cache | None = None, trace: bool = False, **request: Any) -> Result:
    svc = vcl if isinstance(vcl, Service) else service(vcl)
    return Machine(svc, answers, cache, trace=trace).run(Request(url=url, **request))


def evaluate(expr: str, prelude: str = "", svc: Service | None = None) -> Any:
    """The value of one VCL expression in vcl_recv (after running ``prelude`` statements)."""
    svc = svc or service("")
    st = State(request=Request(), now=Time(DEFAULT_NOW), rng=random.Random(0),
               client_ip=parse_ip("203.0.113.10"))
    st.vars.update({"req.url": "/path/to/file.html?a=1&b=2", "req.method": "GET"})
    ex = Executor(svc, st)
    if prelude:
        result = parse(prelude, "prelude.vcl", mode="statements")
        assert result.ok, result.diagnostics
        ex.frame.path = "prelude.vcl"
        ex.run(result.statements)
    parsed = parse(expr, "expr.vcl", mode="expression")
    assert parsed.ok, parsed.diagnostics
    ex.frame.path = "expr.vcl"
    return ex.eval(parsed.expression)
