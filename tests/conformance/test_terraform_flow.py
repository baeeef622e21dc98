"""The requests terraform-provider-fastly sends (through go-fastly) for a `fastly_service_vcl`
and its companion resources, replayed over HTTP against the emulator server.

Each step is the provider's own sequence: create (CreateService, then each block's create on
version 1, ValidateVersion, ActivateVersion), read (GetServiceDetails, then each block's list
at the active version), update (UpdateService for name/comment, GetVersion, CloneVersion,
UpdateVersion, block writes, validate, activate), `activate = false`, `stage = true`, import
(`<id>@<version>`: every product enablement read), `fastly_service_dictionary_items`,
`fastly_service_acl_entries` (go-fastly's paginator: `per_page=100&page=N`, following the
`Link` header's `last`), `fastly_service_dynamic_snippet_content`, and delete with
`force_destroy`. Bodies are encoded as go-fastly encodes them: forms with keys sorted,
`Compatibool` as `1`/`0`, plain bools as `true`/`false`, `key[]` lists, `key[sub]` objects;
JSON for the batch endpoints and logging updates. Every answer must decode into go-fastly's
structs (`go_decoder.py`) and carry what the provider dereferences.
"""

from __future__ import annotations

import json
import re
from typing import Any
from urllib.parse import parse_qs, quote, urlencode, urlsplit

import httpx
import pytest

from tests.conftest import EmulatorHandle

from . import go_decoder as go

FORM = "application/x-www-form-urlencoded"
PRODUCTS = ("brotli_compression", "image_optimizer", "origin_inspector", "bot_management",
            "domain_inspector", "websockets", "log_explorer_insights", "ddos_protection",
            "api_discovery", "ngwaf")
"""What the provider's product enablement block reads for a VCL service on import."""
LOGGING = ("azureblob", "bigquery", "cloudfiles", "datadog", "digitalocean", "elasticsearch",
           "ftp", "gcs", "grafanacloudlogs", "heroku", "honeycomb", "https", "kafka", "kinesis",
           "logentries", "loggly", "logshuttle", "newrelic", "newrelicotlp", "openstack",
           "papertrail", "pubsub", "s3", "scalyr", "sftp", "splunk", "sumologic", "syslog")
"""go-fastly's list paths of the 28 logging blocks a `fastly_service_vcl` has."""
LOGGING_SHAPE = {"created_at": "time", "updated_at": "time", "deleted_at": "time",
                 "name": "string", "version": "int", "format_version": "int",
                 "placement": "string", "response_condition": "string"}
OTHER_LISTS = ("cache_settings", "director", "gzip", "request_settings", "response_object",
               "rate-limiters")


class GoClient:
    """Sends requests the way go-fastly builds them and counts them."""

    def __init__(self, emulator: EmulatorHandle) -> None:
        self.http = httpx.Client(base_url=emulator.url, timeout=30, headers={
            "Fastly-Key": emulator.token, "User-Agent": "FastlyGo/10.0.0 (+github.com/fastly/"
            "go-fastly; go1.24)"})
        self.calls: list[str] = []

    def close(self) -> None:
        self.http.close()

    def send(self, method: str, path: str, *, form: list[tuple[str, str]] | None = None,
             body: Any = None, params: dict[str, str] | None = None) -> httpx.Response:
        headers: dict[str, str] = {}
        content: bytes | None = None
        if form is not None:  # go-querystring's url.Values.Encode: sorted by key
            headers["Content-Type"] = FORM
            content = urlencode(sorted(form, key=lambda kv: kv[0]), quote_via=quote).encode()
        elif body is not None:
            headers["Content-Type"] = headers["Accept"] = "application/json"
            content = json.dumps(body, separators=(",", ":")).encode()
        self.calls.append(f"{method} {re.sub(r'/[A-Za-z0-9]{20,}', '/{id}', path)}")
        return self.http.request(method, path, content=content, headers=headers,
                                 params=params)

    def decode(self, method: str, path: str, shape: go.GoType, *, need: tuple[str, ...] = (),
               **kwargs: Any) -> Any:
        """An answer the provider accepts: 2xx, decodable, with the fields it dereferences."""
        response = self.send(method, path, **kwargs)
        assert 200 <= response.status_code < 300, (method, path, response.text)
        data = response.json()
        assert go.go_errors(data, shape) == [], (method, path)
        for field in need:
            assert data.get(field) is not None, f"{method} {path}: the provider needs {field}"
        return data

    def paginate(self, path: str, shape: go.GoType) -> list[Any]:
        """go-fastly's ListPaginator: pages of 100 until the `Link` header's last page."""
        page, last, out = 1, 0, []
        while True:
            response = self.send("GET", path, params={"per_page": "100", "page": str(page)})
            assert response.status_code == 200, response.text
            for link in re.finditer(r'<([^>]+)>;\s*rel="(\w+)"', response.headers.get("link", "")):
                query = parse_qs(urlsplit(link.group(1)).query)
                assert "page" in query, "go-fastly indexes the link's page parameter"
                if link.group(2) == "last":
                    last = int(query["page"][0])
            rows = response.json()
            assert go.go_errors(rows, [shape]) == []
            out += rows
            if last == 0 or page >= last:
                return out
            page += 1


