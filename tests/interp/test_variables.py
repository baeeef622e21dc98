"""Predefined variables that real services read (found by bench/interp_corpus.py)."""

from .helpers import run, service

READ_ALL = """
sub vcl_recv { error 600; }
sub vcl_error {
  set obj.http.X-Gen = req.vcl.generation;
  set obj.http.X-Edge-Tls = fastly_info.edge.is_tls;
  set obj.http.X-Esi-Sub = req.is_esi_subreq;
  set obj.http.X-Esi-Level = req.esi_level;
  set obj.http.X-Geoip = geoip.country_code "/" geoip.city;
  set obj.http.X-Sni = tls.client.servername;
  set obj.http.X-Ja3 = if(tls.client.ja3_md5, "set", "notset");
}
"""


def test_tls_esi_generation_and_legacy_geoip_variables() -> None:
    r = run(READ_ALL, headers=[("Host", "www.example.com:443")], tls=True,
            geo={"country_code": "DE", "city": "berlin"})
    assert r.error is None, r.error
    h = r.headers
    assert h.get("X-Gen") == "1" and h.get("X-Edge-Tls") == "1"
    # ESI is not processed: every request is top level.
    assert h.get("X-Esi-Sub") == "0" and h.get("X-Esi-Level") == "0"
    # geoip.* is Fastly's deprecated spelling of client.geo.*.
    assert h.get("X-Geoip") == "DE/berlin"
    # SNI is the name the client sent, without the port.
    assert h.get("X-Sni") == "www.example.com"
    # The ClientHello is not described by a case: not set, and the case says so.
    assert h.get("X-Ja3") == "notset"
    assert any("tls.client.ja3_md5 is not modelled" in n for n in r.notes)


def test_tls_only_variables_are_not_set_over_plain_http_without_a_note() -> None:
    r = run(READ_ALL, headers=[("Host", "www.example.com")], tls=False)
    assert r.headers.get("X-Edge-Tls") == "0"
    assert r.headers.get("X-Sni") is None and r.headers.get("X-Ja3") == "notset"
    assert not any("ja3" in n for n in r.notes)


def test_stale_shield_identity_and_cacheable_follow_what_is_modelled() -> None:
    vcl = """
sub vcl_recv {
  set req.http.X-Identity = client.identity;
  set req.http.X-Shield = req.backend.is_shield;
  set req.http.X-Ddos = fastly.ddos_detected;
  set req.http.X-Country = client.geo.country_name.utf8;
}
sub vcl_hit { set req.http.X-Cacheable = obj.cacheable; }
sub vcl_fetch {
  # no stale copy exists (stale serving is not modelled)
  if (stale.exists) { set beresp.http.X-Stale = "yes"; } else { set beresp.http.X-Stale = "no"; }
}
sub vcl_deliver {
  set resp.http.X-Identity = req.http.X-Identity;
  set resp.http.X-Shield = req.http.X-Shield;
  set resp.http.X-Ddos = req.http.X-Ddos;
  set resp.http.X-Country = req.http.X-Country;
  set resp.http.X-Cacheable = req.http.X-Cacheable;
}
"""
    from fastlysync.interp.machine import Cache

    svc, cache = service(vcl), Cache()
    first = run(svc, "/a", cache=cache, client_ip="198.51.100.7",
                geo={"country_name": "germany"})
    assert first.error is None, first.error
    h = first.headers
    assert h.get("X-Identity") == "198.51.100.7" and h.get("X-Shield") == "0"
    assert h.get("X-Ddos") == "0" and h.get("X-Country") == "germany"
    assert h.get("X-Stale") == "no" and not first.notes
    second = run(svc, "/a", cache=cache)
    assert second.outcome == "hit" and second.headers.get("X-Cacheable") == "1"


def test_client_identity_can_be_set() -> None:
    vcl = """
sub vcl_recv { set client.identity = req.http.X-User; error 600; }
sub vcl_error { set obj.http.X-Identity = client.identity; }
"""
    assert run(vcl, headers=[("X-User", "u42")]).headers.get("X-Identity") == "u42"
