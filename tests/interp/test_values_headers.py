from fastlysync.interp.headers import Headers, get_subfield, set_subfield
from fastlysync.interp.values import RTime, Time, coerce, to_bool, to_str

from .helpers import evaluate, run


def test_string_forms_of_typed_values() -> None:
    assert to_str(True) == "1" and to_str(False) == "0"
    assert to_str(1.5) == "1.500"
    assert to_str(RTime(10)) == "10.000"
    assert to_str(Time(0)) == "Thu, 01 Jan 1970 00:00:00 GMT"
    assert to_str(None) == ""


def test_not_set_is_false_but_empty_string_is_true() -> None:
    assert to_bool(None) is False
    assert to_bool("") is True


def test_assignment_converts_to_the_target_type() -> None:
    assert coerce(3.9, "INTEGER") == 3
    assert coerce("12abc", "INTEGER") == 12
    assert coerce(5, "STRING") == "5"
    assert isinstance(coerce(5, "RTIME"), RTime)


def test_headers_first_value_set_add_unset() -> None:
    h = Headers([("Vary", "a"), ("vary", "b"), ("X", "1")])
    assert h.get("VARY") == "a"
    assert h.get_all("vary") == ["a", "b"]
    h.set("Vary", "c")
    assert h.get_all("vary") == ["c"]
    h.add("Vary", "d")
    assert h.get_all("vary") == ["c", "d"]
    h.unset("vary")
    assert h.get("vary") is None and h.get("x") == "1"


def test_subfields() -> None:
    assert get_subfield("a=1; session=xyz; flag", "session", ";") == "xyz"
    assert get_subfield("a=1; flag", "flag", ";") == ""
    assert get_subfield("a=1", "b", ";") is None
    assert set_subfield("a=1; b=2", "b", "3", ";") == "a=1; b=3"
    assert set_subfield("a=1; b=2", "b", None, ";") == "a=1"
    assert set_subfield("max-age=60", "public", "", ",") == "max-age=60, public"


def test_header_subfield_in_vcl() -> None:
    vcl = """
sub vcl_recv {
  set req.http.X-Session = req.http.Cookie:session;
  set req.http.Cookie:theme = "dark";
  unset req.http.Cookie:tracking;
  error 600;
}
sub vcl_error {
  set obj.http.X-Session = req.http.X-Session;
  set obj.http.X-Cookie = req.http.Cookie;
}
"""
    r = run(vcl, headers=[("Cookie", "tracking=1; session=abc")])
    assert r.headers.get("X-Session") == "abc"
    assert r.headers.get("X-Cookie") == "session=abc; theme=dark"


def test_multi_valued_header_and_std_collect() -> None:
    vcl = """
sub vcl_recv {
  set req.http.X-First = req.http.Accept;
  std.collect(req.http.Accept);
  set req.http.X-All = req.http.Accept;
  error 600;
}
sub vcl_error {
  set obj.http.X-First = req.http.X-First;
  set obj.http.X-All = req.http.X-All;
}
"""
    r = run(vcl, headers=[("Accept", "text/html"), ("Accept", "*/*")])
    assert r.headers.get("X-First") == "text/html"
    assert r.headers.get("X-All") == "text/html, */*"


def test_unset_header_assigned_removes_it() -> None:
    assert evaluate("req.http.Gone", 'set req.http.Gone = "1"; set req.http.Gone = '
                    "req.http.Missing;") is None


def test_add_appends_another_field() -> None:
    vcl = """
sub vcl_deliver {
  add resp.http.Set-Cookie = "a=1";
  add resp.http.Set-Cookie = "b=2";
}
"""
    r = run(vcl)
    assert r.headers.get_all("Set-Cookie") == ["a=1", "b=2"]


NOT_SET_JOINS = """
sub echo(STRING var.v) STRING { return "[" var.v "]"; }
sub vcl_recv {
  declare local var.unset STRING;
  declare local var.copy STRING;
  declare local var.joined STRING;
  set var.copy = req.http.Missing;
  set var.joined = req.http.Missing "-x";
  set req.http.Copy-Is = if(var.copy, "set:" var.copy, "notset");
  set req.http.Joined-Local = var.joined;
  set req.http.Joined-Header = req.http.Missing "-x";
  set req.http.Only-Not-Set = req.http.Missing var.unset;
  set req.http.Arg = echo(req.http.Missing "a");
  error 600;
}
sub vcl_error {
  set obj.http.Copy-Is = req.http.Copy-Is;
  set obj.http.Joined-Local = req.http.Joined-Local;
  set obj.http.Joined-Header = req.http.Joined-Header;
  set obj.http.Only-Not-Set = if(req.http.Only-Not-Set, "set", "notset");
  set obj.http.Arg = req.http.Arg;
}
"""


def test_not_set_values_in_assignments_and_joins() -> None:
    # Fastly (fiddle-checked by falco's examples/testing/notset): a local STRING given a not-set
    # value is empty, and a not-set part of a join is empty there; joined into a header it is
    # written "(null)"; a join of only not-set values stays not set.
    h = run(NOT_SET_JOINS).headers
    assert h.get("Copy-Is") == "set:"
    assert h.get("Joined-Local") == "-x"
    assert h.get("Joined-Header") == "(null)-x"
    assert h.get("Only-Not-Set") == "notset"
    assert h.get("Arg") == "[a]"


def test_not_set_equals_nothing_not_even_not_set() -> None:
    vcl = """
sub vcl_recv {
  declare local var.a STRING;
  declare local var.b STRING;
  set req.http.Eq = if(var.a == var.b, "eq", "ne");
  set req.http.Self = if(var.a == var.a, "eq", "ne");
  set req.http.Ne = if(req.http.Missing != var.a, "ne", "eq");
  error 600;
}
sub vcl_error {
  set obj.http.Eq = req.http.Eq;
  set obj.http.Self = req.http.Self;
  set obj.http.Ne = req.http.Ne;
}
"""
    h = run(vcl).headers
    assert (h.get("Eq"), h.get("Self"), h.get("Ne")) == ("ne", "ne", "ne")
