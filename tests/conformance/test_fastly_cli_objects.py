"""The Fastly CLI's service, version and object commands against the emulator, output checked.

`test_fastly_cli_commands.py` runs each command once and wants exit 0; here each command's
`--json` output must carry what was sent (under go-fastly's field names), `--service-name`,
`--version latest|active|staged` and `--autoclone` resolve as against Fastly, and the commands
that fail against Fastly fail the same way.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from .test_fastly_cli import Cli, _binary, _service_id

MAIN = "sub vcl_recv {\n#FASTLY recv\n}\n"


@pytest.fixture
def svc(emulator: Any, tmp_path: Path) -> tuple[Cli, str]:
    cli = Cli(_binary(), emulator, tmp_path)
    cli.run("service", "create", "--name", "objects", "--type", "vcl", "--comment", "made")
    return cli, _service_id(emulator, "objects")


def _subset(described: dict[str, Any], expected: dict[str, Any]) -> dict[str, Any]:
    return {key: described.get(key, "<missing>") for key in expected}


# kind: (create flags, describe --json must show, update flags, then shows, final name)
OBJECTS: dict[str, tuple[list[str], dict[str, Any], list[str], dict[str, Any], str]] = {
    "backend": (
        ["--name", "origin", "--address", "origin.example.com", "--port", "8443",
         "--override-host", "o.example.com", "--ssl-cert-hostname", "origin.example.com",
         "--ssl-sni-hostname", "origin.example.com", "--shield", "iad-va-us",
         "--max-conn", "100", "--first-byte-timeout", "15000", "--connect-timeout", "2000",
         "--between-bytes-timeout", "5000", "--auto-loadbalance", "--weight", "10",
         "--comment", "primary", "--min-tls-version", "1.2", "--max-tls-version", "1.3",
         "--prefer-ipv6", "true", "--tcp-ka-enabled", "true", "--http-ka-time", "20",
         "--max-use", "50", "--max-lifetime", "60000"],
        {"Address": "origin.example.com", "Port": 8443, "OverrideHost": "o.example.com",
         "SSLCertHostname": "origin.example.com", "SSLSNIHostname": "origin.example.com",
         "Shield": "iad-va-us", "MaxConn": 100, "FirstByteTimeout": 15000,
         "ConnectTimeout": 2000, "BetweenBytesTimeout": 5000, "AutoLoadbalance": True,
         "Weight": 10, "Comment": "primary", "MinTLSVersion": "1.2", "MaxTLSVersion": "1.3",
         "PreferIPv6": True, "TCPKeepAliveEnable": True, "KeepAliveTime": 20, "MaxUse": 50,
         "MaxLifetime": 60000, "Hostname": "origin.example.com"},
        ["--weight", "50", "--new-name", "origin2"], {"Weight": 50, "Name": "origin2"},
        "origin2"),
    "domain": (["--name", "www.example.com", "--comment", "site"],
               {"Comment": "site"}, ["--comment", "main"], {"Comment": "main"},
               "www.example.com"),
    "healthcheck": (
        ["--name", "hc", "--host", "origin.example.com", "--path", "/health", "--method",
         "HEAD", "--http-version", "1.1", "--expected-response", "204", "--check-interval",
         "5000", "--initial", "1", "--threshold", "2", "--window", "3", "--timeout", "500",
         "--comment", "probe"],
        {"Host": "origin.example.com", "Path": "/health", "Method": "HEAD",
         "HTTPVersion": "1.1", "ExpectedResponse": 204, "CheckInterval": 5000, "Initial": 1,
         "Threshold": 2, "Window": 3, "Timeout": 500, "Comment": "probe"},
        ["--timeout", "3000", "--new-name", "hc2"], {"Timeout": 3000, "Name": "hc2"}, "hc2"),
    "vcl condition": (
        ["--name", "is-api", "--statement", 'req.url ~ "^/api"', "--type", "REQUEST",
         "--priority", "5"],
        {"Statement": 'req.url ~ "^/api"', "Type": "REQUEST", "Priority": 5},
        ["--statement", 'req.url ~ "^/v2"', "--priority", "20"],
        {"Statement": 'req.url ~ "^/v2"', "Priority": 20}, "is-api"),
    "vcl snippet": (
        ["--name", "snip", "--type", "recv", "--content", 'set req.http.X-S = "1";',
         "--priority", "5"],
        {"Type": "recv", "Content": 'set req.http.X-S = "1";', "Priority": "5", "Dynamic": 0},
        ["--priority", "50", "--new-name", "snip2", "--type", "deliver"],
        {"Priority": "50", "Name": "snip2", "Type": "deliver"}, "snip2"),
    "vcl custom": (["--name", "main", "--content", "@MAIN", "--main"],
                   {"Content": MAIN, "Main": True},
                   ["--new-name", "main2", "--content", MAIN + "# v2\n"],
                   {"Name": "main2", "Content": MAIN + "# v2\n"}, "main2"),
    "dictionary": (["--name", "redirects"], {"WriteOnly": False},
                   ["--new-name", "redirects2"], {"Name": "redirects2"}, "redirects2"),
    "acl": (["--name", "blocked"], {}, ["--new-name", "blocked2"], {"Name": "blocked2"},
            "blocked2"),
}


@pytest.mark.parametrize("kind", sorted(OBJECTS))
def test_versioned_object_round_trip(svc: tuple[Cli, str], tmp_path: Path, kind: str) -> None:
    cli, sid = svc
    main = tmp_path / "main.vcl"
    main.write_text(MAIN)
    create, created, update, updated, final = OBJECTS[kind]
    create = [str(main) if arg == "@MAIN" else arg for arg in create]
    words = kind.split()
    name = create[create.index("--name") + 1]
    by_name = ("--service-name", "objects", "--version", "latest")
    v1 = ("--service-id", sid, "--version", "1")

    cli.run("service", *words, "create", *v1, *create)
    assert name in cli.run("service", *words, "list", *by_name).stdout
    described = cli.json("service", *words, "describe", *v1, "--name", name)
    want = {"Name": name, "ServiceID": sid, "ServiceVersion": 1, **created}
    assert _subset(described, want) == want
    cli.run("service", *words, "update", *v1, "--name", name, *update)
    described = cli.json("service", *words, "describe", *by_name, "--name", final)
    assert _subset(described, updated) == updated
    if kind != "vcl condition":  # `vcl condition list` has no --json
        listed = cli.json("service", *words, "list", *v1)
        assert [item["Name"] for item in listed] == [final]

    cli.run("service", "version", "activate", *v1)
    refused = cli.run("service", *words, "delete", "--service-id", sid, "--version", "active",
                      "--name", final, ok=False)
    assert refused.returncode == 1 and "service version 1 is locked" in refused.stderr
    cli.run("service", *words, "delete", "--service-id", sid, "--version", "active",
            "--autoclone", "--name", final)
    assert final not in cli.run("service", *words, "list", "--service-id", sid, "--version",
                                "2").stdout
    assert final in cli.run("service", *words, "list", "--service-id", sid, "--version",
                            "active").stdout


def test_condition_rename_fails_as_against_fastly(svc: tuple[Cli, str]) -> None:
    """The CLI sends `--new-name` as the condition to update (its own bug), so Fastly answers
    404 for the new name; the emulator must too, and leave the condition as it was."""
    cli, sid = svc
    v1 = ("--service-id", sid, "--version", "1")
    cli.run("service", "vcl", "condition", "create", *v1, "--name", "c", "--statement",
            "req.url", "--type", "REQUEST")
    result = cli.run("service", "vcl", "condition", "update", *v1, "--name", "c",
                     "--new-name", "c2", "--priority", "9", ok=False)
    assert result.returncode == 1
    assert "404 Not Found: Record not found (Couldn't find Condition" in result.stderr
    assert "name => c2" in result.stderr
    assert cli.json("service", "vcl", "condition", "describe", *v1, "--name", "c")[
        "Priority"] == 10


def test_service_commands(svc: tuple[Cli, str]) -> None:
    cli, sid = svc
    described = cli.json("service", "describe", "--service-name", "objects")
    assert _subset(described, {"ServiceID": sid, "Name": "objects", "Type": "vcl",
                               "Comment": "made", "ActiveVersion": None}) == \
        {"ServiceID": sid, "Name": "objects", "Type": "vcl", "Comment": "made",
         "ActiveVersion": None}
    assert [v["Number"] for v in described["Versions"]] == [1]
    found = cli.json("service", "search", "--name", "objects")
    assert found["ServiceID"] == sid and found["Versions"][0]["Number"] == 1
    cli.run("service", "update", "--service-id", sid, "--name", "objects-2", "--comment", "c2")
    assert cli.json("service", "describe", "--service-id", sid)["Name"] == "objects-2"
    for i in range(3):
        cli.run("service", "create", "--name", f"extra-{i}")
    listed = cli.json("service", "list", "--per-page", "2", "--sort", "name",
                      "--direction", "descend")
    assert [s["Name"] for s in listed] == ["objects-2", "extra-2", "extra-1", "extra-0"]
    verbose = cli.run("service", "list", "--verbose").stdout
    assert "Service 4/4" in verbose
    missing = cli.run("service", "search", "--name", "nope", ok=False)
    assert missing.returncode == 1 and "nope" in missing.stderr

    cli.run("service", "domain", "create", "--service-id", sid, "--version", "1", "--name",
            "svc.example.com")
    cli.run("service", "version", "activate", "--service-id", sid, "--version", "1")
    refused = cli.run("service", "delete", "--service-id", sid, ok=False)
    assert refused.returncode == 1
    assert "Cannot delete a service with an active version" in refused.stderr
    cli.run("service", "delete", "--service-name", "objects-2", "--force")
    assert "objects-2" not in [s["Name"] for s in cli.json("service", "list")]


def test_version_commands(svc: tuple[Cli, str], emulator: Any) -> None:
    cli, sid = svc
    on = ("--service-id", sid)
    cli.run("service", "domain", "create", *on, "--version", "1", "--name", "v.example.com")
    cli.run("service", "version", "update", *on, "--version", "1", "--comment", "first")
    cli.run("service", "version", "activate", *on, "--version", "latest")
    again = cli.run("service", "version", "activate", *on, "--version", "1", ok=False)
    assert again.returncode == 1 and "service version 1 is active" in again.stderr
    cloned = cli.json("service", "version", "clone", *on, "--version", "active")
    assert cloned["Number"] == 2 and cloned["Comment"] == "first"
    cli.run("service", "version", "update", *on, "--version", "active", "--autoclone",
            "--comment", "third")
    versions = cli.json("service", "version", "list", *on)
    assert [(v["Number"], v["Active"], v["Locked"], v["Comment"]) for v in versions] == [
        (1, True, True, "first"), (2, False, False, "first"), (3, False, False, "third")]
    cli.run("service", "domain", "create", *on, "--version", "2", "--name", "s.example.com")
    cli.run("service", "version", "stage", *on, "--version", "2")
    staged = cli.json("service", "version", "list", *on)[1]
    assert staged["Staging"] is True and staged["Locked"] is True
    # CLI 16.1 resolves `--version staged` through details?filter[versions.staged]=true, a
    # filter Fastly does not support (fastly/cli fixed it later by listing versions): Fastly
    # answers the active version, and so does the emulator.
    domains = cli.json("service", "domain", "list", *on, "--version", "staged")
    assert [d["Name"] for d in domains] == ["v.example.com"]
    cli.run("service", "version", "unstage", *on, "--version", "2")
    assert cli.json("service", "version", "list", *on)[1]["Staging"] is False
    cli.run("service", "version", "lock", *on, "--version", "3")
    locked = cli.run("service", "version", "lock", *on, "--version", "3", ok=False)
    assert locked.returncode == 1 and "service version 3 is locked" in locked.stderr
    cli.run("service", "version", "activate", *on, "--version", "3")
    cli.run("service", "version", "deactivate", *on, "--version", "3")
    assert not any(v["Active"] for v in cli.json("service", "version", "list", *on))
    old = cli.run("service-version", "list", *on)  # the deprecated top-level alias
    assert "DEPRECATED" in old.stderr and "3" in old.stdout
    assert emulator.admin.requests()["PUT activate"] == 2


def test_rate_limiter_commands(svc: tuple[Cli, str]) -> None:
    cli, sid = svc
    v1 = ("--service-id", sid, "--version", "1")
    cli.run("service", "rate-limit", "create", *v1, "--name", "rl", "--action", "response",
            "--client-key", "client.ip,req.http.User-Agent", "--http-methods", "GET,POST",
            "--penalty-box-dur", "2", "--rps-limit", "10", "--window-size", "10",
            "--response-content", "slow down", "--response-content-type", "text/plain",
            "--response-status", "429", "--feature-revision", "1")
    cli.run("service", "rate-limit", "create", *v1, "--name", "rl-log", "--action",
            "log_only", "--client-key", "client.ip", "--http-methods", "GET",
            "--penalty-box-dur", "1", "--rps-limit", "100", "--window-size", "60",
            "--logger-type", "s3")
    listed = cli.json("service", "rate-limit", "list", *v1)
    assert sorted(r["Name"] for r in listed) == ["rl", "rl-log"]
    rid = next(r["RateLimiterID"] for r in listed if r["Name"] == "rl")
    described = cli.json("service", "rate-limit", "describe", "--id", rid)
    want = {"Name": "rl", "Action": "response", "ClientKey": ["client.ip", "req.http.User-Agent"],
            "HTTPMethods": ["GET", "POST"], "PenaltyBoxDuration": 2, "RpsLimit": 10,
            "WindowSize": 10, "FeatureRevision": 1, "ServiceID": sid, "Version": 1,
            "Response": {"ERLContent": "slow down", "ERLContentType": "text/plain",
                         "ERLStatus": 429}}
    assert _subset(described, want) == want
    cli.run("service", "rate-limit", "update", "--id", rid, "--rps-limit", "20", "--name",
            "rl-2")
    described = cli.json("service", "rate-limit", "describe", "--id", rid)
    assert (described["Name"], described["RpsLimit"], described["WindowSize"]) == \
        ("rl-2", 20, 10)
    assert "rl-2" in cli.run("service", "rate-limit", "list", *v1).stdout
    cli.run("service", "rate-limit", "delete", "--id", rid)
    assert [r["Name"] for r in cli.json("service", "rate-limit", "list", *v1)] == ["rl-log"]
    gone = cli.run("service", "rate-limit", "describe", "--id", rid, ok=False)
    assert gone.returncode == 1 and "404" in gone.stderr


def test_products_and_image_optimizer(svc: tuple[Cli, str], emulator: Any) -> None:
    cli, sid = svc
    status = cli.json("products", "--service-id", sid)
    assert set(status) == {"api_discovery", "bot_management", "brotli_compression",
                           "domain_inspector", "fanout", "image_optimizer",
                           "log_explorer_insights", "origin_inspector", "websockets"}
    assert not any(status.values())
    for product in status:
        cli.run("products", "--service-id", sid, "--enable", product)
    assert all(cli.json("products", "--service-name", "objects").values())
    for product in ("brotli_compression", "websockets"):
        cli.run("products", "--service-id", sid, "--disable", product)
    status = cli.json("products", "--service-id", sid)
    assert [p for p, on in status.items() if not on] == ["brotli_compression", "websockets"]
    table = cli.run("products", "--service-id", sid).stdout
    assert "Image Optimizer          true" in table

    v1 = ("--service-id", sid, "--version", "1")
    updated = cli.json("service", "imageoptimizer", "update", *v1, "--webp", "true",
                       "--webp-quality", "70", "--jpeg-quality", "80", "--jpeg-type",
                       "progressive", "--resize-filter", "bicubic", "--upscale", "true",
                       "--allow-video", "false")
    want = {"webp": True, "webp_quality": 70, "jpeg_quality": 80, "jpeg_type": "progressive",
            "resize_filter": "bicubic", "upscale": True, "allow_video": False}
    assert updated == want
    assert cli.json("service", "imageoptimizer", "get", *v1) == want
    assert "WebP Quality: 70" in cli.run("service", "imageoptimizer", "get", *v1).stdout
    cli.run("service", "version", "clone", *v1)
    assert cli.json("service", "imageoptimizer", "get", "--service-id", sid, "--version",
                    "2") == want


def test_entries_paginated_and_batched(svc: tuple[Cli, str], emulator: Any,
                                       tmp_path: Path) -> None:
    cli, sid = svc
    v1 = ("--service-id", sid, "--version", "1")
    cli.run("service", "dictionary", "create", *v1, "--name", "d")
    cli.run("service", "acl", "create", *v1, "--name", "a")
    dictionary = cli.json("service", "dictionary", "describe", *v1, "--name", "d")[
        "DictionaryID"]
    acl = cli.json("service", "acl", "describe", *v1, "--name", "a")["ACLID"]
    d = ("--service-id", sid, "--dictionary-id", dictionary)
    for key in ("/a", "/b", "/c"):
        cli.run("service", "dictionary-entry", "create", *d, "--key", key, "--value", key * 2)
    page = cli.json("service", "dictionary-entry", "list", *d, "--per-page", "2",
                    "--sort", "item_key", "--direction", "descend")
    assert [i["ItemKey"] for i in page] == ["/c", "/b", "/a"]
    cli.run("service", "dictionary-entry", "update", *d, "--key", "/new", "--value", "up")
    batch = tmp_path / "items.json"
    batch.write_text(json.dumps({"items": [
        {"op": "update", "item_key": "/a", "item_value": "A"},
        {"op": "upsert", "item_key": "/z", "item_value": "Z"},
        {"op": "delete", "item_key": "/b"}]}))
    cli.run("service", "dictionary-entry", "update", *d, "--file", str(batch))
    items = cli.json("service", "dictionary-entry", "list", *d)
    assert sorted((i["ItemKey"], i["ItemValue"]) for i in items) == [
        ("/a", "A"), ("/c", "/c/c"), ("/new", "up"), ("/z", "Z")]
    info = cli.run("service", "dictionary", "describe", *v1, "--name", "d", "--verbose").stdout
    assert "Item Count: 4" in info and "Item Key: /z" in info
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"items": [{"op": "update", "item_key": "/absent",
                                          "item_value": "x"}]}))
    refused = cli.run("service", "dictionary-entry", "update", *d, "--file", str(bad),
                      ok=False)
    assert refused.returncode == 1 and "404" in refused.stderr

    a = ("--service-id", sid, "--acl-id", acl)
    cli.run("service", "acl-entry", "create", *a, "--ip", "192.0.2.0", "--subnet", "24",
            "--comment", "net")
    cli.run("service", "acl-entry", "create", *a, "--ip", "2001:db8::", "--subnet", "32",
            "--negated")
    entries = cli.json("service", "acl-entry", "list", *a, "--per-page", "1")
    assert sorted((e["IP"], e["Subnet"], e["Negated"]) for e in entries) == [
        ("192.0.2.0", 24, False), ("2001:db8::", 32, True)]
    first = next(e["EntryID"] for e in entries if e["IP"] == "192.0.2.0")
    other = next(e["EntryID"] for e in entries if e["IP"] != "192.0.2.0")
    cli.run("service", "acl-entry", "update", *a, "--id", first, "--negated", "--comment", "n")
    described = cli.json("service", "acl-entry", "describe", *a, "--id", first)
    assert (described["Negated"], described["Comment"]) == (True, "n")
    cli.run("service", "acl-entry", "update", *a, "--file", json.dumps({"entries": [
        {"op": "update", "id": first, "ip": "192.0.2.1", "subnet": 32},
        {"op": "create", "ip": "203.0.113.5"},
        {"op": "delete", "id": other}]}))
    entries = cli.json("service", "acl-entry", "list", *a)
    assert sorted((e["IP"], e["Subnet"]) for e in entries) == [
        ("192.0.2.1", 32), ("203.0.113.5", None)]
    cli.run("service", "acl-entry", "delete", *a, "--id", first)
    assert [e["IP"] for e in cli.json("service", "acl-entry", "list", *a)] == ["203.0.113.5"]

    many = tmp_path / "many.json"  # past the CLI's default page of 100: Link headers followed
    many.write_text(json.dumps({"entries": [{"op": "create", "ip": f"10.0.{i // 200}.{i % 200}"}
                                            for i in range(250)]}))
    cli.run("service", "acl-entry", "update", *a, "--file", str(many))
    listed = cli.json("service", "acl-entry", "list", *a)
    assert len(listed) == 251 and len({e["EntryID"] for e in listed}) == 251
    many.write_text(json.dumps({"items": [{"op": "create", "item_key": f"k{i:03d}",
                                           "item_value": "v"} for i in range(250)]}))
    cli.run("service", "dictionary-entry", "update", *d, "--file", str(many))
    keys = [i["ItemKey"] for i in cli.json("service", "dictionary-entry", "list", *d)]
    assert len(keys) == 254 and len(set(keys)) == 254


def test_write_only_dictionary_takes_items_but_never_shows_them(svc: tuple[Cli, str]) -> None:
    cli, sid = svc
    v1 = ("--service-id", sid, "--version", "1")
    cli.run("service", "dictionary", "create", *v1, "--name", "keys", "--write-only")
    table = cli.run("service", "dictionary", "describe", *v1, "--name", "keys").stdout
    assert "Write Only: true" in table
    [dictionary] = [line.split(": ")[1] for line in table.splitlines() if line.startswith("ID:")]
    d = ("--service-id", sid, "--dictionary-id", dictionary)
    cli.run("service", "dictionary-entry", "create", *d, "--key", "k", "--value", "secret")
    cli.run("service", "dictionary-entry", "update", *d, "--key", "k", "--value", "s2")
    for args in (("service", "dictionary-entry", "list", *d),
                 ("service", "dictionary-entry", "describe", *d, "--key", "k"),
                 ("service", "dictionary", "describe", *v1, "--name", "keys", "--verbose"),
                 ("service", "dictionary", "describe", *v1, "--name", "keys", "--json")):
        refused = cli.run(*args, ok=False)
        assert refused.returncode == 1, args
        assert "Not allowed to read contents of write_only dictionary" in refused.stderr
        assert "s2" not in refused.stdout + refused.stderr
    cli.run("service", "dictionary-entry", "delete", *d, "--key", "k")


@pytest.mark.parametrize("args", [
    ("backend", "create", "--name", "no-address"),
    ("domain", "create"),
    ("healthcheck", "create", "--name", "no-host"),
    ("logging", "s3", "create", "--name", "no-bucket", "--access-key", "a", "--secret-key", "b"),
    ("logging", "syslog", "create", "--name", "no-address"),
    ("dictionary", "create", "--name", "bad name!"),
    ("acl", "create", "--name", "9starts-with-digit"),
])
def test_incomplete_objects_are_refused_with_400(svc: tuple[Cli, str], emulator: Any,
                                                 args: tuple[str, ...]) -> None:
    """The API, not the CLI, refuses these (the CLI has no required flags for them), and
    nothing is created."""
    cli, sid = svc
    result = cli.run("service", *args, "--service-id", sid, "--version", "1", ok=False)
    assert result.returncode == 1
    assert "the Fastly API returned 400 Bad Request" in result.stderr
    client = emulator.client()
    version = client.get(f"/service/{sid}/details").json()["version"]
    assert [version[k] for k in ("backends", "domains", "healthchecks", "dictionaries",
                                 "acls")] == [[], [], [], [], []]
    for kind in ("s3", "syslog"):
        assert client.get(f"/service/{sid}/version/1/logging/{kind}").json() == []


def test_purges(svc: tuple[Cli, str], emulator: Any, tmp_path: Path) -> None:
    cli, sid = svc
    on = ("service", "purge", "--service-id", sid)
    assert "Purge all status: ok" in cli.run(*on, "--all").stdout
    soft = cli.run(*on, "--key", "k1", "--soft").stdout
    assert "Purged key: k1 (soft: true). Status: ok, ID: " in soft
    url = cli.run(*on, "--url", "https://www.example.com/a").stdout
    assert "Purged URL: https://www.example.com/a (soft: false). Status: ok" in url
    keys = tmp_path / "keys.txt"
    keys.write_text("a\nb\nc\n")
    table = cli.run(*on, "--file", str(keys)).stdout.splitlines()
    assert table[0].split() == ["KEY", "ID"] and [r.split()[0] for r in table[1:]] == \
        ["a", "b", "c"]
    keys.write_text("".join(f"key{i}\n" for i in range(300)))  # Fastly's limit is 256
    refused = cli.run(*on, "--file", str(keys), ok=False)
    assert refused.returncode == 1 and "400 Bad Request" in refused.stderr
    counted = emulator.admin.counters()["requests"]
    # the CLI purges one key through the batch endpoint too (`POST /service/{id}/purge`)
    assert {label: n for label, n in counted.items() if "purge" in label} == {
        "POST purge_all": 1, "POST purge/url": 1, "POST purge/keys": 3}


def test_domain_of_another_account_is_refused(svc: tuple[Cli, str], emulator: Any,
                                              tmp_path: Path) -> None:
    cli, sid = svc
    theirs = Cli(_binary(), emulator, tmp_path / "theirs")
    theirs.env["FASTLY_API_TOKEN"] = emulator.other_token
    theirs.run("service", "create", "--name", "theirs")
    theirs.run("service", "domain", "create", "--service-name", "theirs", "--version", "1",
               "--name", "shop.example.com")
    refused = cli.run("service", "domain", "create", "--service-id", sid, "--version", "1",
                      "--name", "shop.example.com", ok=False)
    assert refused.returncode == 1
    assert ("400 Bad Request: Bad request (Domain 'shop.example.com' is already taken by "
            "another customer)") in refused.stderr
    assert cli.json("service", "domain", "list", "--service-id", sid, "--version", "1") == []


@pytest.mark.parametrize("alias", [
    ("backend", "list"), ("healthcheck", "list"), ("acl", "list"), ("dictionary", "list"),
    ("vcl", "snippet", "list"), ("vcl", "custom", "list"), ("logging", "s3", "list"),
    ("rate-limit", "list"), ("service-version", "list"), ("imageoptimizerdefaults", "get"),
])
def test_deprecated_top_level_aliases(svc: tuple[Cli, str], alias: tuple[str, ...]) -> None:
    """Old scripts call `fastly backend list` etc.: the CLI warns and runs the same request."""
    cli, sid = svc
    cli.run("service", "backend", "create", "--service-id", sid, "--version", "1", "--name",
            "origin", "--address", "origin.example.com")
    version = () if alias[0] == "service-version" else ("--version", "1")
    modern = {"service-version": ("version",), "imageoptimizerdefaults": ("imageoptimizer",)}
    current = ("service", *modern.get(alias[0], alias[:1]), *alias[1:])
    result = cli.run(*alias, "--service-id", sid, *version)
    assert "DEPRECATED" in result.stderr
    assert result.stdout == cli.run(*current, "--service-id", sid, *version).stdout
