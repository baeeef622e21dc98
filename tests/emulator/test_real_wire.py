"""The real API's spellings, one test per difference the recordings showed (issue 12)."""

from __future__ import annotations

import httpx
import pytest

from fastlysync.emulator import create_app

from .conftest import TOKEN


def _v(sid: str, n: int = 1) -> str:
    return f"/service/{sid}/version/{n}"


@pytest.mark.parametrize(("path", "body", "blank"), [
    ("logging/https", {"url": "https://l.example.com"}, "response_condition"),
    ("backend", {"address": "10.0.0.1"}, "comment"),
    ("condition", {"statement": "req.url", "type": "REQUEST"}, "comment"),
    ("director", {}, "comment"),
    ("healthcheck", {"host": "h.example.com", "path": "/"}, "comment"),
    ("cache_settings", {}, "cache_condition"),
    ("gzip", {}, "cache_condition"),
    ("response_object", {}, "request_condition"),
    ("response_object", {}, "cache_condition"),
    ("request_settings", {}, "request_condition"),
    ("request_settings", {}, "action"),
    ("logging/bigquery", {"project_id": "p", "dataset": "d", "table": "t"}, "template_suffix"),
])
def test_unset_strings_are_blank(client: httpx.Client, sid: str, path: str,
                                 body: dict[str, str], blank: str) -> None:
    made = client.post(f"{_v(sid)}/{path}", data={"name": "x", **body})
    assert made.status_code == 200, made.text
    assert made.json()[blank] == ""
    assert client.get(f"{_v(sid)}/{path}/x").json()[blank] == ""


def test_unset_values_the_api_leaves_null(client: httpx.Client, sid: str) -> None:
    gcs = client.post(f"{_v(sid)}/logging/gcs", data={"name": "g", "bucket_name": "b"}).json()
    assert gcs["account_name"] is None and gcs["compression_codec"] is None
    s3 = client.post(f"{_v(sid)}/logging/s3", data={"name": "s", "bucket_name": "b"}).json()
    assert s3["acl"] is None and s3["compression_codec"] is None and s3["file_max_bytes"] == 0


def test_response_only_keys(client: httpx.Client, sid: str) -> None:
    backend = client.post(f"{_v(sid)}/backend", data={"name": "b", "address": "a.example.com"})
    assert {k: backend.json()[k] for k in ("ipv4", "ipv6", "client_cert", "ssl_hostname",
                                           "error_threshold")} == {
        "ipv4": None, "ipv6": None, "client_cert": None, "ssl_hostname": None,
        "error_threshold": 0}
    https = client.post(f"{_v(sid)}/logging/https", data={"name": "h", "url": "https://x.io"})
    assert https.json()["add_batch_size_header"] is False
    syslog = client.post(f"{_v(sid)}/logging/syslog", data={"name": "s", "address": "x.io"})
    assert syslog.json()["ipv4"] is None and syslog.json()["port"] == "514"
    settings = client.get(f"{_v(sid)}/settings").json()
    assert settings["general.default_pci"] == 0
    details = client.get(f"/service/{sid}/details").json()
    assert details["version"]["settings"]["general.default_pci"] == 0


def test_error_threshold_is_writable(client: httpx.Client, sid: str) -> None:
    made = client.post(f"{_v(sid)}/backend", data={"name": "b", "address": "a.example.com",
                                                   "error_threshold": "5"})
    assert made.json()["error_threshold"] == 5


def test_environments_on_services_versions_and_details(client: httpx.Client, sid: str) -> None:
    service = client.get(f"/service/{sid}").json()
    assert service["environments"] == [] and service["versions"][0]["environments"] == []
    details = client.get(f"/service/{sid}/details").json()
    assert details["environments"] == [] and details["version"]["environments"] == []
    listed = client.get("/service").json()[0]
    assert listed["environments"] == []


