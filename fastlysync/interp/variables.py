"""VCL variables: how each name reads and writes the request ``State``.

Headers (``req.http.*`` and friends) and ``var.*`` locals are handled by the executor; this
module covers the predefined variables. A variable in Fastly's catalogue that is not modelled
here reads as its type's empty value and is recorded in ``State.notes`` (so a test can show it);
an unknown name is an error.
"""

from __future__ import annotations

import hashlib
import posixpath
from collections.abc import Callable
from functools import lru_cache
from typing import Any

from .constants import MATH
from .state import State
from .values import ZERO, RTime

Getter = Callable[[State], Any]
Setter = Callable[[State, Any], None]


def _url_part(prefix: str, part: str) -> Getter:
    def get(st: State) -> Any:
        url = st.vars.get(prefix + ".url") or ""
        path, _, qs = url.partition("?")
        if part == "path":
            return path
        if part == "qs":
            return qs
        base = path.rsplit("/", 1)[-1]
        if part == "basename":
            return base
        if part == "dirname":
            d = posixpath.dirname(path)
            return d or "/"
        if part == "ext":
            return base.rsplit(".", 1)[1] if "." in base else ""
        return None
    return get


def _geo(key: str, default: Any) -> Getter:
    return lambda st: st.request.geo.get(key, default)


def _fastly_state(st: State) -> str:
    return {"hit": "HIT", "miss": "MISS", "pass": "PASS", "error": "ERROR"}.get(
        st.outcome, "MISS") if st.scope in ("deliver", "log", "error", "fetch") else ""


def _digest(st: State) -> str:
    return hashlib.sha256("".join(st.hash).encode()).hexdigest()


def _tls_only(name: str) -> Getter:
    """A fingerprint of the TLS handshake: not set over plain HTTP (as on Fastly); over TLS the
    case's `tls_client:` gives it, else it reads not set and the case notes it."""
    def get(st: State) -> Any:
        given = st.request.tls_client.get(name.removeprefix("tls.client."))
        if st.request.tls and given is not None:
            return str(given)
        if st.request.tls:
            note = f"variable {name} is not modelled; read as empty STRING"
            if note not in st.notes:
                st.notes.append(note)
        return None
    return get


def _sni(st: State) -> str | None:
    """The name the client asked for in the handshake: the request's Host as sent (VCL
    rewriting req.http.Host later does not change it)."""
    sent = next((v for k, v in st.request.headers if k.lower() == "host"), None)
    return (sent or st.request.host or None) and (sent or st.request.host).split(":")[0]


def _host(st: State) -> str | None:
    return st.req.get("host")


def _host_header(st: State) -> str | None:
    """fastly_info.host_header: the Host the client sent, whatever VCL did to req.http.Host."""
    sent = next((v for k, v in st.request.headers if k.lower() == "host"), None)
    return sent or st.request.host or None


