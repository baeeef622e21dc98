"""Fault injection for reliability tests: latency, 5xx, 429 and dropped connections.

Off by default. Each rule is scoped by a method regex and a path regex; the first rule that
matches and fires an action decides the request's fate. `after` rules let the request take
effect and then lose its response, the case retries must be idempotent against.
"""

from __future__ import annotations

import random
import re
from dataclasses import asdict, dataclass, field
from typing import Any

ACTIONS = ("drop", "p500", "p503", "p429")


@dataclass
class FaultRule:
    method: str = ".*"
    """Regex matched against the whole method, case-insensitively."""
    path: str = ".*"
    """Regex searched in the request path."""
    latency: float = 0.0
    """Seconds added before answering."""
    drop: float = 0.0
    """Probability of closing the connection without a response."""
    p500: float = 0.0
    p503: float = 0.0
    p429: float = 0.0
    after: bool = False
    """Apply the request, then fail its response."""
    times: int | None = None
    """Fire at most this many times (None: forever)."""
    fired: int = 0
    _method_re: re.Pattern[str] = field(init=False, repr=False, compare=False)
    _path_re: re.Pattern[str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        try:
            self._method_re = re.compile(self.method, re.IGNORECASE)
            self._path_re = re.compile(self.path)
        except re.error as exc:
            raise ValueError(f"bad fault regex: {exc}") from None
        for name in ("latency", *ACTIONS):
            try:
                value = float(getattr(self, name))
            except (TypeError, ValueError):
                unit = " (seconds, or with a unit: 200ms, 2s)" if name == "latency" else ""
                raise ValueError(f"fault {name} {getattr(self, name)!r} is not a "
                                 f"number{unit}") from None
            if value < 0 or (name != "latency" and value > 1):
                raise ValueError(f"fault {name} out of range: {value}")
            setattr(self, name, value)
        if self.times is not None and int(self.times) < 0:
            raise ValueError("fault times must be >= 0")

    def matches(self, method: str, path: str) -> bool:
        if self.times is not None and self.fired >= self.times:
            return False
        return bool(self._method_re.fullmatch(method) and self._path_re.search(path))

    def to_dict(self) -> dict[str, Any]:
        return {k: v for k, v in asdict(self).items() if not k.startswith("_")}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> FaultRule:
        known = {"method", "path", "latency", "after", "times", *ACTIONS}
        unknown = set(data) - known - {"fired"}
        if unknown:
            raise ValueError(f"unknown fault field(s): {', '.join(sorted(unknown))}")
        values = {k: v for k, v in data.items() if k in known}
        if "after" in values:
            values["after"] = str(values["after"]).lower() in ("1", "true", "yes")
        if values.get("times") is not None:
            try:
                values["times"] = int(values["times"])
            except (TypeError, ValueError):
                raise ValueError(f"fault times {values['times']!r} is not a whole number"
                                 ) from None
        return cls(**values)

    @classmethod
    def parse(cls, spec: str) -> FaultRule:
        """`method=PUT path=/clone$ p503=0.5 latency=0.2 after=1 times=3` (space separated)."""
        data: dict[str, Any] = {}
        for part in spec.split():
            key, sep, value = part.partition("=")
            if not sep:
                raise ValueError(f"fault setting {part!r} is not key=value")
            if key == "latency":
                value = _seconds(value)
            data[key] = value
        return cls.from_dict(data)


def _seconds(value: str) -> str:
    """`200ms` and `2s` as seconds; anything else as it is (checked by the rule)."""
    for suffix, scale in (("ms", 1000.0), ("s", 1.0)):
        if value.endswith(suffix):
            try:
                return str(float(value[:-len(suffix)]) / scale)
            except ValueError:
                return value
    return value


@dataclass
class FaultDecision:
    latency: float = 0.0
    action: str | None = None
    """drop, 500, 503 or 429."""
    after: bool = False


class Faults:
    def __init__(self, rules: list[FaultRule] | None = None, seed: int | None = None) -> None:
        self.rules = list(rules or [])
        self.rng = random.Random(seed)

    def decide(self, method: str, path: str) -> FaultDecision | None:
        if not self.rules:
            return None
        decision = FaultDecision()
        hit = False
        for rule in self.rules:
            if not rule.matches(method, path):
                continue
            hit = True
            rule.fired += 1
            decision.latency += rule.latency
            if decision.action is not None:
                continue
            roll = self.rng.random()
            for name in ACTIONS:
                chance = getattr(rule, name)
                if roll < chance:
                    decision.action = "drop" if name == "drop" else name[1:]
                    decision.after = rule.after
                    break
                roll -= chance
        return decision if hit else None

    def to_list(self) -> list[dict[str, Any]]:
        return [rule.to_dict() for rule in self.rules]