def test_keys_the_api_never_sends(client: httpx.Client, sid: str) -> None:
    acl = client.post(f"{_v(sid)}/acl", data={"name": "a"}).json()["id"]
    entry = client.post(f"/service/{sid}/acl/{acl}/entry", data={"ip": "192.0.2.1"}).json()
    assert "deleted_at" not in entry
    listed = client.get(f"/service/{sid}/acl/{acl}/entries").json()
    assert "deleted_at" not in listed[0]
    assert "deleted_at" not in client.get(f"/service/{sid}/acl/{acl}/entry/{entry['id']}").json()
    dictionary = client.post(f"{_v(sid)}/dictionary", data={"name": "d"}).json()["id"]
    put = client.put(f"/service/{sid}/dictionary/{dictionary}/item/k",
                     data={"item_value": "v"}).json()
    assert put == {"dictionary_id": dictionary, "service_id": sid, "item_key": "k",
                   "item_value": "v"}
    name = client.get(f"/service/{sid}").json()["name"]
    searched = client.get("/service/search", params={"name": name}).json()
    details = client.get(f"/service/{sid}/details").json()
    for body in (searched, details):
        assert "paused" not in body and "publish_key" not in body
    assert "publish_key" in client.get(f"/service/{sid}").json()


def test_wire_types(client: httpx.Client, sid: str) -> None:
    kafka = client.post(f"{_v(sid)}/logging/kafka", data={
        "name": "k", "brokers": "b:9092", "topic": "t", "required_acks": "-1"}).json()
    assert kafka["format_version"] == 2 and kafka["required_acks"] == "-1"
    got = client.get(f"{_v(sid)}/logging/kafka/k").json()
    assert got["format_version"] == "2" and got["required_acks"] == "-1"
    https = client.post(f"{_v(sid)}/logging/https", data={
        "name": "h", "url": "https://x.io", "gzip_level": "3"}).json()
    assert https["gzip_level"] == 3
    assert client.post(f"{_v(sid)}/logging/syslog", data={
        "name": "s", "address": "x.io", "port": "1234"}).json()["port"] == "1234"


def test_sdk_mode_keeps_the_sdk_types() -> None:
    app = create_app(tokens=[TOKEN], wire_mode="sdk")
    with httpx.Client(transport=app.transport(), base_url="http://emu.test",
                      headers={"Fastly-Key": TOKEN}) as client:
        sid = client.post("/service", data={"name": "sdk"}).json()["id"]
        kafka = client.post(f"{_v(sid)}/logging/kafka", data={
            "name": "k", "brokers": "b:9092", "topic": "t"}).json()
        assert kafka["required_acks"] == 1 and kafka["format_version"] == 2
        request = client.post(f"{_v(sid)}/request_settings", data={"name": "r"}).json()
        assert request["action"] is None  # the SDK's enum has no ""
        s3 = client.post(f"{_v(sid)}/logging/s3", data={"name": "s", "bucket_name": "b"}).json()
        assert s3["acl"] == "" and "compression_codec" not in s3
    app.close()


@pytest.mark.parametrize("path", ["logging/s3", "logging/gcs", "logging/https"])
def test_compression_codec_with_gzip_level_is_refused(client: httpx.Client, sid: str,
                                                      path: str) -> None:
    body = {"name": "x", "bucket_name": "b", "url": "https://x.io",
            "compression_codec": "zstd", "gzip_level": "8"}
    refused = client.post(f"{_v(sid)}/{path}", data=body)
    assert refused.status_code == 400
    assert refused.json() == {"msg": "'compression_codec' and 'gzip_level' cannot be set "
                                     "simultaneously"}
    assert client.post(f"{_v(sid)}/{path}", data={**body, "gzip_level": "0"}).is_success


