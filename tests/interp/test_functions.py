"""Builtins against the examples on Fastly's function reference pages (URLs in the catalogue)."""

import re
from pathlib import Path

import pytest

from fastlysync.interp.errors import Unsupported, VclRuntimeError
from fastlysync.interp.functions import RAW, REGISTRY
from fastlysync.interp.values import RTime, Time, to_str
from fastlysync.vcl.catalogue import load

from .helpers import evaluate, run

DOCS = Path(__file__).resolve().parents[2] / "docs" / "testing.md"

EXAMPLES = [
    # strings (std-strpad, std-strrep, std-prefixof ... pages)
    ('std.strpad("abc", -10, "-=")', "abc-=-=-=-"),
    ('std.strpad("abc", 10, "-=")', "-=-=-=-abc"),
    ('std.strrep("abc", 3)', "abcabcabc"),
    ('std.tolower("HeLLo")', "hello"),
    ('std.toupper("HeLLo")', "HELLO"),
    ('std.strlen("hello")', 5),
    ('std.strrev("abc")', "cba"),
    ('std.prefixof("rhubarb", "rhu")', True),
    ('std.suffixof("rhubarb", "barb")', True),
    ('std.strstr("abcdef", "cd")', "cdef"),
    ('std.replace("abcabc", "b", "X")', "aXcabc"),
    ('std.replaceall("abcabc", "b", "X")', "aXcaXc"),
    ('std.replace_prefix("abcabc", "ab", "X")', "Xcabc"),
    ('std.replace_suffix("abcabc", "bc", "X")', "abcaX"),
    ('std.basename("/foo/bar.html")', "bar.html"),
    ('std.dirname("/foo/bar.html")', "/foo"),
    ('std.atoi("42abc")', 42),
    ('std.strtol("0x10", 0)', 16),
    ('std.strtol("777", 8)', 511),
    ('std.itoa(255, 16)', "ff"),
    ('std.strcasecmp("abc", "ABC")', True),
    ('substr("abcdef", 2, 3)', "cde"),
    ('substr("abcdef", -2)', "ef"),
    ('substr("abcdef", 1, -1)', "bcde"),
    ('regsub("foo-bar-baz", "-(\\w+)", "_\\1")', "foo_bar-baz"),
    ('regsuball("foo-bar-baz", "-", "_")', "foo_bar_baz"),
    ('subfield("a=1, b=2", "b")', "2"),
    ('subfield("a=1; b=2", "a", ";")', "1"),
    ('urlencode("a b&c/é")', "a%20b%26c%2F%C3%A9"),
    ('urldecode("a%20b%26c")', "a b&c"),
    ('json.escape({"say "hi""})', 'say \\"hi\\"'),
    ('json.escape("a" LF "b")', "a\\nb"),
    ('xml_escape("<a href=\'x\'>&</a>")', "&lt;a href=&apos;x&apos;&gt;&amp;&lt;/a&gt;"),
    ('cstr_escape({"a"b"})', 'a\\"b'),
    ('http_status_matches(404, "200,404")', True),
    ('http_status_matches(404, "!200,304")', True),
    ('utf8.codepoint_count("héllo")', 5),
    # digest (digest-hmac-sha1, digest-hmac-sha512, digest-hash-* pages)
    ('digest.hmac_sha1("key", "input")', "0x8513bb355076cce2ae5eb9f399ab5cafdba7c8a2"),
    ('digest.hmac_sha512_base64("key", "input")',
     "A613yBfzJmnMzzjayRXU5VoWgzscpoWXmp31IaBSNZeAkAQ8PaQC2tNl7TmsBa9IZKgERRhh9LTfdoCDTG1PlQ=="),
    ('digest.hash_md5("hello")', "5d41402abc4b2a76b9719d911017c592"),
    ('digest.hash_sha256("")',
     "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
    ('digest.base64("hello")', "aGVsbG8="),
    ('digest.base64_decode("aGVsbG8=")', "hello"),
    # fiddle-checked (falco examples/testing/base64): padding ends the data, except in the
    # nopad variant, which skips "="; a NUL byte ends the STRING
    ('digest.base64_decode("aGVsbG8=0")', "hello"),
    ('digest.base64url_decode("aGVsbG8=0")', "hello"),
    ('digest.base64url_nopad_decode("aGVsbG8=0")', "hello4"),
    ('digest.base64_decode("c29tZSBkYXRhIHdpdGggACBhbmQg77u/")', "some data with "),
    ('digest.base64url_nopad("??>")', "Pz8-"),
    ('digest.secure_is_equal("a", "a")', True),
    ('bin.hex_to_base64("68656c6c6f")', "aGVsbG8="),
    # AWS's own Signature Version 4 example (docs.aws.amazon.com, "Examples of how to derive
    # a signing key"), as digest.awsv4_hmac computes it
    ('digest.awsv4_hmac("wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", "20150830", "us-east-1", '
     '"iam", "AWS4-HMAC-SHA256" LF "20150830T123600Z" LF "20150830/us-east-1/iam/aws4_request" '
     'LF "f536975d06c0309214f805bb90ccff089219ecd68b2577efef23edd43b7e1a59")',
     "5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7"),
    ('bin.base64_to_hex("aGVsbG8=")', "68656C6C6F"),
    # querystring (querystring-* pages)
    ('querystring.get("/?a=1&b=2", "b")', "2"),
    ('querystring.set("/?a=1&b=2", "a", "9")', "/?a=9&b=2"),
    ('querystring.add("/?a=1", "b", "2")', "/?a=1&b=2"),
    ('querystring.remove("/p?a=1")', "/p"),
    ('querystring.clean("/p?a=1&&=x&b=")', "/p?a=1&b="),
    ('querystring.sort("/p?c=3&a=1&b=2")', "/p?a=1&b=2&c=3"),
    ('querystring.filter("/?utm_source=x&q=1&utm_medium=y", "utm_source" + '
     'querystring.filtersep() + "utm_medium")', "/?q=1"),
    ('querystring.filter_except("/?q=1&x=2&p=3", "q" + querystring.filtersep() + "p")',
     "/?q=1&p=3"),
    ('querystring.globfilter("/?utm_a=1&q=2&utm_b=3", "utm_*")', "/?q=2"),
    ('querystring.regfilter_except("/?param1=1&x=2&param2=3", "^(param1|param2)$")',
     "/?param1=1&param2=3"),
    # time
    ('strftime({"%Y-%m-%d"}, std.integer2time(1700000000))', "2023-11-14"),
    ('std.time("Mon, 02 Jan 2006 22:04:05 GMT", now)', Time(1136239445)),
    ('time.add(std.integer2time(10), 5s)', Time(15)),
    ('time.sub(std.integer2time(10), 5s)', Time(5)),
    ('time.is_after(std.integer2time(10), std.integer2time(5))', True),
    ('time.hex_to_time(1, "5f5e1000")', Time(0x5F5E1000)),
    ('parse_time_delta("3h")', 10800),
    # Fastly's reference: whole seconds, then 3 (ms), 6 (us) or 9 (ns) decimal places.
    ('time.units("ms", std.integer2time(2))', "2.000"),
    ('time.units("s", std.integer2time(1600000000))', "1600000000"),
    ('time.units("us", time.hex_to_time(1000, "3e7"))', "0.999000"),
    # math
    ('math.floor(1.7)', 1.0),
    ('math.ceil(1.2)', 2.0),
    ('math.round(2.5)', 3.0),
    ('math.roundeven(2.5)', 2.0),
    ('math.trunc(-1.7)', -1.0),
    ('math.is_nan(math.sqrt(-1.0))', True),
    # addresses
    ('addr.is_ipv6(client.ip)', False),
    ('addr.is_ipv4("192.0.2.1")', True),
    ('std.ip2str(std.ip("192.0.2.1", "0.0.0.0"))', "192.0.2.1"),
    # uuid
    ('uuid.version5(uuid.dns(), "www.example.com")', "2ed6657d-e927-568b-95e1-2665a8aea6a2"),
    ('uuid.version3(uuid.dns(), "www.example.com")', "5df41881-3aed-3515-88a7-2f4a814cf09e"),
    ('uuid.is_valid("2ed6657d-e927-568b-95e1-2665a8aea6a2")', True),
    ('uuid.is_version4("2ed6657d-e927-568b-95e1-2665a8aea6a2")', False),
    # content negotiation
    ('accept.language_lookup("en:de:fr", "en", "de-DE;q=0.9, fr;q=0.5")', "de"),
    ('accept.encoding_lookup("br:gzip", "identity", "gzip, deflate")', "gzip"),
    # RFC 4647 3.3.1: "nl-BE" does not match the tag "nl" (only longer tags match a range),
    # "de" matches "de"; at most nmatches, comma-separated, in the client's preference order.
    ('accept.language_filter_basic("en:de:fr:nl", "nl", "nl-BE, de;q=0.8, fr;q=0.9", 2)',
     "fr,de"),
    ('accept.language_filter_basic("en-US:en-GB:de", "de", "en", 1)', "en-US"),
    ('accept.language_filter_basic("en:de", "en", "ja, zh;q=0.5", 2)', "en"),
    ('accept.language_filter_basic("en:de", "en", "*", 5)', "en,de"),
]


@pytest.mark.parametrize(("expr", "expected"), EXAMPLES)
def test_documented_examples(expr: str, expected: object) -> None:
    got = evaluate(expr)
    assert got == expected and type(got) is type(expected), (expr, got)


def test_std_count_counts_header_fields() -> None:
    # Fastly's example: set req.http.Number-of-Headers = std.count(req.headers);
    vcl = """
sub vcl_recv {
  set req.http.Number-of-Headers = std.count(req.headers);
  error 600;
}
sub vcl_error { set obj.http.N = req.http.Number-of-Headers; }
"""
    r = run(vcl, headers=[("Host", "a.example"), ("Accept", "*/*"), ("Accept", "text/html")])
    # Host, two Accept fields and the edge's Fastly-Client-IP and Fastly-SSL (TLS request).
    assert r.error is None and r.headers.get("N") == "5"
    r = run('sub vcl_recv { set req.http.N = std.count(req.http.Host); }')
    assert r.error is not None and "std.count: the argument must be a header collection" in str(
        r.error)


def test_randomness_repeats_with_the_seed() -> None:
    first = evaluate("randomstr(16)")
    assert first == evaluate("randomstr(16)") and len(first) == 16
    assert evaluate("uuid.version4()") == evaluate("uuid.version4()")
    assert evaluate("uuid.is_version4(uuid.version4())") is True
    assert 1 <= evaluate("randomint(1, 6)") <= 6
    assert evaluate("randombool(1, 1)") is True and evaluate("randombool(0, 1)") is False


def test_shield_selection_falls_back_locally() -> None:
    from .helpers import service

    svc = service("")
    picked = evaluate("fastly.try_select_shield(ssl_shield_iad_va_us, F_origin)", svc=svc)
    assert picked is svc.named("F_origin")


def test_header_functions() -> None:
    prelude = 'set req.http.A = "1"; set req.http.B = "2"; set req.http.C = "3";' \
              'header.filter_except(req, "A", "B"); header.set(req, "D", "4");' \
              'header.unset(req, "B");'
    assert evaluate('header.get(req, "A") + header.get(req, "D")', prelude) == "14"
    assert evaluate("req.http.C", prelude) is None
    assert evaluate("req.http.B", prelude) is None


def test_re_group_after_match() -> None:
    assert evaluate("re.group.2", 'if (req.url ~ "^/(path)/(to)") { }') == "to"


def test_time_arithmetic_and_rtime_strings() -> None:
    assert evaluate("now + 1h") == Time(evaluate("now") + 3600)
    assert to_str(evaluate("10s")) == "10.000"
    assert isinstance(evaluate("1m"), RTime)


def test_integer_overflow_and_division_by_zero_set_fastly_error() -> None:
    prelude = "declare local var.i INTEGER; set var.i = 9223372036854775807; set var.i += 1;"
    assert evaluate("var.i", prelude) == -(2**63)
    assert evaluate("fastly.error", prelude) == "ERANGE"
    assert evaluate("fastly.error", "declare local var.i INTEGER; set var.i /= 0;") == "EDOM"


def test_unsupported_function_raises_unsupported() -> None:
    # Fastly does not document the one-time password's encoding: no value could be trusted.
    with pytest.raises(Unsupported, match=r"unsupported: digest.time_hmac_sha1 at expr.vcl:1"):
        evaluate('digest.time_hmac_sha1(digest.base64("secret"), 60, 0)')


def test_a_function_fastly_does_not_have_is_unknown_not_unsupported() -> None:
    # Varnish's hash_data and a made-up std.log are not Fastly VCL: Fastly rejects the VCL.
    for call in ('hash_data(req.url)', 'std.log("x")'):
        with pytest.raises(VclRuntimeError, match=r"unknown function .*: not a Fastly VCL "
                                                  r"function nor a sub of this service") as info:
            evaluate(call)
        assert not isinstance(info.value, Unsupported)


def _documented_unsupported() -> set[str]:
    text = DOCS.read_text(encoding="utf-8")
    section = text.split("<!-- unsupported-functions -->")[1].split("<!-- /unsupported")[0]
    return set(re.findall(r"`([a-z0-9_.]+)`", section))


def test_every_catalogue_function_is_implemented_or_documented_unsupported() -> None:
    implemented = set(REGISTRY) | set(RAW)
    documented = _documented_unsupported()
    missing = [name for name in load().function_names()
               if name not in implemented and name not in documented]
    assert not missing, f"neither implemented nor listed unsupported in docs: {missing}"
    wrongly = sorted(documented & implemented)
    assert not wrongly, f"listed unsupported but implemented: {wrongly}"


def test_header_filter_leaves_protected_headers() -> None:
    # Fastly's "Special and protected headers": Expect, Upgrade... cannot be changed in VCL.
    vcl = ('sub vcl_recv { header.filter_except(req, "Accept"); '
           'set req.http.Seen = if(req.http.Expect, "expect", "") "," '
           'if(req.http.Upgrade, "upgrade", "") "," if(req.http.Cookie, "cookie", "") "," '
           'if(req.http.Accept, "accept", ""); error 600; }\n'
           'sub vcl_error { set obj.http.Seen = req.http.Seen; }')
    result = run(vcl, headers=[("Expect", "100-continue"), ("Upgrade", "h2c"),
                               ("Cookie", "a=1"), ("Accept", "*/*")])
    assert result.headers.get("Seen") == "expect,upgrade,,accept"
