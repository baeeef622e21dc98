"""The real API's answers for the endpoints only go-fastly's own recordings cover (its
`fixtures/` for http3, rate limiters and the logging kinds issue 13 added): one test per
difference found by replaying them against the emulator."""

from __future__ import annotations

import httpx
import pytest

from fastlysync.emulator import create_app

from .conftest import TOKEN

FORM = {"Content-Type": "application/x-www-form-urlencoded"}


def _v(sid: str, n: int = 1) -> str:
    return f"/service/{sid}/version/{n}"


@pytest.mark.parametrize(("provider", "body", "echoed"), [
    ("logentries", "name=l&token=t&region=us&port=0&use_tls=1", "US"),
    ("newrelic", "name=n&token=t&region=eu", "EU"),
])
def test_region_is_matched_without_case(client: httpx.Client, sid: str, provider: str,
                                        body: str, echoed: str) -> None:
    """go-fastly's tests create these with `region=us`; the real API takes it."""
    made = client.post(f"{_v(sid)}/logging/{provider}", content=body, headers=FORM)
    assert made.status_code == 200, made.text
    assert made.json()["region"] == echoed
    bad = client.put(f"{_v(sid)}/logging/{provider}/{made.json()['name']}",
                     json={"region": "zz"})
    assert bad.status_code == 400


def test_logentries_takes_port_zero_and_spells_it_as_a_string(client: httpx.Client,
                                                               sid: str) -> None:
    made = client.post(f"{_v(sid)}/logging/logentries", content="name=l&token=t&port=0",
                       headers=FORM).json()
    assert made["port"] == "0" and made["hostname"] is None and made["public_key"] is None


def test_kinesis_refuses_a_role_with_keys_and_a_malformed_role(client: httpx.Client,
                                                                sid: str) -> None:
    base = {"name": "k", "topic": "t", "region": "us-east-1"}
    role = "arn:aws:iam::123456789012:role/Logs"
    both = client.post(f"{_v(sid)}/logging/kinesis",
                       data={**base, "iam_role": role, "access_key": "a", "secret_key": "s"})
    assert both.status_code == 400
    assert "'iam_role' can't be used" in both.json()["msg"] + both.json().get("detail", "")
    malformed = client.post(f"{_v(sid)}/logging/kinesis", data={**base, "iam_role": "badarn"})
    assert malformed.status_code == 400
    assert "invalid IAM Role ARN badarn" in malformed.json()["detail"]
    good = client.post(f"{_v(sid)}/logging/kinesis", data={**base, "iam_role": role})
    assert good.status_code == 200 and good.json()["iam_role"] == role


def test_response_only_keys_of_the_newer_logging_kinds(client: httpx.Client, sid: str) -> None:
    ftp = client.post(f"{_v(sid)}/logging/ftp", data={
        "name": "f", "address": "ftp.example.com", "user": "u", "password": "p"}).json()
    assert ftp["hostname"] == "ftp.example.com" and "ipv4" in ftp and ftp["ipv4"] is None
    ocean = client.post(f"{_v(sid)}/logging/digitalocean", data={
        "name": "d", "bucket_name": "b", "access_key": "a", "secret_key": "s"}).json()
    assert "redundancy" in ocean and ocean["redundancy"] is None
    loggly = client.post(f"{_v(sid)}/logging/loggly", data={"name": "l", "token": "t"}).json()
    assert "public_key" in loggly and loggly["public_key"] is None
    paper = client.post(f"{_v(sid)}/logging/papertrail",
                        data={"name": "p", "address": "logs.example.com", "port": "1234"})
    assert paper.json()["port"] == "1234" and paper.json()["public_key"] is None
    assert "hostname" not in paper.json()  # papertrail has no resolved host on the wire