@pytest.fixture
def tf(emulator: EmulatorHandle) -> Any:
    client = GoClient(emulator)
    yield client
    client.close()


def _v(sid: str, number: int) -> str:
    return f"/service/{sid}/version/{number}"


def _blocks_create(tf: GoClient, sid: str, number: int) -> None:
    """The attribute handlers' creates, with the fields the provider always sends."""
    v = _v(sid, number)
    tf.decode("POST", f"{v}/domain", go.DOMAIN, form=[("comment", ""), ("name", "tf.example.com")])
    tf.decode("POST", f"{v}/backend", go.BACKEND, form=[
        ("address", "origin.example.com"), ("between_bytes_timeout", "10000"),
        ("connect_timeout", "1000"), ("error_threshold", "0"), ("first_byte_timeout", "15000"),
        ("healthcheck", ""), ("max_conn", "200"), ("name", "origin"), ("port", "443"),
        ("prefer_ipv6", "0"), ("shield", ""), ("ssl_check_cert", "1"), ("use_ssl", "1"),
        ("weight", "100")])
    tf.decode("POST", f"{v}/condition", go.CONDITION, form=[
        ("name", "is_api"), ("priority", "10"), ("statement", 'req.url ~ "^/api"'),
        ("type", "REQUEST")])
    tf.decode("POST", f"{v}/header", go.HEADER, form=[
        ("action", "set"), ("cache_condition", ""), ("dst", "http.X-Served"),
        ("ignore_if_set", "0"), ("name", "served"), ("priority", "100"), ("regex", ""),
        ("request_condition", "is_api"), ("response_condition", ""), ("src", '"tf"'),
        ("substitution", ""), ("type", "request")])
    tf.decode("POST", f"{v}/healthcheck", go.HEALTHCHECK, form=[
        ("check_interval", "5000"), ("expected_response", "200"), ("host", "origin.example.com"),
        ("http_version", "1.1"), ("initial", "1"), ("method", "HEAD"), ("name", "hc"),
        ("path", "/health"), ("threshold", "1"), ("timeout", "500"), ("window", "2"),
        ("headers", '["X-Probe: 1"]')])
    tf.decode("POST", f"{v}/snippet", go.SNIPPET, form=[
        ("dynamic", "1"), ("name", "dyn"), ("priority", "100"), ("type", "recv")])
    tf.decode("POST", f"{v}/dictionary", go.DICTIONARY, form=[("name", "flags"),
                                                              ("write_only", "0")])
    tf.decode("POST", f"{v}/acl", go.ACL, form=[("name", "blocked")])
    tf.decode("PUT", f"{v}/settings", go.SETTINGS, form=[
        ("general.default_host", ""), ("general.default_ttl", "3600"),
        ("general.stale_if_error", "false"), ("general.stale_if_error_ttl", "43200")])
    tf.decode("POST", f"{v}/http3", go.HTTP3, form=[("feature_revision", "1")])


