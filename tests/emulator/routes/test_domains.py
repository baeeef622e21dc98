"""Domain checks and staging IPs, over HTTP."""

from __future__ import annotations

from typing import Any

from fastlysync.emulator.routes.domains import staging_ip


def _service_with_domains(emulator: Any) -> tuple[Any, str]:
    client = emulator.client()
    sid = emulator.create_service("dom")["id"]
    for name in ("a.example.com", "b.example.com"):
        assert client.post(f"/service/{sid}/version/1/domain", data={"name": name}).is_success
    return client, f"/service/{sid}/version/1/domain"


def test_check_answers_domain_cname_and_flag(emulator: Any) -> None:
    client, base = _service_with_domains(emulator)
    domain, cname, pointed = client.get(f"{base}/a.example.com/check").json()
    assert domain["name"] == "a.example.com" and domain["version"] == 1
    assert cname is None and pointed is False  # no DNS is resolved: "not set up yet"
    assert client.get(f"{base}/nope.example.com/check").status_code == 404


def test_check_all_lists_every_domain(emulator: Any) -> None:
    client, base = _service_with_domains(emulator)
    checked = client.get(f"{base}/check_all").json()
    assert [row[0]["name"] for row in checked] == ["a.example.com", "b.example.com"]
    assert all(row[1:] == [None, False] for row in checked)
    assert client.post(f"{base}/check_all").status_code == 405


def test_staging_ips_only_when_asked(emulator: Any) -> None:
    client, base = _service_with_domains(emulator)
    assert all("staging_ip" not in row for row in client.get(base).json())
    rows = client.get(base, params={"include": "staging_ips"}).json()
    assert [row["staging_ip"] for row in rows] == [staging_ip("a.example.com"),
                                                   staging_ip("b.example.com")]
    assert all(row["staging_ip"].startswith("167.82.") for row in rows)
    assert staging_ip("a.example.com") != staging_ip("b.example.com")