GETTERS: dict[str, Getter] = {
    "client.ip": lambda st: st.client_ip,
    "fastly_info.host_header": _host_header,
    "LF": lambda st: "\n",
    "req.restarts": lambda st: st.restarts,
    "req.backend": lambda st: st.backend,
    "bereq.backend": lambda st: st.backend,
    "beresp.backend": lambda st: st.backend,
    "req.backend.name": lambda st: st.backend.name if st.backend else None,
    "beresp.backend.name": lambda st: st.backend.name if st.backend else None,
    "req.backend.healthy": lambda st: bool(st.backend and st.backend.healthy),
    "req.backend.is_origin": lambda st: bool(st.backend and st.backend.kind == "backend"),
    "req.is_ssl": lambda st: st.request.tls,
    "fastly_info.is_h2": lambda st: st.request.http2,
    "fastly_info.is_h3": lambda st: False,
    "req.protocol": lambda st: "https" if st.request.tls else "http",
    "tls.client.protocol": lambda st: st.request.tls_protocol if st.request.tls else None,
    "req.proto": lambda st: "HTTP/2" if st.request.http2 else "HTTP/1.1",
    "now": lambda st: st.now,
    "now.sec": lambda st: str(int(st.now)),
    "time.start": lambda st: st.now,
    "time.start.sec": lambda st: str(int(st.now)),
    "time.start.msec": lambda st: str(int(st.now * 1000)),
    "time.start.usec": lambda st: str(int(st.now * 1_000_000)),
    "time.start.msec_frac": lambda st: "000",
    "time.start.usec_frac": lambda st: "000000",
    "time.elapsed": lambda st: RTime(0),
    "time.elapsed.msec": lambda st: "0",
    "time.elapsed.usec": lambda st: "0",
    "time.elapsed.sec": lambda st: "0",
    "time.end": lambda st: st.now,
    "fastly_info.state": _fastly_state,
    "req.digest": _digest,
    "req.hash": lambda st: "".join(st.hash),
    "req.url.path": _url_part("req", "path"),
    "req.url.qs": _url_part("req", "qs"),
    "req.url.basename": _url_part("req", "basename"),
    "req.url.dirname": _url_part("req", "dirname"),
    "req.url.ext": _url_part("req", "ext"),
    "bereq.url.path": _url_part("bereq", "path"),
    "bereq.url.qs": _url_part("bereq", "qs"),
    "bereq.url.basename": _url_part("bereq", "basename"),
    "bereq.url.dirname": _url_part("bereq", "dirname"),
    "bereq.url.ext": _url_part("bereq", "ext"),
    "req.topurl": lambda st: st.vars.get("req.url"),
    "req.body": lambda st: st.request.body or None,
    "req.postbody": lambda st: st.request.body or None,
    "req.body.base64": lambda st: None,
    "client.geo.country_code": _geo("country_code", "US"),
    "client.geo.country_code3": _geo("country_code3", "USA"),
    "client.geo.country_name": _geo("country_name", "united states"),
    "client.geo.country_name.ascii": _geo("country_name", "united states"),
    "client.geo.country_name.latin1": _geo("country_name", "united states"),
    "client.geo.country_name.utf8": _geo("country_name", "united states"),
    "client.geo.region.ascii": _geo("region", "CA"),
    "client.geo.region.latin1": _geo("region", "CA"),
    "client.geo.region.utf8": _geo("region", "CA"),
    "client.geo.continent_code": _geo("continent_code", "NA"),
    "client.geo.region": _geo("region", "CA"),
    "client.geo.city": _geo("city", "san francisco"),
    "client.geo.city.ascii": _geo("city", "san francisco"),
    "client.geo.city.latin1": _geo("city", "san francisco"),
    "client.geo.city.utf8": _geo("city", "san francisco"),
    "client.geo.postal_code": _geo("postal_code", "94107"),
    "client.geo.latitude": _geo("latitude", 37.77),
    "client.geo.longitude": _geo("longitude", -122.39),
    "client.geo.metro_code": _geo("metro_code", 807),
    "client.geo.area_code": _geo("area_code", 415),
    "client.geo.gmt_offset": _geo("gmt_offset", -800),
    "client.geo.utc_offset": _geo("utc_offset", -800),
    "client.as.number": _geo("as_number", 64496),
    "client.as.name": _geo("as_name", "example network"),
    "client.geo.conn_speed": _geo("conn_speed", "broadband"),
    "client.geo.conn_type": _geo("conn_type", "wired"),
    "client.geo.proxy_type": _geo("proxy_type", "?"),
    "client.geo.proxy_description": _geo("proxy_description", "?"),
    # geoip.* and geo.* are Fastly's deprecated names of client.geo.*.
    "geoip.country_code": _geo("country_code", "US"),
    "geoip.country_code3": _geo("country_code3", "USA"),
    "geoip.country_name": _geo("country_name", "united states"),
    "geoip.continent_code": _geo("continent_code", "NA"),
    "geoip.region": _geo("region", "CA"),
    "geoip.city": _geo("city", "san francisco"),
    "geoip.postal_code": _geo("postal_code", "94107"),
    "geoip.latitude": _geo("latitude", 37.77),
    "geoip.longitude": _geo("longitude", -122.39),
    "geoip.metro_code": _geo("metro_code", 807),
    "geoip.area_code": _geo("area_code", 415),
    "geo.country_code": _geo("country_code", "US"),
    "geo.continent_code": _geo("continent_code", "NA"),
    "geo.region": _geo("region", "CA"),
    "geo.city": _geo("city", "san francisco"),
    "server.datacenter": lambda st: "LCY",
    "server.region": lambda st: "EU-West",
    "server.pop": lambda st: "LCY",
    "server.hostname": lambda st: "cache-lcy-test",
    "server.identity": lambda st: "cache-lcy-test",
    "server.ip": lambda st: None,
    "req.service_id": lambda st: st.vars.get("req.service_id", "SERVICEID"),
    "req.vcl.version": lambda st: 1,
    "req.vcl.generation": lambda st: 1,  # the first load of the version's VCL
    "fastly_info.edge.is_tls": lambda st: st.request.tls,
    # ESI is not processed, so every request is a top-level one, never an ESI subrequest.
    "req.is_esi_subreq": lambda st: False,
    "req.esi_level": lambda st: 0,
    "tls.client.servername": lambda st: _sni(st) if st.request.tls else None,
    # Stale serving is not modelled, so no object ever has stale content to fall back on.
    "stale.exists": lambda st: False,
    # Shielding and clustering are not modelled: every backend is an origin.
    "req.backend.is_shield": lambda st: False,
    "req.backend.is_cluster": lambda st: False,
    # vcl_hit only runs for cached objects (hit-for-pass markers go to vcl_pass).
    "obj.cacheable": lambda st: True,
    # Fastly's default identity (used by client directors) is the client's address.
    "client.identity": lambda st: str(st.client_ip) if st.client_ip else None,
    "client.geo.ip_override": lambda st: None,  # read back from st.vars once set
    "fastly.ddos_detected": lambda st: False,
    "tls.client.ja3_md5": _tls_only("tls.client.ja3_md5"),
    "tls.client.ja4": _tls_only("tls.client.ja4"),
    "tls.client.cipher": _tls_only("tls.client.cipher"),
    "fastly.ff.visits_this_service": lambda st: 0,
    "req.is_ipv6": lambda st: bool(st.client_ip and st.client_ip.version == 6),
    "resp.is_locally_generated": lambda st: st.outcome in ("error", "synthetic"),
    "obj.is_pci": lambda st: False,
    "req.xid": lambda st: f"{st.rng.getrandbits(32):08x}",
    "obj.hits": lambda st: st.vars.get("obj.hits", 0),
}

