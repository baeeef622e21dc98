"""The safety rules that make apply ask for --force (pure)."""

from __future__ import annotations

from fastlysync.plan.diff import diff
from fastlysync.plan.safety import safety_problems
from fastlysync.spec.model import Service


def many_domains(n: int) -> list[dict[str, str]]:
    return [{"name": f"d{i}.example.com"} for i in range(n)]


def test_safety_rules() -> None:
    live = Service(name="s", domains=many_domains(2),
                   backends=[{"name": f"b{i}", "address": "o.example.com"} for i in range(10)])
    fine = Service(name="s", domains=many_domains(2),
                   backends=[{"name": f"b{i}", "address": "o.example.com"} for i in range(8)])
    assert safety_problems(diff(fine, live), live) == []
    gutted = Service(name="s", domains=many_domains(2),
                     backends=[{"name": "b0", "address": "o.example.com"}])
    assert safety_problems(diff(gutted, live), live) == ["deletes 9 of 12 objects (more than 30%)"]
    no_domain = fine.model_copy(update={"domains": fine.domains[:1]})
    assert safety_problems(diff(no_domain, live), live) == ["removes domain d1.example.com"]
    small = Service(name="s", domains=many_domains(1),
                    backends=[{"name": "b0", "address": "o.example.com"}])
    empty = small.model_copy(update={"backends": []})
    assert safety_problems(diff(empty, small), small) == ["removes the last backend"]
    assert safety_problems(diff(small, None), None) == []