def test_update_setting_one_compression_clears_the_other(client: httpx.Client, sid: str) -> None:
    base = f"{_v(sid)}/logging/s3"
    client.post(base, data={"name": "s", "bucket_name": "b", "gzip_level": "8"})
    codec = client.put(f"{base}/s", json={"compression_codec": "zstd"}).json()
    assert codec["compression_codec"] == "zstd" and codec["gzip_level"] == 0
    assert client.get(f"{base}/s").json()["gzip_level"] == "0"
    gzip = client.put(f"{base}/s", json={"gzip_level": 9}).json()
    assert gzip["gzip_level"] == 9 and gzip["compression_codec"] is None  # echoed as sent
    assert client.get(f"{base}/s").json()["gzip_level"] == "9"


def test_s3_iam_role_with_keys_is_refused(client: httpx.Client, sid: str) -> None:
    body = {"name": "s", "bucket_name": "b", "iam_role": "arn:aws:iam::1:role/x"}
    refused = client.post(f"{_v(sid)}/logging/s3", data={**body, "access_key": "AKIA"})
    assert refused.status_code == 400
    assert refused.json() == {"msg": "'iam_role' can't be used when 'access_key' or "
                                     "'secret_key' are provided"}
    assert client.post(f"{_v(sid)}/logging/s3", data=body).is_success


def test_what_the_api_allows(client: httpx.Client, sid: str) -> None:
    header = client.post(f"{_v(sid)}/header", data={
        "name": "h", "action": "set", "type": "fetch", "dst": "http.X", "src": "\"1\""})
    assert header.status_code == 200 and header.json()["type"] == "fetch"
    backend = client.post(f"{_v(sid)}/backend", data={"name": "b", "address": "a.io"})
    assert backend.is_success
    zero = client.put(f"{_v(sid)}/backend/b", data={"port": "0"})
    assert zero.status_code == 200 and zero.json()["port"] == 0


def test_director_rename_is_ignored(client: httpx.Client, sid: str) -> None:
    client.post(f"{_v(sid)}/director", data={"name": "d"})
    renamed = client.put(f"{_v(sid)}/director/d", data={"name": "e", "quorum": "50"}).json()
    assert renamed["name"] == "d" and renamed["quorum"] == 50
    assert client.get(f"{_v(sid)}/director/e").status_code == 404


def test_version_comment_on_create_is_kept(client: httpx.Client, sid: str) -> None:
    made = client.post(f"/service/{sid}/version", data={"comment": "from the start"}).json()
    assert made == {"comment": "from the start", "service_id": sid, "number": 2}
    assert client.get(f"/service/{sid}/version/2").json()["comment"] == "from the start"
    assert client.post(f"/service/{sid}/version").json() == {"number": 3, "service_id": sid}


def test_request_settings_created_without_a_name_get_one(client: httpx.Client, sid: str) -> None:
    first = client.post(f"{_v(sid)}/request_settings").json()
    second = client.post(f"{_v(sid)}/request_settings", data={"xff": "append"}).json()
    assert (first["name"], second["name"]) == ("request_settings_1", "request_settings_2")
    assert client.post(f"{_v(sid)}/backend", data={"address": "a.io"}).status_code == 400


def test_json_updates_echo_only_on_the_real_wire() -> None:
    app = create_app(tokens=[TOKEN], wire_mode="sdk")
    with httpx.Client(transport=app.transport(), base_url="http://emu.test",
                      headers={"Fastly-Key": TOKEN}) as client:
        sid = client.post("/service", data={"name": "sdk"}).json()["id"]
        client.post(f"{_v(sid)}/logging/s3", data={"name": "s", "bucket_name": "b"})
        answer = client.put(f"{_v(sid)}/logging/s3/s", json={"gzip_level": 9}).json()
        assert answer["gzip_level"] == "9"  # the SDK's declared string
        codec = client.put(f"{_v(sid)}/logging/s3/s", json={"compression_codec": "zstd"})
        assert codec.json()["gzip_level"] == "0"  # cleared, still a string
    app.close()