def _validate_and_activate(tf: GoClient, sid: str, number: int, *, stage: bool = False) -> None:
    valid = tf.decode("GET", f"{_v(sid, number)}/validate", go.STATUS)
    assert valid["status"] == "ok", valid
    target = f"{_v(sid, number)}/activate" + ("/staging" if stage else "")
    tf.decode("PUT", target, go.VERSION, need=("number",))


def _read(tf: GoClient, sid: str, *, version: int | None = None) -> dict[str, Any]:
    """resourceServiceRead: details, then each block's list at the version it tracks."""
    details = tf.decode("GET", f"/service/{sid}/details", go.SERVICE_DETAIL, need=("type",))
    assert details["type"] == "vcl" and details["deleted_at"] is None
    number = version or (details["active_version"] or {}).get("number")
    assert number, "an activated service has an active version"
    v = _v(sid, number)
    for path, shape in (("domain", go.DOMAIN), ("backend", go.BACKEND),
                        ("condition", go.CONDITION), ("header", go.HEADER),
                        ("healthcheck", go.HEALTHCHECK), ("snippet", go.SNIPPET),
                        ("dictionary", go.DICTIONARY), ("acl", go.ACL), ("vcl", go.VCL)):
        tf.decode("GET", f"{v}/{path}", [shape])
    tf.decode("GET", f"{v}/settings", go.SETTINGS)
    http3 = tf.send("GET", f"{v}/http3")  # 404: off; the provider reads any error as off
    assert http3.status_code in (200, 404)
    return details


def _create(tf: GoClient) -> str:
    service = tf.decode("POST", "/service", go.SERVICE, need=("id",), form=[
        ("comment", "Managed by Terraform"), ("name", "tf-demo"), ("type", "vcl")])
    sid = str(service["id"])
    _blocks_create(tf, sid, 1)
    _validate_and_activate(tf, sid, 1)
    details = _read(tf, sid)
    assert details["active_version"]["number"] == 1
    return sid


def _clone(tf: GoClient, sid: str, number: int, comment: str) -> int:
    existing = tf.decode("GET", _v(sid, number), go.VERSION, need=("locked",))
    assert existing["locked"] is True
    clone = tf.decode("PUT", f"{_v(sid, number)}/clone", go.VERSION, need=("number",))
    new = int(clone["number"])
    tf.decode("PUT", _v(sid, new), go.VERSION, form=[("comment", comment)])
    return new


def test_create_read_update_and_force_destroy(tf: GoClient) -> None:
    sid = _create(tf)
    assert len(tf.calls) == 25  # create 1 + blocks 10 + validate/activate 2 + read 12
    tf.decode("PUT", f"/service/{sid}", go.SERVICE, form=[
        ("comment", "owned by the edge team"), ("name", "tf-demo-renamed")])
    new = _clone(tf, sid, 1, "change the origin")
    v = _v(sid, new)
    updated = tf.decode("PUT", f"{v}/backend/origin", go.BACKEND, form=[
        ("first_byte_timeout", "30000"), ("ssl_cert_hostname", "origin.example.com")])
    assert int(updated["first_byte_timeout"]) == 30000
    deleted = tf.decode("DELETE", f"{v}/domain/tf.example.com", go.STATUS)
    assert deleted["status"] == "ok"
    tf.decode("POST", f"{v}/domain", go.DOMAIN, form=[("comment", ""),
                                                      ("name", "www.example.com")])
    _validate_and_activate(tf, sid, new)
    details = _read(tf, sid)
    assert details["name"] == "tf-demo-renamed"
    assert details["active_version"]["number"] == new
    assert details["active_version"]["comment"] == "change the origin"
    domains = tf.decode("GET", f"{v}/domain", [go.DOMAIN])
    assert [d["name"] for d in domains] == ["www.example.com"]

    # force_destroy: details, deactivate the active version, delete
    details = tf.decode("GET", f"/service/{sid}/details", go.SERVICE_DETAIL)
    active = details["active_version"]["number"]
    tf.decode("PUT", f"{_v(sid, active)}/deactivate", go.VERSION)
    gone = tf.decode("DELETE", f"/service/{sid}", go.STATUS)
    assert gone["status"] == "ok"
    listed = tf.decode("GET", "/service", [go.SERVICE], params={"per_page": "100", "page": "1"})
    assert sid not in [s["id"] for s in listed]


