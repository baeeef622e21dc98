"""The rest of the implemented builtins: Fastly's examples where its pages give one, standard
test vectors (FIPS 180, RFC 4231, RFC 4648) for digests, and the documented behaviour
otherwise. ``test_every_implemented_function_is_tested`` keeps the coverage complete."""

import math
import re
from pathlib import Path

import pytest

from fastlysync.interp.functions import RAW, REGISTRY
from fastlysync.interp.values import RTime, Time, to_str

from .helpers import evaluate, run, service

MORE = [
    ('digest.hash_crc32("123456789")', "181989fc"),  # Fastly's example (CRC-32/BZIP2)
    ('digest.hash_xxh32("abc")', "32d153ff"),  # Fastly's example
    ('digest.hash_xxh64("abc")', "44bc2cf5ad770999"),  # xxHash's reference value
    # the long-input paths, against python-xxhash's documented example
    ('digest.hash_xxh32("Nobody inspects the spammish repetition")', "e2293b2f"),
    ('digest.hash_xxh64("Nobody inspects the spammish repetition")', "fbcea83c8a378bf1"),
    ('digest.hash_xxh32_from_base64("YWJj")', "32d153ff"),
    ('digest.hash_xxh64_from_base64("")', "ef46db3751d8e999"),
    ('digest.hash_crc32b("123456789")', "2639f4cb"),  # Fastly's example
    ('digest.hash_sha1("abc")', "a9993e364706816aba3e25717850c26c9cd0d89d"),
    ('digest.hash_sha224("abc")', "23097d223405d8228642a477bda255b32aadbce4bda0b3f7e36c9da7"),
    ('digest.hash_sha384("abc")', "cb00753f45a35e8bb5a03d699ac65007272c32ab0eded1631a8b605a43ff"
                                  "5bed8086072ba1e7cc2358baeca134c825a7"),
    ('digest.hash_sha512("abc")', "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55"
                                  "d39a2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94f"
                                  "a54ca49f"),
    ('digest.hash_sha1_from_base64("YWJj")', "a9993e364706816aba3e25717850c26c9cd0d89d"),
    ('digest.hash_sha256_from_base64("YWJj")',
     "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
    ('digest.hash_sha512_from_base64("YWJj")',
     "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c2"
     "3a3feebbd454d4423643ce80e2a9ac94fa54ca49f"),
    # RFC 4231 test case 2 (key "Jefe")
    ('digest.hmac_sha256("Jefe", "what do ya want for nothing?")',
     "0x5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"),
    ('digest.hmac_sha512("Jefe", "what do ya want for nothing?")',
     "0x164b7a7bfcf819e2e395fbe73b56e0a387bd64222e831fd610270cd7ea2505549758bf75c05a994a6d034f"
     "65f8f0e6fdcaeab1a34d4a6b4b636e070a38bce737"),
    ('digest.hmac_sha256_base64("Jefe", "what do ya want for nothing?")',
     "W9zBRr9gdU5qBCQmCJV1x1oAPwidJzmDnexYuWTsOEM="),
    ('digest.hmac_sha256_with_base64_key("SmVmZQ==", "what do ya want for nothing?")',
     "0x5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"),
    # RFC 2104 / 2202 test vectors for MD5 and SHA-1
    ('digest.hmac_md5("Jefe", "what do ya want for nothing?")',
     "0x750c783e6ab0b503eaa86e310a5db738"),
    ('digest.hmac_md5_base64("Jefe", "what do ya want for nothing?")',
     "dQx4PmqwtQPqqG4xCl23OA=="),
    ('digest.hmac_sha1_base64("key", "input")', "hRO7NVB2zOKuXrnzmatcr9unyKI="),
    # RFC 4648 base64url
    ('digest.base64url("??>")', "Pz8-"),
    ('digest.base64url("a")', "YQ=="),
    ('digest.base64url_decode("Pz8-")', "??>"),
    ('digest.base64url_nopad_decode("YQ")', "a"),
    # query strings; add and set URL-encode the name and value (Fastly's reference)
    ('querystring.add("/p?a=1", "b c", "2&3=4")', "/p?a=1&b%20c=2%263%3D4"),
    ('querystring.set({"/p?x%20y=1&z=2&x%20y=3"}, "x y", "é")', "/p?x%20y=%C3%A9&z=2"),
    ('boltsort.sort("/p?b=2&a=1")', "/p?a=1&b=2"),
    ('querystring.globfilter_except("/?utm_a=1&q=2&utm_b=3", "utm_*")', "/?utm_a=1&utm_b=3"),
    ('querystring.regfilter("/?utm_a=1&q=2", "^utm_")', "/?q=2"),
    # strings and numbers
    ('std.itoa_charset(10, "01")', "1010"),
    ('std.atof("1.5e2x")', 150.0),
    ('std.strtof("2.5")', 2.5),
    ('std.ip2str(std.str2ip("bad", "192.0.2.9"))', "192.0.2.9"),
    ('std.ip2str(std.anystr2ip("0xC0000201", "0.0.0.0"))', "192.0.2.1"),
    ('std.ip2str(std.anystr2ip("3221225985", "0.0.0.0"))', "192.0.2.1"),
    # Fastly's reference (POSIX dirname): the empty or not-set path is ".".
    ('std.dirname("")', "."),
    ('std.dirname(req.http.Not-Set)', "."),
    ('std.dirname("/usr/")', "/"),
    # Fastly's reference: "0x8.010.2056 is equivalent to 8.8.8.8" (inet_aton's short forms).
    ('std.ip2str(std.anystr2ip("0x8.010.2056", "0.0.0.0"))', "8.8.8.8"),
    ('std.ip2str(std.anystr2ip("0xc0.0.01001", "192.0.2.2"))', "192.0.2.1"),
    ('std.ip2str(std.anystr2ip("1.2.3.256", "192.0.2.2"))', "192.0.2.2"),
    ('std.ip2str(std.anystr2ip("08.1.1.1", "192.0.2.2"))', "192.0.2.2"),
    ('std.ip2str(std.anystr2ip("2001:db8::1", "192.0.2.2"))', "2001:db8::1"),
    # An IPv4-mapped address prints dotted, as inet_ntop writes it.
    ('std.ip2str(std.ip("::FFFF:192.0.2.1", "0.0.0.0"))', "::ffff:192.0.2.1"),
    ('addr.extract_bits(std.ip("192.0.2.1", "0.0.0.0"), 0, 8)', 1),
    ('addr.is_unix(client.ip)', False),
    ('utf8.is_valid("héllo")', True),
    ('utf8.substr("héllo", 1, 3)', "éll"),
    ('utf8.strpad("é", 3, "-")', "--é"),
    ('time.runits("ms", 1.5s)', "1.500"),
    ('time.runits("s", 1.5s)', "1"),
    ('time.runits("ns", 1s)', "1.000000000"),
    ('time.runits("us", -2.25s)', "-2.250000"),
    ('time.interval_elapsed_ratio(std.integer2time(15), std.integer2time(10), '
     'std.integer2time(20))', 0.5),
    # math (C's libm)
    ('math.acos(1.0)', 0.0), ('math.asin(0.0)', 0.0), ('math.atan(0.0)', 0.0),
    ('math.acosh(1.0)', 0.0), ('math.asinh(0.0)', 0.0), ('math.atanh(0.0)', 0.0),
    ('math.atan2(0.0, 1.0)', 0.0), ('math.cos(0.0)', 1.0), ('math.cosh(0.0)', 1.0),
    ('math.sin(0.0)', 0.0), ('math.sinh(0.0)', 0.0), ('math.tan(0.0)', 0.0),
    ('math.tanh(0.0)', 0.0), ('math.exp(0.0)', 1.0), ('math.exp2(10.0)', 1024.0),
    ('math.log(1.0)', 0.0), ('math.log10(1000.0)', 3.0), ('math.log2(8.0)', 3.0),
    ('math.roundhalfup(2.5)', 3.0), ('math.roundhalfdown(2.5)', 2.0),
    ('math.is_finite(1.0)', True), ('math.is_infinite(math.exp(1000.0))', True),
    ('math.is_normal(1.0)', True), ('math.is_subnormal(1.0)', False),
    # uuid (RFC 4122 namespaces)
    ('uuid.url()', "6ba7b811-9dad-11d1-80b4-00c04fd430c8"),
    ('uuid.oid()', "6ba7b812-9dad-11d1-80b4-00c04fd430c8"),
    ('uuid.x500()', "6ba7b814-9dad-11d1-80b4-00c04fd430c8"),
    ('uuid.is_version3("5df41881-3aed-3515-88a7-2f4a814cf09e")', True),
    ('uuid.is_version5("2ed6657d-e927-568b-95e1-2665a8aea6a2")', True),
    ('uuid.is_version7(uuid.version7())', True),
    # seeded randomness repeats for the same seed
    ('randomint_seeded(1, 1000, 42) == randomint_seeded(1, 1000, 42)', True),
    ('randombool_seeded(1, 1, 7)', True),
    # content negotiation
    ('accept.charset_lookup("iso-8859-5:utf-8", "utf-8", "ISO-8859-5;q=0.8, utf-8")', "utf-8"),
    # "*" is any encoding the header does not name: gzip;q=0 stays refused
    ('accept.encoding_lookup("gzip:br", "identity", "gzip;q=0, *")', "br"),
    ('accept.encoding_lookup("compress:gzip", "identity", "br")', "identity"),
    ('accept.media_lookup("image/jpeg:image/png", "text/html", "image/gif", '
     '"image/png;q=0.9, text/html")', "image/png"),
]


@pytest.mark.parametrize(("expr", "expected"), MORE)
def test_more_examples(expr: str, expected: object) -> None:
    got = evaluate(expr)
    if isinstance(expected, float):
        assert math.isclose(got, expected, abs_tol=1e-12), (expr, got)
    else:
        assert got == expected and type(got) is type(expected), (expr, got)


TABLES = """
acl office { "10.0.0.0"/8; }
backend F_a { .host = "a.example.com"; }
table routes BACKEND { "/a": F_a }
table acls ACL { "office": office }
table flags BOOL { "on": true }
table ratios FLOAT { "half": 0.5 }
table ips IP { "gw": "192.0.2.1" }
table ttls RTIME { "short": 10s }
table patterns { "^/img/": "images", "^/": "pages" }
"""


def test_typed_table_lookups() -> None:
    svc = service(TABLES)
    assert evaluate('table.lookup_backend(routes, "/a", F_a)', svc=svc) is svc.named("F_a")
    assert evaluate('table.lookup_acl(acls, "office", office)', svc=svc) is svc.named("office")
    assert evaluate('table.lookup_bool(flags, "on", false)', svc=svc) is True
    assert evaluate('table.lookup_float(ratios, "half", 1.0)', svc=svc) == 0.5
    assert str(evaluate('table.lookup_ip(ips, "gw", "0.0.0.0")', svc=svc)) == "192.0.2.1"
    assert evaluate('table.lookup_rtime(ttls, "short", 1s)', svc=svc) == RTime(10)
    assert evaluate('table.lookup_regex(patterns, "/img/x.png", "none")', svc=svc) == "images"
    assert evaluate('table.contains(flags, "off")', svc=svc) is False
    with pytest.raises(Exception, match="holds BOOL, not INTEGER"):
        evaluate('table.lookup_integer(flags, "on", 0)', svc=svc)


def test_set_cookie_functions_and_header_filter() -> None:
    vcl = """
sub vcl_deliver {
  set resp.http.X-One = setcookie.get_value_by_name(resp, "one");
  if (setcookie.delete_by_name(resp, "two")) { set resp.http.X-Deleted = "yes"; }
  set resp.http.Keep = "1";
  set resp.http.Drop = "1";
  header.filter(resp, "Drop");
}
"""
    from fastlysync.interp.state import BackendAnswer

    answers = {"origin": BackendAnswer(200, [("Set-Cookie", "one=a; HttpOnly"),
                                             ("Set-Cookie", "two=b")])}
    r = run(vcl, answers=answers)
    assert r.headers.get("X-One") == "a" and r.headers.get("X-Deleted") == "yes"
    assert r.headers.get_all("Set-Cookie") == ["one=a; HttpOnly"]
    assert r.headers.get("Keep") == "1" and r.headers.get("Drop") is None


def test_rate_limiting_counts_the_requests_of_a_case() -> None:
    from fastlysync.interp.machine import Cache

    vcl = """
ratecounter rc { }
penaltybox pb { }
sub vcl_recv {
  if (ratelimit.penaltybox_has(pb, client.ip)) { error 429 "penalty"; }
  ratelimit.ratecounter_increment(rc, client.ip, 1);
  if (ratelimit.check_rate(client.ip, rc, 1, 1, 2, pb, 1m)) { error 429 "limited"; }
  if (ratelimit.check_rates(client.ip, rc, 0, 1, 100, rc, 0, 1, 100, pb, 1m)) {
    error 500;
  }
  if (req.http.X-Ban) { ratelimit.penaltybox_add(pb, client.ip, 1m); }
  error 600 "ok";
}
sub vcl_error { set obj.http.X-Why = obj.response; }
"""
    svc, cache = service(vcl), Cache()
    whys = [run(svc, cache=cache).headers.get("X-Why") for _ in range(4)]
    assert whys == ["ok", "limited", "penalty", "penalty"]
    other = "198.51.100.1"
    assert run(svc, cache=cache, client_ip=other, headers=[("X-Ban", "1")]).headers.get(
        "X-Why") == "ok"
    assert run(svc, cache=cache, client_ip=other).headers.get("X-Why") == "penalty"


def test_delivery_hints_have_no_effect_but_are_noted() -> None:
    vcl = """
sub vcl_deliver {
  h2.push("/style.css");
  h2.disable_header_compression("Authorization");
  h3.alt_svc();
  early_hints("link: </a.css>; rel=preload");
  resp.tarpit(1);
}
"""
    r = run(vcl)
    assert r.error is None and r.status == 200
    assert "h2.push has no effect in local runs" in r.notes


def test_every_implemented_function_is_tested() -> None:
    text = "".join(p.read_text() for p in Path(__file__).parent.glob("test_*.py"))
    untested = [n for n in sorted(set(RAW) | set(REGISTRY))
                if not re.search(re.escape(n) + r"\(", text)]
    assert not untested, f"builtins without a test: {untested}"


def test_time_values() -> None:
    assert evaluate("std.integer2time(5)") == Time(5)


def test_time_units_with_an_unknown_unit_sets_einval() -> None:
    prelude = 'declare local var.s STRING; set var.s = time.runits("m", 60s);'
    assert evaluate("fastly.error", prelude) == "EINVAL"
    assert evaluate("var.s", prelude) == ""


def test_bin_conversions_follow_fastlys_examples() -> None:
    assert evaluate('bin.base64_to_hex("AJ/CMw==")') == "009FC233"
    assert evaluate('bin.base64_to_hex("AQ==")') == "01"
    assert evaluate('bin.base64_to_hex("")') == ""
    assert evaluate('bin.hex_to_base64("009FC233")') == "AJ/CMw=="
    for call in ('bin.base64_to_hex({"YWJ%jZA=="})', 'bin.hex_to_base64("abc")',
                 'bin.hex_to_base64("0g")'):
        prelude = f"declare local var.x STRING; set var.x = {call};"
        assert evaluate("fastly.error", prelude) == "EINVAL", call
        assert evaluate("var.x", prelude) == "", call



@pytest.mark.parametrize(("call", "value", "error"), [
    # C's libm (which Fastly's math.* wrap): a pole error is an infinity with ERANGE.
    ("math.log(0.0)", -math.inf, "ERANGE"),
    ("math.log10(0.0)", -math.inf, "ERANGE"),
    ("math.atanh(-1.0)", -math.inf, "ERANGE"),
    ("math.sinh(-1000.0)", -math.inf, "ERANGE"),
    ("math.log(-1.0)", math.nan, "EDOM"),
    # Rounding keeps infinities and NaN, with no error.
    ("math.floor(math.log(0.0))", -math.inf, "ERANGE"),
    ("math.round(0.49999999999999994)", 0.0, None),
    ("math.round(-2.5)", -3.0, None),
    ("math.roundhalfup(-2.5)", -2.0, None),
    ("math.roundhalfdown(2.5)", 2.0, None),
    ("math.roundeven(3.5)", 4.0, None),
])
def test_math_matches_c_libm(call, value, error) -> None:
    prelude = f"declare local var.f FLOAT; set var.f = {call};"
    got = evaluate("var.f", prelude)
    assert (math.isnan(got) and math.isnan(value)) or got == value
    assert evaluate("fastly.error", prelude) == error


def test_seeded_randomness_repeats_and_is_noted() -> None:
    vcl = ('sub vcl_recv { set req.http.A = randomint_seeded(1, 1000, 42) ":" '
           'randomint_seeded(1, 1000, 42) ":" randombool_seeded(1, 2, 7); error 600; }\n'
           'sub vcl_error { set obj.http.A = req.http.A; }')
    first, again = run(vcl), run(vcl)
    a, b, _ = first.headers.get("A").split(":")
    assert a == b and first.headers.get("A") == again.headers.get("A")
    assert sum("Fastly's sequence is not published" in n for n in first.notes) == 2


@pytest.mark.parametrize(("call", "value", "error"), [
    # Fastly's std.strtol reference: bases 2..36 or 0; a bad base or an overflow sets ERANGE.
    ('std.strtol("0x1A", 0)', 26, None),
    ('std.strtol("017", 0)', 15, None),
    ('std.strtol("zz", 36)', 1295, None),
    ('std.strtol("--5", 10)', 0, None),
    ('std.strtol("12", 37)', 0, "ERANGE"),
    ('std.strtol("99999999999999999999", 10)', 2**63 - 1, "ERANGE"),
    ('std.strtol("-99999999999999999999", 10)', -(2**63), "ERANGE"),
    ('std.atoi("99999999999999999999")', 2**63 - 1, "ERANGE"),  # as strtol, base 10
    ('std.atoi(" -12abc")', -12, None),
])
def test_strtol_bases_and_overflow(call, value, error) -> None:
    prelude = f"declare local var.i INTEGER; set var.i = {call};"
    assert evaluate("var.i", prelude) == value
    assert evaluate("fastly.error", prelude) == error


@pytest.mark.parametrize(("accept", "expected"), [
    # Fastly's reference example: image/jpeg -> image/jpeg, image/png -> image/png,
    # image/* -> image/tiff, text/* -> text/html, */* -> text/plain (the default).
    ("image/jpeg", "image/jpeg"), ("image/png", "image/png"), ("image/*", "image/tiff"),
    ("text/*", "text/html"), ("*/*", "text/plain"),
    ("IMAGE/PNG", "image/png"),                       # case-insensitive, returned verbatim
    ("image/gif, image/png;q=0.5", "image/png"),      # unavailable types are skipped
    ("image/png;q=0.1, text/*;q=0.9", "text/html"),   # preference order
    ("image/png;q=0, application/json", "text/plain"),
])
def test_media_lookup_follows_fastlys_example(accept: str, expected: str) -> None:
    call = ('accept.media_lookup("image/jpeg:image/png", "text/plain", "image/tiff:text/html", '
            f'"{accept}")')
    assert evaluate(call) == expected


def test_set_cookie_value_of_a_repeated_name_is_the_last() -> None:
    # Fastly's reference: "the value of the last one will be returned"; the guide's example
    # reads "b or not to b" whole.
    from fastlysync.interp.state import BackendAnswer

    vcl = ('sub vcl_deliver { set resp.http.X-One = setcookie.get_value_by_name(resp, "one"); '
           'set resp.http.X-Two = setcookie.get_value_by_name(resp, "two"); }')
    answers = {"origin": BackendAnswer(200, [("Set-Cookie", "one=a; httponly; secure"),
                                             ("Set-Cookie", "two=b or not to b; httponly"),
                                             ("Set-Cookie", "one=z")])}
    r = run(vcl, answers=answers)
    assert (r.headers.get("X-One"), r.headers.get("X-Two")) == ("z", "b or not to b")


@pytest.mark.parametrize(("call", "expected"), [
    # Fastly's querystring.sort reference and its notes
    ('querystring.sort("/foo?b=1&a=2&c=3")', "/foo?a=2&b=1&c=3"),
    ('querystring.sort("/test?a=7&a=2&a=1&b=5&b=3", true)', "/test?a=7&b=5"),
    ('querystring.sort("/test?b=1&a=7&a=2")', "/test?a=7&a=2&b=1"),
    ('querystring.sort("/f?b=1&B=2&=x&&a")', "/f?B=2&a&b=1"),
    ('boltsort.sort("/p?b=2&a=1")', "/p?a=1&b=2"),
])
def test_querystring_sort(call: str, expected: str) -> None:
    assert evaluate(call) == expected


def test_querystring_sort_leaves_more_than_32_parameters_alone() -> None:
    url = "/f?" + "&".join(f"k{i:02d}=1" for i in range(33, 0, -1))
    assert evaluate(f'querystring.sort("{url}")') == url
    short = "/f?" + "&".join(f"k{i:02d}=1" for i in range(32, 0, -1))
    assert evaluate(f'querystring.sort("{short}")').startswith("/f?k01=1&k02=1")



def test_subfield_names_match_case_insensitively() -> None:
    # Fastly's subfield reference: "This function always matches case insensitively."
    prelude = 'set req.http.Cache-Control = "Private, Max-Age=300";'
    assert evaluate('subfield(req.http.Cache-Control, "max-age")', prelude) == "300"
    assert evaluate('if(subfield(req.http.Cache-Control, "private"), "y", "n")', prelude) == "y"
    assert evaluate("req.http.Cache-Control:max-age", prelude) == "300"
    prelude += " set req.http.Cache-Control:max-age = \"60\";"
    assert evaluate("req.http.Cache-Control", prelude) == "Private, max-age=60"


@pytest.mark.parametrize(("call", "expected"), [
    # Fastly's std.time reference examples and its list of formats
    ('std.time("Mon, 02 Jan 2006 22:04:05 GMT", now)', "Mon, 02 Jan 2006 22:04:05 GMT"),
    ('std.time("1136239445", std.integer2time(0))', "Mon, 02 Jan 2006 22:04:05 GMT"),
    ('std.time("Not a date", std.integer2time(-1))', "datetime out of bounds"),
    ('std.time("Monday, 02-Jan-06 22:04:05 GMT", now)', "Mon, 02 Jan 2006 22:04:05 GMT"),
    ('std.time("Mon Jan  2 22:04:05 2006", now)', "Mon, 02 Jan 2006 22:04:05 GMT"),
    ('std.time("2006-01-02 22:04:05", now)', "Mon, 02 Jan 2006 22:04:05 GMT"),
    ('std.time("1136239445.00", now)', "Mon, 02 Jan 2006 22:04:05 GMT"),
    ('std.integer2time(0)', "Thu, 01 Jan 1970 00:00:00 GMT"),
])
def test_std_time_formats(call: str, expected: str) -> None:
    assert to_str(evaluate(call)) == expected


def test_json_escape_follows_fastlys_rules() -> None:
    # Fastly's json.escape reference: \" \\ \b \t \n \f \r, then \uHHHH for the other
    # controls, 0x7F, U+2028 and U+2029; other UTF-8 passes through.
    got = evaluate('json.escape({"a"b\\c"} "%08%09%0A%0C%0D%01%7F%E2%80%A8%E2%80%A9" "é")')
    assert got == 'a\\"b\\\\c\\b\\t\\n\\f\\r\\u0001\\u007F\\u2028\\u2029é'


@pytest.mark.parametrize(("call", "expected"), [
    # Fastly's substr reference examples (byte offsets)
    ('substr("abcdefg", 0, 3)', "abc"), ('substr("abcdefg", 5, 3)', "fg"),
    ('substr("abc", 4, 2)', None), ('substr("abc", 3, 2)', ""),
    ('substr("abcdefg", -3, 2)', "ef"), ('substr("abcdefg", 1, -3)', "bcd"),
    ('substr("foobar", -3)', "bar"),
    ('substr("héllo", 0, 3)', "hé"),          # é is two bytes
    ('utf8.substr("héllo", 1, 3)', "éll"),    # code points
])
def test_substr_counts_bytes_and_utf8_substr_code_points(call: str, expected: object) -> None:
    assert evaluate(call) == expected


@pytest.mark.parametrize(("call", "expected"), [
    # Fastly's std.strpad and utf8.strpad reference examples
    ('std.strpad("abc", -10, "-=")', "abc-=-=-=-"),
    ('std.strpad("abc", 10, "-=")', "-=-=-=-abc"),
    ('std.strpad("", 12, "abcd")', "abcdabcdabcd"),
    ('utf8.strpad("abc", 7, "🌸🌼")', "🌸🌼🌸🌼abc"),
    ('std.strpad("abc", 7, "🌸🌼")', "🌸abc"),   # width counts bytes: 🌸 is four
])
def test_strpad_counts_bytes_and_utf8_strpad_code_points(call: str, expected: str) -> None:
    assert evaluate(call) == expected


def test_strrev_sets_eutf8_for_non_ascii() -> None:
    assert evaluate('std.strrev("abc")') == "cba"
    assert evaluate("fastly.error", 'set req.http.X = std.strrev("abc");') is None
    assert evaluate("fastly.error", 'set req.http.X = std.strrev("héllo");') == "EUTF8"

