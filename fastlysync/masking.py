"""The one masking function: hide secret values in any text fastlysync prints or writes.

A secret leaks in more shapes than its raw value: an error quotes its repr or JSON form
(`\\n` for a newline), a validator truncates it (`'s3cr...'`), a message squashes its
whitespace (a PEM key on one line), a renderer prints a multi-line value line by line. So each
secret is masked as its raw value, its escaped forms, its whitespace-squashed form and each of
its lines, and also wherever a long enough prefix or suffix of any of those appears.

Secrets reach this module in two ways: passed by the caller, and `register`ed by the spec
loader as it resolves them (`${env:X}` values, sensitive fields) so every renderer and error
path of the process can mask them with no plumbing (`MaskingStream` wraps the CLI's stdout
and stderr; files written by commands go through `mask`).
"""

from __future__ import annotations

import functools
import io
import json
import re
from collections.abc import Iterable
from typing import TextIO

MASK = "********"
MIN_SECRET_LENGTH = 4
"""Shorter values are not masked: replacing every `1` in output would hide more than it protects."""
MIN_PARTIAL = 10
"""A prefix or suffix this long (of a longer secret) may be a leak (a truncated value)..."""
PARTIAL_CAP = 24
"""...when it is also half the secret, or at least this long."""

_registered: set[str] = set()
_armed = False


def arm() -> None:
    """Start collecting secrets for this command (the CLI does, around each command)."""
    global _armed
    _registered.clear()
    _armed = True


def disarm() -> None:
    """Stop and forget: library callers (and tests) never see another run's secrets."""
    global _armed
    _registered.clear()
    _armed = False


def register(secrets: Iterable[str]) -> None:
    """Remember secrets until `disarm` (masked in all output from now on); a no-op unless
    armed."""
    if _armed:
        _registered.update(s for s in secrets
                           if isinstance(s, str) and len(s) >= MIN_SECRET_LENGTH)


def registered() -> frozenset[str]:
    return frozenset(_registered)


def variants(secret: str) -> set[str]:
    """Every spelling of `secret` that output may carry."""
    forms = {secret, repr(secret)[1:-1], json.dumps(secret)[1:-1],
             json.dumps(secret, ensure_ascii=False)[1:-1], " ".join(secret.split()),
             secret.encode("unicode_escape").decode("ascii")}
    for line in secret.splitlines():
        forms.add(line)
        forms.add(line.strip())
    return {f for f in forms if len(f) >= MIN_SECRET_LENGTH}


def _partial_spans(text: str, form: str) -> list[tuple[int, int]]:
    """Spans of `text` holding a long enough prefix or suffix of `form`: at least MIN_PARTIAL
    characters and half the form (capped at PARTIAL_CAP: a validator that shows 37 characters
    of a long value leaks them)."""
    spans: list[tuple[int, int]] = []
    if len(form) <= MIN_PARTIAL:
        return spans
    needed = max(MIN_PARTIAL, min(len(form) // 2, PARTIAL_CAP))
    head, tail = form[:MIN_PARTIAL], form[-MIN_PARTIAL:]
    start = text.find(head)
    while start != -1:
        end = start + MIN_PARTIAL
        while end < len(text) and end - start < len(form) and text[end] == form[end - start]:
            end += 1
        if end - start >= needed:
            spans.append((start, end))
        start = text.find(head, start + 1)
    found = text.find(tail)
    while found != -1:
        start, stop, offset = found, found + MIN_PARTIAL, len(form) - MIN_PARTIAL
        while start > 0 and offset > 0 and text[start - 1] == form[offset - 1]:
            start -= 1
            offset -= 1
        if stop - start >= needed:
            spans.append((start, stop))
        found = text.find(tail, found + 1)
    return spans


_UNSAFE = re.compile("[\x00-\x08\x0a-\x1f\x7f-\x9f\u061c\u200b-\u200f\u2028-\u202e"
                     "\u2060-\u2069\ufeff]")


def printable(text: str) -> str:
    """`text` with line breaks, control (but tab), bidirectional and invisible characters spelt as
    `\\uXXXX`: a name can then neither start a new output line (a forged `::error::` in a CI
    log) nor reorder or hide what is printed around it."""
    return _UNSAFE.sub(lambda m: f"\\u{ord(m.group(0)):04x}", text)


@functools.lru_cache(maxsize=64)
def _forms(secrets: frozenset[str]) -> tuple[tuple[str, ...], frozenset[str]]:
    """Every spelling of every secret, longest first, and the 4-character openings any
    match (whole, prefix or suffix) must start with: a line holding none of them is passed
    through without a search per spelling (cached: the CLI masks each line)."""
    forms = tuple(sorted({f for s in secrets for f in variants(s)}, key=len, reverse=True))
    grams = {f[:MIN_SECRET_LENGTH] for f in forms}
    grams |= {f[-MIN_PARTIAL:][:MIN_SECRET_LENGTH] for f in forms if len(f) > MIN_PARTIAL}
    return forms, frozenset(grams)


def _may_hold(text: str, grams: frozenset[str]) -> bool:
    width = MIN_SECRET_LENGTH
    return any(text[i:i + width] in grams for i in range(len(text) - width + 1))


def mask(text: str, secrets: Iterable[str] = ()) -> str:
    """`text` with every secret (given or registered) of MIN_SECRET_LENGTH or more characters
    replaced by ********, in any of its spellings, whole or truncated."""
    chosen = frozenset(s for s in (*secrets, *_registered) if isinstance(s, str)
                       and len(s) >= MIN_SECRET_LENGTH)
    if not chosen or not text:
        return text
    forms, grams = _forms(chosen)
    if not _may_hold(text, grams):
        return text
    for form in forms:
        if form in text:
            text = text.replace(form, MASK)
    spans = sorted(span for form in forms for span in _partial_spans(text, form))
    if not spans:
        return text
    merged: list[list[int]] = []
    for start, end in spans:  # sorted: overlapping spans become one
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    out, at = [], 0
    for start, end in merged:
        out += [text[at:start], MASK]
        at = end
    out.append(text[at:])
    return "".join(out)


class MaskingStream(io.TextIOBase):
    """A text stream that masks each line before passing it on (lines are buffered, so a
    secret split across two writes is still seen whole)."""

    def __init__(self, target: TextIO) -> None:
        self.target = target
        self._pending = ""

    def write(self, text: str) -> int:
        self._pending += text
        if "\n" in self._pending:
            done, _, self._pending = self._pending.rpartition("\n")
            self.target.write(mask(done + "\n"))
        return len(text)

    def flush(self) -> None:
        if self._pending:
            self.target.write(mask(self._pending))
            self._pending = ""
        self.target.flush()

    def isatty(self) -> bool:
        return self.target.isatty()

    def fileno(self) -> int:
        return self.target.fileno()

    @property
    def encoding(self) -> str:  # type: ignore[override]
        return getattr(self.target, "encoding", "utf-8")

    def writable(self) -> bool:
        return True