def test_activate_false_reads_the_draft(tf: GoClient) -> None:
    sid = _create(tf)
    draft = _clone(tf, sid, 1, "not activated")
    tf.decode("PUT", f"{_v(sid, draft)}/backend/origin", go.BACKEND, form=[("weight", "50")])
    valid = tf.decode("GET", f"{_v(sid, draft)}/validate", go.STATUS)
    assert valid["status"] == "ok"
    details = _read(tf, sid, version=draft)  # activate = false: read cloned_version
    assert details["active_version"]["number"] == 1
    assert [v["number"] for v in details["versions"]] == [1, draft]
    backends = tf.decode("GET", f"{_v(sid, draft)}/backend", [go.BACKEND])
    assert int(backends[0]["weight"]) == 50
    live = tf.decode("GET", f"{_v(sid, 1)}/backend", [go.BACKEND])
    assert int(live[0]["weight"]) == 100


def test_stage_reuses_an_unlocked_draft_and_stages_it(tf: GoClient) -> None:
    sid = _create(tf)
    draft = _clone(tf, sid, 1, "staged")
    _validate_and_activate(tf, sid, draft, stage=True)
    details = _read(tf, sid)
    staging = [e for e in details["environments"] if e["name"] == "staging"]
    assert staging and staging[0]["active_version"] == draft
    # a second apply with stage = true: GetVersion says locked (staging locks it), so clone
    again = tf.decode("GET", _v(sid, draft), go.VERSION, need=("locked",))
    assert again["locked"] is True and again["staging"] is True


def test_import_reads_every_product(tf: GoClient) -> None:
    sid = _create(tf)
    tf.decode("PUT", f"/enabled-products/v1/ddos_protection/services/{sid}", {},
              body={"mode": "log"})
    enabled = []
    for product in PRODUCTS:
        got = tf.send("GET", f"/enabled-products/v1/{product}/services/{sid}")
        assert got.status_code in (200, 400), (product, got.text)  # 400: not enabled
        if got.status_code == 200:
            enabled.append(product)
    assert enabled == ["ddos_protection"]
    config = tf.decode("GET", f"/enabled-products/v1/ddos_protection/services/{sid}"
                       "/configuration", {"configuration": {"mode": "string"}})
    assert config["configuration"]["mode"] == "log"  # the provider dereferences it
    _read(tf, sid, version=1)  # `<id>@1`; imported: every block reads, configured or not
    v1 = _v(sid, 1)
    for provider in LOGGING:
        assert tf.decode("GET", f"{v1}/logging/{provider}", [LOGGING_SHAPE]) == []
    for path in OTHER_LISTS:
        assert tf.decode("GET", f"{v1}/{path}", [{"name": "string"}]) == []
    tf.decode("GET", f"{v1}/image_optimizer_default_settings", {"webp_quality": "int"})