def test_http3_shape_and_its_404(client: httpx.Client, sid: str) -> None:
    off = client.get(f"{_v(sid)}/http3")
    assert off.status_code == 404 and off.json() == {"msg": "Not found"}
    on = client.post(f"{_v(sid)}/http3", data={"feature_revision": "1"})
    assert on.status_code == 200
    body = on.json()
    assert body["feature_update_available"] is False and "deleted_at" not in body
    assert isinstance(body["id"], str) and body["id"]
    again = client.get(f"{_v(sid)}/http3").json()
    assert again["id"] == body["id"] and set(again) == set(body)


def _rate_limiter(client: httpx.Client, sid: str) -> httpx.Response:
    return client.post(f"{_v(sid)}/rate-limiters", headers=FORM, content=(
        "action=response&client_key%5B%5D=req.http.Fastly-Client-IP&http_methods%5B%5D=GET"
        "&name=rl&penalty_box_duration=5&rps_limit=20&window_size=10"
        "&response%5Bcontent%5D=slow&response%5Bcontent_type%5D=text%2Fplain"
        "&response%5Bstatus%5D=429"))


def test_rate_limiter_real_wire(client: httpx.Client, sid: str) -> None:
    made = _rate_limiter(client, sid)
    assert made.status_code == 200, made.text
    body = made.json()
    assert body["response"]["status"] == 429
    assert body["feature_update_available"] is False and "deleted_at" not in body
    fetched = client.get(f"/rate-limiters/{body['id']}").json()
    assert set(fetched) == set(body) and fetched["response"]["status"] == 429


def test_rate_limiter_sdk_wire_keeps_the_sdk_types() -> None:
    app = create_app(tokens=[TOKEN], seed=7, wire_mode="sdk")
    with httpx.Client(transport=app.transport(), base_url="http://emu.test",
                      headers={"Fastly-Key": TOKEN}) as http:
        sid = http.post("/service", data={"name": "s"}).json()["id"]
        body = _rate_limiter(http, sid).json()
    app.close()
    assert body["response"]["status"] == "429" and body["deleted_at"] is None
    assert "feature_update_available" not in body


def test_newrelic_otlp_region_is_null_until_set(client: httpx.Client, sid: str) -> None:
    made = client.post(f"{_v(sid)}/logging/newrelicotlp", data={"name": "n", "token": "t"})
    assert made.status_code == 200 and made.json()["region"] is None
    eu = client.put(f"{_v(sid)}/logging/newrelicotlp/n", data={"region": "EU"}).json()
    assert eu["region"] == "EU"


def test_image_optimizer_defaults_shape_and_problem(client: httpx.Client, sid: str) -> None:
    path = f"{_v(sid)}/image_optimizer_default_settings"
    read = client.get(path).json()
    assert set(read) == {"resize_filter", "webp", "webp_quality", "jpeg_type", "jpeg_quality",
                         "upscale", "allow_video"}
    patched = client.patch(path, json={"webp": True, "jpeg_quality": 70}).json()
    assert set(patched) == set(read) and patched["webp"] is True
    bad = client.patch(path, json={"webp_quality": 105})
    assert bad.status_code == 400
    assert bad.headers["content-type"] == "application/problem+json"
    assert bad.json()["detail"] == "WebP quality must be less than or equal to 100."
    assert set(bad.json()) == {"type", "title", "detail"}
    assert client.get(path).json()["webp_quality"] == read["webp_quality"]


def test_product_disable_is_idempotent_and_patch_echoes_what_it_set(client: httpx.Client,
                                                                    sid: str) -> None:
    path = f"/enabled-products/v1/ngwaf/services/{sid}"
    off = client.delete(path)
    assert off.status_code == 204 and off.content == b""
    assert client.put(path, json={"workspace_id": "ws1"}).status_code == 200
    patched = client.patch(f"{path}/configuration", json={"traffic_ramp": "45"}).json()
    assert patched["configuration"] == {"traffic_ramp": "45"}
    full = client.get(f"{path}/configuration").json()["configuration"]
    assert full == {"traffic_ramp": "45", "workspace_id": "ws1"}
    assert client.delete(path).status_code == 204
    assert client.delete(path).status_code == 204
    assert client.delete("/enabled-products/v1/no_such_product/services/" + sid).status_code == 400