HEADER_PREFIXES = ("req", "bereq", "beresp", "obj", "resp")

DEFAULTS: dict[str, Any] = {
    "req.hash_always_miss": False, "req.hash_ignore_busy": False, "req.esi": True,
    "beresp.cacheable": True, "beresp.do_esi": False, "beresp.gzip": False,
    "beresp.brotli": False, "beresp.do_stream": False, "beresp.stale_if_error": RTime(0),
    "beresp.stale_while_revalidate": RTime(0), "beresp.grace": RTime(0),
    "beresp.saintmode": RTime(0), "fastly.error": None, "obj.grace": RTime(0),
    "req.grace": RTime(0), "req.max_stale_if_error": RTime(0),
    "req.max_stale_while_revalidate": RTime(0), "resp.stale": False,
    "resp.stale.is_error": False, "resp.stale.is_revalidating": False,
    "obj.ttl": RTime(0), "obj.age": RTime(0), "obj.lastuse": RTime(0),
    "obj.entered": RTime(0), "beresp.age": RTime(0),
    **MATH,
}


@lru_cache(maxsize=4096)
def variable_type(name: str) -> str | None:
    """A predefined variable's type, from the project's catalogue (falco's, MIT)."""
    from fastlysync.vcl.catalogue import load

    found = load().variable(name)
    return found.type if found is not None else None


def read(st: State, name: str) -> tuple[bool, Any]:
    """(known, value) for a predefined variable."""
    if name in st.vars:
        return True, st.vars[name]
    getter = GETTERS.get(name)
    if getter is not None:
        return True, getter(st)
    if name in DEFAULTS:
        return True, DEFAULTS[name]
    vtype = variable_type(name)
    given = st.request.tls_client.get(name.removeprefix("tls.client."))
    if vtype is not None and name.startswith("tls.client.") and given is not None:
        if st.request.tls:  # a handshake value the case gives (e.g. tls.client.ciphers_sha)
            return True, (int(given) if vtype == "INTEGER" else
                          bool(given) if vtype == "BOOL" else str(given))
        return True, ZERO.get(vtype)
    if vtype is not None:
        note = f"variable {name} is not modelled; read as empty {vtype}"
        if note not in st.notes:
            st.notes.append(note)
        return True, ZERO.get(vtype)
    return False, None


def write(st: State, name: str, value: Any) -> None:
    if name in ("req.backend", "bereq.backend"):
        st.backend = value
        return
    if name == "req.hash":
        st.hash.append("" if value is None else str(value))
        return
    if name == "beresp.ttl":
        st.ttl = value
    st.vars[name] = value
