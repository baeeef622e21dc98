"""Replay the real Fastly API's recorded traffic against the emulator and compare the answers.

Each recorded test sequence (`recordings/*.json`, go-fastly's cassettes in their recorded
order) runs against a freshly reset emulator over HTTP. Ids the real API made up (services,
ACLs, dictionaries, snippets, entries, version numbers) are mapped to the emulator's as they
appear in answers, and substituted into later requests. Each answer is compared on its status
and on its shape: the key set of every object and the JSON type of every value, at every depth.
Values themselves are not compared (ids, timestamps and account contents naturally differ).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import httpx

from fastlysync.kinds import KINDS

from .replay_differences import DELIBERATE, NEWER_KEYS, REQUIRES_KIND, SETUP

RECORDINGS = Path(__file__).parent / "recordings"
ID_KEYS = frozenset({"id", "service_id", "acl_id", "dictionary_id", "snippet_id"})
_ID = re.compile(r"^[A-Za-z0-9]{20,22}$")


@dataclass
class Outcome:
    """One replayed request: what the real API answered and what the emulator did."""

    sequence: str
    index: int
    cassette: str
    method: str
    path: str
    expected_status: int
    status: int
    differences: list[str] = field(default_factory=list)

    @property
    def status_ok(self) -> bool:
        return self.status == self.expected_status

    @property
    def ok(self) -> bool:
        return self.status_ok and not self.differences

    @property
    def where(self) -> str:
        return f"{self.sequence}#{self.index} {self.cassette} {self.method} {self.path}"


def sequences() -> dict[str, list[dict[str, Any]]]:
    return {path.stem: json.loads(path.read_text()) for path in sorted(RECORDINGS.glob("*.json"))}


def json_type(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int | float):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "array"
    return "object"


def newer_keys(recorded: str) -> frozenset[str]:
    """Keys a recording made on `recorded` lacks because the API added them later."""
    return frozenset(n.key for n in NEWER_KEYS if recorded < n.since)


def shape_differences(expected: Any, actual: Any, where: str = "$",
                      newer: frozenset[str] = frozenset()) -> list[str]:
    """Type and key-set differences between two JSON documents, at every depth; keys in
    `newer` may be sent although the recording lacks them."""
    want, got = json_type(expected), json_type(actual)
    if want != got:
        return [f"{where}: {got} where the API sends {want}"]
    out: list[str] = []
    if want == "object":
        for key in sorted(expected.keys() - actual.keys()):
            out.append(f"{where}.{key}: missing")
        for key in sorted(actual.keys() - expected.keys() - newer):
            out.append(f"{where}.{key}: not sent by the API")
        for key in sorted(expected.keys() & actual.keys()):
            out += shape_differences(expected[key], actual[key], f"{where}.{key}", newer)
    elif want == "array" and expected and actual:
        for index, item in enumerate(actual):
            model = expected[index] if index < len(expected) else expected[0]
            out += shape_differences(model, item, f"{where}[{index}]", newer)
    return out


class Replayer:
    """Runs one sequence, mapping the real API's ids onto the emulator's."""

    def __init__(self, client: httpx.Client, name: str, *, allow_newer: bool = True) -> None:
        self.client = client
        self.name = name
        self.allow_newer = allow_newer
        self.ids: dict[str, str] = {}
        self.versions: dict[tuple[str, str], str] = {}

    def run(self, interactions: list[dict[str, Any]]) -> Iterator[Outcome]:
        before, setup = SETUP.get(self.name, (-1, ()))
        for index, recorded in enumerate(interactions):
            if index == before:
                for method, path, body in setup:
                    made = self.client.request(
                        method, self._path(path), content=self._body(body).encode(),
                        headers={"Content-Type": "application/x-www-form-urlencoded"})
                    made.raise_for_status()
            path = self._path(recorded["path"])
            headers = {"Content-Type": recorded["content_type"]} if recorded["content_type"] \
                else {}
            response = self.client.request(recorded["method"], path, headers=headers,
                                           content=self._body(recorded["body"]).encode())
            try:
                actual: Any = response.json()
            except ValueError:
                actual = {"_text": response.text}
            expected = recorded["response"]
            if response.status_code == recorded["status"]:
                self._learn(expected, actual)
            yield Outcome(self.name, index, recorded["cassette"], recorded["method"],
                          recorded["path"], recorded["status"], response.status_code,
                          shape_differences(expected, actual,
                                            newer=newer_keys(recorded["recorded"])
                                            if self.allow_newer else frozenset()))

    # ----- ids ----------------------------------------------------------------------------

    def _service(self, recorded: str) -> str:
        """The emulator's id for a recorded service id; a service recorded before the test
        sequence began (go-fastly's standing test service) is created on first sight."""
        if recorded not in self.ids:
            made = self.client.post("/service", data={"name": f"replay-{recorded}"})
            made.raise_for_status()
            self.ids[recorded] = made.json()["id"]
        return self.ids[recorded]

    def _version(self, service: str, number: str) -> str:
        if (service, number) in self.versions:
            return self.versions[service, number]
        listed = self.client.get(f"/service/{self.ids[service]}/version").json()
        return str(max(v["number"] for v in listed)) if isinstance(listed, list) else number

    def _path(self, recorded: str) -> str:
        path, _, query = recorded.partition("?")
        parts = path.split("/")
        out = list(parts)
        for i, part in enumerate(parts):
            text = unquote(part)
            if i == 2 and parts[1] == "service" and _ID.match(text):
                out[i] = self._service(text)
            elif text in self.ids:
                out[i] = self.ids[text]
            elif text.isdigit() and i > 2 and parts[i - 1] in ("version", "from", "to") \
                    and parts[1] == "service":
                out[i] = self._version(unquote(parts[2]), text)
        query = self._body(query)
        return "/".join(out) + (f"?{query}" if query else "")

    def _body(self, body: str) -> str:
        for recorded, emulated in self.ids.items():
            body = body.replace(recorded, emulated)
        return body

    def _learn(self, expected: Any, actual: Any, service: str | None = None) -> None:
        if isinstance(expected, dict) and isinstance(actual, dict):
            sid = expected.get("service_id") if isinstance(expected.get("service_id"), str) \
                else service
            for key in ID_KEYS & expected.keys() & actual.keys():
                if isinstance(expected[key], str) and isinstance(actual[key], str):
                    self.ids.setdefault(expected[key], actual[key])
            if sid and "number" in expected and "number" in actual:
                self.versions[sid, str(expected["number"])] = str(actual["number"])
            for key in expected.keys() & actual.keys():
                self._learn(expected[key], actual[key], sid)
        elif isinstance(expected, list) and isinstance(actual, list):
            for want, got in zip(expected, actual, strict=False):
                self._learn(want, got, service)


@dataclass
class Summary:
    outcomes: list[Outcome]
    skipped: dict[str, str] = field(default_factory=dict)
    """Sequences not replayed: sequence -> the kind they need."""

    @property
    def total(self) -> int:
        return len(self.outcomes)

    def rate(self, *, shape: bool) -> float:
        good = sum(1 for o in self.outcomes if (o.ok if shape else o.status_ok))
        return good / self.total if self.total else 1.0

    def failures(self) -> list[Outcome]:
        return [o for o in self.outcomes if not o.ok]

    def unexplained(self) -> list[Outcome]:
        """Mismatches no `DELIBERATE` entry accounts for."""
        return [o for o in self.failures()
                if not any(re.search(d.where, o.where) for d in DELIBERATE)]

    def stale(self) -> list[str]:
        """`DELIBERATE` entries that no longer match any mismatch."""
        failures = self.failures()
        return [d.where for d in DELIBERATE
                if not any(re.search(d.where, o.where) for o in failures)]


def replay_all(url: str, token: str, reset: Any, *, allow_newer: bool = True) -> Summary:
    """Every recorded sequence, each on a freshly reset emulator (`reset()`); without
    `allow_newer`, keys the API added after a recording was made count as mismatches."""
    summary = Summary([])
    with httpx.Client(base_url=url, headers={"Fastly-Key": token}, timeout=30) as client:
        for name, interactions in sequences().items():
            if REQUIRES_KIND.get(name, "backend") not in KINDS:
                summary.skipped[name] = REQUIRES_KIND[name]
                continue
            reset()
            summary.outcomes += Replayer(client, name, allow_newer=allow_newer).run(interactions)
    return summary
