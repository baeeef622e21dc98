"""PCRE syntax that Python's ``re`` lacks works, as Fastly's PCRE accepts it."""

import pytest

from fastlysync.interp import regex
from fastlysync.interp.errors import VclRuntimeError

from .helpers import evaluate


@pytest.mark.parametrize(("pattern", "subject", "group"), [
    (r"^(?i)ABC", "abcdef", "abc"),
    (r"a++b", "aaab", "aaab"),                  # possessive quantifier
    (r"(?>a+)b", "aaab", "aaab"),               # atomic group
    (r"(?<year>\d{4})-\d\d", "2026-01", "2026"),  # PCRE named group
    (r"^[[:alpha:]]+", "abc123", "abc"),        # POSIX class
    (r"\Qa.b\E", "xa.by", "a.b"),               # quoted literal
])
def test_pcre_syntax(pattern: str, subject: str, group: str) -> None:
    m = regex.search(pattern, subject)
    assert m is not None
    assert (m.group(1) if m.groups() and "year" in pattern else m.group(0)) == group


def test_regsub_backreferences_including_the_whole_match() -> None:
    assert evaluate(r'regsub("abc", "b", "[\0]")') == "a[b]c"
    assert evaluate(r'regsuball("a1b2", "(\d)", "<\1>")') == "a<1>b<2>"


def test_an_invalid_pattern_is_a_located_error() -> None:
    with pytest.raises(VclRuntimeError, match="invalid regex"):
        evaluate('req.url ~ "(unclosed"')


def test_a_group_that_took_no_part_is_empty_and_a_missing_group_not_set() -> None:
    # Fastly (falco's fiddle-checked regex examples): "foo" ~ "^([^;]*)(;.*)?$" leaves
    # re.group.2 empty, not "not set"; a group number the pattern lacks stays not set.
    prelude = 'if ("foo" ~ "^([^;]*)(;.*)?$") { set req.http.Matched = "1"; }'
    assert evaluate("re.group.1", prelude) == "foo"
    assert evaluate("re.group.2", prelude) == ""
    assert evaluate("re.group.3", prelude) is None


def test_replacement_groups_as_fastly_documents_them() -> None:
    from .helpers import evaluate

    # "\100" is group 1 then a literal "00"; "\{N}" reaches groups past 9 (up to 19).
    assert evaluate(r'regsub("404", "^([1-5])..", "\100")') == "400"
    pattern = "(a)(b)(c)(d)(e)(f)(g)(h)(i)(j)(k)"
    assert evaluate(rf'regsub("abcdefghijkl", "{pattern}", "\{{11}}-\{{1}}-\1")') == "k-a-al"
    assert evaluate(r'regsub("ab", "(a)", "\{20}")') == r"\{20}b"
    assert evaluate('regsuball("aaa", "a", "aa")') == "aaaaaa"
