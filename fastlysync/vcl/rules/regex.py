"""Regular expression literals that PCRE would reject."""

from __future__ import annotations

import re
import warnings
from functools import lru_cache

from .. import ast as A
from .base import Rule

TYPE_CHECKING = False  # typing itself costs a cold lint its import
if TYPE_CHECKING:
    from ..diagnostic import Diagnostic
    from .analysis import Analysis

# PCRE syntax Python's `re` lacks, rewritten to something equivalent in structure so that only
# structural mistakes (unbalanced parentheses, bad quantifiers, ...) remain to be found.
_QUOTED = re.compile(r"\\Q(.*?)(?:\\E|$)", re.S)
_PCRE_ESCAPES = re.compile(
    r"\\(?:[pP](?:\{[^}]*\}|[A-Za-z])|x\{[0-9A-Fa-f]+\}|o\{[0-7]+\}|[gk](?:\{[^}]*\}|<[^>]*>|'[^']*'|-?\d+)"
    r"|c.|[hHvVRXKzGCNeE])"
)
_NAMED_GROUP = re.compile(r"\(\?(?:<(?![=!])|'|P<)([A-Za-z_][A-Za-z0-9_]*)[>']")
_SUBROUTINE_CALL = re.compile(r"\(\?(?:R|[+-]?\d+|&[A-Za-z_]\w*|P>[A-Za-z_]\w*)\)")
_VERBS = re.compile(r"\(\*[A-Z_][A-Z_0-9]*(?:[:=][^)]*)?\)")  # (*UTF8), (*LIMIT_MATCH=9)
_INLINE_FLAGS = re.compile(r"\(\?[imsxJUn^-]+\)")
_SCOPED_FLAGS = re.compile(r"\(\?[imsxJUn^-]+:")
_BRANCH_RESET = re.compile(r"\(\?\|")
_ATOMIC_OR_COND = re.compile(r"\(\?\((?:[^()]|\([^()]*\))*\)")

# Messages from Python's `re` that PCRE reports too.
_STRUCTURAL = (
    "missing ), unterminated subpattern",
    "unbalanced parenthesis",
    "nothing to repeat",
    "multiple repeat",
    "unterminated character set",
    "min repeat greater than max repeat",
)


def _pcre_to_python(pattern: str) -> str:
    pattern = _QUOTED.sub(lambda m: re.escape(m.group(1)), pattern)
    pattern = _VERBS.sub("", pattern)
    pattern = _PCRE_ESCAPES.sub("a", pattern)
    counter = iter(range(1, 10_000))
    pattern = _NAMED_GROUP.sub(lambda m: f"(?P<g{next(counter)}>", pattern)
    pattern = _SUBROUTINE_CALL.sub("a", pattern)
    pattern = _BRANCH_RESET.sub("(?:", pattern)
    pattern = _ATOMIC_OR_COND.sub("(?:", pattern)
    pattern = _INLINE_FLAGS.sub("", pattern)
    pattern = _SCOPED_FLAGS.sub("(?:", pattern)
    return pattern


_QUANTIFIER = re.compile(r"\{(\d+)(,(\d*))?\}")


