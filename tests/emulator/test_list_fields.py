"""List fields arrive as `key[]=a&key[]=b` (go-fastly, the CLI) or as one comma-separated
value (fastly-py's `csv` collection format); both store the same list."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

import pytest

COMMON = [("rps_limit", "100"), ("window_size", "10"), ("penalty_box_duration", "5"),
          ("action", "log_only"), ("logger_type", "syslog")]
FORM = {"content-type": "application/x-www-form-urlencoded"}


@pytest.mark.parametrize("lists", [
    [("http_methods[]", "GET"), ("http_methods[]", "POST"),
     ("client_key[]", "req.http.Fastly-Client-IP"), ("client_key[]", "req.http.User-Agent")],
    [("http_methods", "GET,POST"),
     ("client_key", "req.http.Fastly-Client-IP,req.http.User-Agent")],
], ids=["brackets", "csv"])
def test_rate_limiter_lists(emulator: Any, lists: list[tuple[str, str]]) -> None:
    client = emulator.client()
    sid = emulator.create_service("lists")["id"]
    created = client.post(f"/service/{sid}/version/1/rate-limiters", headers=FORM,
                          content=urlencode([("name", "rl"), *COMMON, *lists]))
    assert created.status_code == 200, created.text
    got = client.get(f"/rate-limiters/{created.json()['id']}").json()
    assert got["http_methods"] == ["GET", "POST"]
    assert got["client_key"] == ["req.http.Fastly-Client-IP", "req.http.User-Agent"]
    changed = client.put(f"/rate-limiters/{got['id']}", headers=FORM,
                         content=urlencode([("http_methods", "HEAD")]))
    assert changed.json()["http_methods"] == ["HEAD"]
    refused = client.put(f"/rate-limiters/{got['id']}", headers=FORM,
                         content=urlencode([("http_methods", ",")]))
    assert refused.status_code == 400 and "http_methods" in refused.json()["detail"]