def test_dictionary_items_acl_entries_and_dynamic_content(tf: GoClient) -> None:
    sid = _create(tf)
    v1 = _v(sid, 1)
    dictionary = tf.decode("GET", f"{v1}/dictionary", [go.DICTIONARY])[0]["id"]
    acl = tf.decode("GET", f"{v1}/acl", [go.ACL])[0]["id"]
    snippet = tf.decode("GET", f"{v1}/snippet", [go.SNIPPET])[0]["id"]

    items = f"/service/{sid}/dictionary/{dictionary}/items"
    tf.decode("PATCH", items, go.STATUS, body={"items": [
        {"item_key": f"k{i:03}", "item_value": str(i), "op": "create"} for i in range(150)]})
    assert len(tf.paginate(items, go.DICTIONARY_ITEM)) == 150
    tf.decode("PATCH", items, go.STATUS, body={"items": [
        {"item_key": "k000", "item_value": "changed", "op": "update"},
        {"item_key": "k001", "item_value": None, "op": "delete"},
        {"item_key": "new", "item_value": "x", "op": "create"}]})
    read = {i["item_key"]: i["item_value"] for i in tf.paginate(items, go.DICTIONARY_ITEM)}
    assert len(read) == 150 and read["k000"] == "changed" and "k001" not in read

    entries = f"/service/{sid}/acl/{acl}/entries"
    tf.decode("PATCH", entries, go.STATUS, body={"entries": [
        {"comment": "office", "ip": "192.0.2.0", "negated": "0", "op": "create", "subnet": 24},
        {"ip": "198.51.100.7", "negated": "1", "op": "create"}]})
    listed = tf.paginate(entries, go.ACL_ENTRY)
    by_ip = {e["ip"]: e for e in listed}
    assert int(by_ip["192.0.2.0"]["subnet"]) == 24 and by_ip["192.0.2.0"]["comment"] == "office"
    assert str(by_ip["198.51.100.7"]["negated"]) in ("1", "True", "true")
    tf.decode("PATCH", entries, go.STATUS, body={"entries": [
        {"id": by_ip["198.51.100.7"]["id"], "op": "delete"}]})
    assert [e["ip"] for e in tf.paginate(entries, go.ACL_ENTRY)] == ["192.0.2.0"]

    content = f"/service/{sid}/snippet/{snippet}"
    tf.decode("PUT", content, go.DYNAMIC_SNIPPET, form=[("content", "set req.http.X = \"1\";")])
    assert tf.decode("GET", content, go.DYNAMIC_SNIPPET)["content"] == 'set req.http.X = "1";'
    tf.decode("PUT", content, go.DYNAMIC_SNIPPET, form=[("content", "")])  # the delete
    assert tf.decode("GET", content, go.DYNAMIC_SNIPPET)["content"] in ("", None)


def test_rate_limiter_and_logging_update_as_go_fastly_encodes_them(tf: GoClient) -> None:
    sid = _create(tf)
    draft = _clone(tf, sid, 1, "limits")
    v = _v(sid, draft)
    made = tf.decode("POST", f"{v}/rate-limiters", {"id": "string", "http_methods": ["string"],
                                                    "client_key": ["string"],
                                                    "response": {"status": "int"}},
                     need=("id",), form=[
        ("action", "response"), ("client_key[]", "req.http.Fastly-Client-IP"),
        ("client_key[]", "req.http.User-Agent"), ("http_methods[]", "GET"),
        ("http_methods[]", "POST"), ("name", "api"), ("penalty_box_duration", "5"),
        ("response[content]", "slow down"), ("response[content_type]", "text/plain"),
        ("response[status]", "429"), ("rps_limit", "100"), ("window_size", "10")])
    assert made["http_methods"] == ["GET", "POST"] and len(made["client_key"]) == 2
    tf.decode("POST", f"{v}/logging/s3", {"period": "int", "gzip_level": "int"}, form=[
        ("access_key", "AKIA0000"), ("bucket_name", "logs"), ("format_version", "2"),
        ("name", "s3"), ("period", "3600"), ("secret_key", "secret")])
    # UpdateS3 is a JSON PUT; `placement: null` resets the placement
    updated = tf.decode("PUT", f"{v}/logging/s3/s3", {"period": "int"}, body={
        "period": 60, "placement": None, "message_type": "blank"})
    assert int(updated["period"]) == 60 and updated["placement"] is None
    assert updated["message_type"] == "blank"