def _plainly_valid(p: str) -> bool:
    """A fast scan that accepts the common, structurally sound pattern; False means 'look
    closer' (compiling tens of thousands of distinct regexes would dominate lint time)."""
    depth = 0
    i = 0
    n = len(p)
    atom = False
    while i < n:
        c = p[i]
        if c == "\\":
            i += 2
            atom = True
        elif c == "[":
            j = i + 1
            if j < n and p[j] == "^":
                j += 1
            if j < n and p[j] == "]":
                j += 1
            while j < n and p[j] != "]":
                if p[j] == "\\":
                    j += 1
                elif p[j] == "[":
                    return False  # POSIX class or nested bracket: leave it to the full check
                elif (j + 2 < n and p[j + 1] == "-" and p[j + 2] not in "]\\"
                      and p[j] > p[j + 2]):
                    return False  # a reversed range such as z-a
                j += 1
            if j >= n:
                return False
            i = j + 1
            atom = True
        elif c == "(":
            depth += 1
            i += 1
            if i < n and p[i] == "?":
                if p.startswith(("?:", "?=", "?!", "?<=", "?<!", "?>"), i):
                    i += 3 if p[i + 1] == "<" else 2
                else:
                    return False
            atom = False
        elif c == ")":
            depth -= 1
            if depth < 0:
                return False
            i += 1
            atom = True
        elif c == "|":
            i += 1
            atom = False
        elif c in "*+?":
            if not atom:
                return False
            i += 1
            if i < n and p[i] in "+?":
                i += 1
            atom = False
        elif c == "{":
            m = _QUANTIFIER.match(p, i)
            if m is None:
                i += 1
                atom = True
                continue
            if not atom or (m.group(3) and int(m.group(1)) > int(m.group(3))):
                return False
            i = m.end()
            if i < n and p[i] in "+?":
                i += 1
            atom = False
        else:
            i += 1
            atom = True
    return depth == 0


@lru_cache(maxsize=4096)
def regex_problem(pattern: str) -> str | None:
    """Why PCRE would reject `pattern`, or None when it compiles (or might)."""
    if _plainly_valid(pattern):
        return None
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            re.compile(pattern)
        return None
    except re.error:
        pass
    except (RecursionError, OverflowError):
        return None
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            re.compile(_pcre_to_python(pattern))
        return None
    except re.error as exc:
        message = str(exc.msg)
        if message.startswith("bad character range"):
            span = message.rsplit(" ", 1)[-1]
            return message if "\\" not in span else None
        if any(message.startswith(s) for s in _STRUCTURAL):
            where = f" at position {exc.pos}" if exc.pos is not None else ""
            return f"{message}{where}"
        return None
    except (RecursionError, OverflowError):
        return None


class InvalidRegex(Rule):
    """A regular expression literal that does not compile."""

    code = "VCL602"
    name = "invalid-regex"
    severity = "error"
    aliases = ("regex/invalid",)
    doc = (
        "Fastly compiles regexes (the right side of `~`/`!~`, regsub/regsuball and "
        "querystring.regfilter patterns, REGEX table values) with PCRE when the VCL is "
        "uploaded, so a broken pattern fails activation. Only mistakes PCRE rejects too are "
        "reported (unbalanced parentheses or brackets, a quantifier with nothing to repeat, "
        "`{5,2}`); PCRE-only syntax such as possessive quantifiers, atomic groups, inline flags, "
        "`\\Q...\\E` or `\\p{L}` is accepted."
    )
    bad = (
        'sub vcl_recv {\n  #FASTLY recv\n  if (req.url ~ "^/(en|de/") {\n    return(pass);\n'
        '  }\n}\n'
    )
    good = (
        'sub vcl_recv {\n  #FASTLY recv\n  if (req.url ~ "^/(en|de)/") {\n    return(pass);\n'
        '  }\n}\n'
    )

    def check(self, context: Analysis) -> list[Diagnostic]:
        out = []
        for occ in context.regexes:
            node: A.StringLit = occ.node
            problem = regex_problem(node.value)
            if problem:
                out.append(self.diag(node, occ.file, f"invalid regex {node.raw}: {problem}"))
        for f in context.files:
            if f.program is None or f.mode != "file":
                continue
            for decl in f.program.declarations:
                if isinstance(decl, A.Table) and (decl.value_type or "").upper() == "REGEX":
                    for entry in decl.entries:
                        value = entry.value
                        if isinstance(value, A.StringLit):
                            problem = regex_problem(value.value)
                            if problem:
                                out.append(self.diag(value, f,
                                                     f"invalid regex {value.raw}: {problem}"))
        return out
