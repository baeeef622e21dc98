"""falco's ``describe`` groups, rewritten into plain VCL the project's parser reads.

``describe NAME { before_recv { ... } sub test_a { ... } }`` becomes the subs themselves, with
each hook turned into ``sub __falco_before_recv__NAME { ... }``. Line numbers are kept (only
the ``describe`` header and its closing brace are blanked), so failures point at the file the
user wrote.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_DESCRIBE = re.compile(r"describe\s+([A-Za-z_][A-Za-z0-9_]*)\s*\{")
_HOOK = re.compile(r"(before|after)_([A-Za-z_][A-Za-z0-9_]*)\s*\{")


@dataclass
class Group:
    name: str
    start_line: int
    end_line: int
    hooks: dict[str, str] = field(default_factory=dict)
    """``before_recv`` -> the generated sub name."""


class DescribeError(Exception):
    def __init__(self, message: str, line: int) -> None:
        super().__init__(message)
        self.message = message
        self.line = line


def hook_sub(group: str, hook: str) -> str:
    return f"__falco_{hook}__{group}"


def rewrite(text: str) -> tuple[str, list[Group]]:
    """The text with ``describe`` groups flattened, and the groups found."""
    out = list(text)
    groups: list[Group] = []
    depth = 0
    current: Group | None = None
    close_at: int | None = None  # depth whose closing brace ends the describe
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if c == '"':
            end = text.find('"', i + 1)
            i = n if end < 0 else end + 1
            continue
        if text.startswith('{"', i):
            end = text.find('"}', i + 2)
            i = n if end < 0 else end + 2
            continue
        if c == "#" or text.startswith("//", i):
            end = text.find("\n", i)
            i = n if end < 0 else end
            continue
        if text.startswith("/*", i):
            end = text.find("*/", i + 2)
            i = n if end < 0 else end + 2
            continue
        at_word = i == 0 or not (text[i - 1].isalnum() or text[i - 1] in "_.")
        if depth == 0 and at_word and current is None:
            m = _DESCRIBE.match(text, i)
            if m:
                line = text.count("\n", 0, i) + 1
                current = Group(m.group(1), line, line)
                groups.append(current)
                for k in range(i, m.end()):
                    out[k] = " " if text[k] != "\n" else "\n"
                depth += 1
                close_at = depth
                i = m.end()
                continue
        if current is not None and depth == 1 and at_word:
            m = _HOOK.match(text, i)
            if m:
                hook = f"{m.group(1)}_{m.group(2)}"
                name = hook_sub(current.name, hook)
                current.hooks[hook] = name
                replacement = f"sub {name} {{"
                out[i:m.end()] = [replacement] + [""] * (m.end() - i - 1)
                depth += 1
                i = m.end()
                continue
        if c == "{":
            depth += 1
        elif c == "}":
            if current is not None and depth == close_at:
                out[i] = " "
                current.end_line = text.count("\n", 0, i) + 1
                current = None
                close_at = None
            depth -= 1
        i += 1
    if current is not None:
        raise DescribeError(f"describe {current.name} is not closed", current.start_line)
    return "".join(out), groups
