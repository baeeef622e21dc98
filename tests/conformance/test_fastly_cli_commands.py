"""The Fastly CLI commands a user runs on a VCL service, each against the emulator.

One scripted session (services, versions, every object kind, dictionary and ACL entries,
staging, purges, generated VCL, domain validation): every command must exit 0, as it does
against Fastly, and the ones that fail against Fastly must fail here with Fastly's message.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .test_fastly_cli import Cli, _binary, _service_id

V1 = ("--version", "1")
KINDS_AT_V1 = [
    ("backend", ["--name", "origin", "--address", "origin.example.com", "--port", "443",
                 "--use-ssl"], ["--weight", "50"]),
    ("domain", ["--name", "www.example.com"], ["--comment", "main"]),
    ("healthcheck", ["--name", "hc", "--host", "origin.example.com", "--path", "/health"],
     ["--timeout", "3000"]),
    ("vcl condition", ["--name", "is-api", "--statement", 'req.url ~ "^/api"', "--type",
                       "REQUEST"], ["--priority", "20"]),
    ("vcl snippet", ["--name", "snip", "--type", "recv", "--content",
                     'set req.http.X-Snip = "1";'], ["--priority", "50"]),
    ("vcl custom", ["--name", "main", "--content", "@MAIN", "--main"], ["--new-name", "main2"]),
    ("dictionary", ["--name", "redirects"], ["--new-name", "redirects2"]),
    ("acl", ["--name", "blocked"], ["--new-name", "blocked2"]),
    ("logging s3", ["--name", "s3", "--bucket", "b", "--access-key", "AK", "--secret-key",
                    "SK"], ["--period", "60"]),
    ("logging https", ["--name", "h", "--url", "https://logs.example.com"],
     ["--method", "PUT"]),
    ("logging syslog", ["--name", "sl", "--address", "logs.example.com", "--port", "514"],
     ["--port", "601"]),
    ("logging gcs", ["--name", "g", "--bucket", "b", "--user", "u@example.com", "--secret-key",
                     "k"], ["--period", "60"]),
    ("logging bigquery", ["--name", "bq", "--project-id", "p", "--dataset", "d", "--table",
                          "t", "--user", "u@example.com", "--secret-key", "k"],
     ["--table", "t2"]),
    ("logging datadog", ["--name", "dd", "--auth-token", "tok", "--region", "EU"],
     ["--region", "US"]),
    ("logging splunk", ["--name", "sp", "--url", "https://splunk.example.com", "--auth-token",
                        "t"], ["--url", "https://splunk2.example.com"]),
    ("logging kafka", ["--name", "k", "--brokers", "b:9092", "--topic", "t",
                       "--required-acks=-1"], ["--topic", "t2"]),
]
MAIN = "sub vcl_recv {\n#FASTLY recv\n}\n"


def _name(create: list[str]) -> str:
    return create[create.index("--name") + 1]


def test_every_vcl_service_command(emulator: Any, tmp_path: Path) -> None:
    cli = Cli(_binary(), emulator, tmp_path)
    main = tmp_path / "main.vcl"
    main.write_text(MAIN)
    failures: list[str] = []

    def run(*args: str) -> Any:
        result = cli.run(*args, ok=False)
        if result.returncode != 0:
            failures.append(f"fastly {' '.join(args)}: {result.stderr.strip()[:200]}")
        return result

    run("service", "create", "--name", "cli-all", "--type", "vcl")
    sid = _service_id(emulator, "cli-all")
    on = ("--service-id", sid)
    for args in (("service", "list"), ("service", "describe", *on),
                 ("service", "search", "--name", "cli-all"),
                 ("service", "update", *on, "--comment", "hello"),
                 ("service", "version", "list", *on),
                 ("service", "version", "update", *on, *V1, "--comment", "first")):
        run(*args)
    for kind, create, update in KINDS_AT_V1:
        words = kind.split()
        create = [str(main) if arg == "@MAIN" else arg for arg in create]
        name = _name(create)
        run("service", *words, "create", *on, *V1, *create)
        run("service", *words, "list", *on, *V1)
        run("service", *words, "describe", *on, *V1, "--name", name)
        run("service", *words, "update", *on, *V1, "--name", name, *update)
    client = emulator.client()
    dictionary = client.get(f"/service/{sid}/version/1/dictionary/redirects2").json()["id"]
    acl = client.get(f"/service/{sid}/version/1/acl/blocked2").json()["id"]
    items = ("service", "dictionary-entry")
    run(*items, "create", *on, "--dictionary-id", dictionary, "--key", "/a", "--value", "/b")
    run(*items, "list", *on, "--dictionary-id", dictionary)
    run(*items, "describe", *on, "--dictionary-id", dictionary, "--key", "/a")
    run(*items, "update", *on, "--dictionary-id", dictionary, "--key", "/a", "--value", "/c")
    run(*items, "delete", *on, "--dictionary-id", dictionary, "--key", "/a")
    entries = ("service", "acl-entry")
    run(*entries, "create", *on, "--acl-id", acl, "--ip", "192.0.2.0", "--subnet", "24")
    [entry] = client.get(f"/service/{sid}/acl/{acl}/entries").json()
    run(*entries, "list", *on, "--acl-id", acl)
    run(*entries, "describe", *on, "--acl-id", acl, "--id", entry["id"])
    run(*entries, "update", *on, "--acl-id", acl, "--id", entry["id"], "--negated")
    run(*entries, "delete", *on, "--acl-id", acl, "--id", entry["id"])
    for args in (("service", "vcl", "describe", *on, *V1),
                 ("service", "domain", "validate", *on, *V1, "--name", "www.example.com"),
                 ("service", "domain", "validate", *on, *V1, "--all"),
                 ("service", "version", "validate", *on, *V1),
                 ("service", "version", "activate", *on, *V1),
                 ("service", "version", "clone", *on, *V1),
                 ("service", "version", "stage", *on, "--version", "2"),
                 ("service", "version", "unstage", *on, "--version", "2"),
                 ("service", "version", "clone", *on, "--version", "2"),
                 ("service", "purge", *on, "--all"),
                 ("service", "purge", *on, "--key", "k1"),
                 ("service", "purge", *on, "--key", "k2", "--soft"),
                 ("service", "purge", *on, "--url", "https://www.example.com/a")):
        run(*args)
    for kind, create, _update in reversed(KINDS_AT_V1):
        name = _name(create)
        renamed = {"main": "main2", "redirects": "redirects2", "blocked": "blocked2"}
        run("service", *kind.split(), "delete", *on, "--version", "3",
            "--name", renamed.get(name, name))
    keys = tmp_path / "keys.txt"
    keys.write_text("k3\nk4\n")
    run("service", "purge", *on, "--file", str(keys))
    whoami = run("whoami")
    assert whoami.stdout.strip() == "Emulator user <user@emulator.invalid>"
    run("service", "version", "deactivate", *on, *V1)
    run("service", "delete", *on, "--force")
    assert failures == []
    counted = emulator.admin.counters()["requests"]
    assert counted["GET generated_vcl"] == 1 and counted["POST purge_all"] == 1
    assert counted["GET domain/check"] == 1 and counted["GET domain/check_all"] == 1
    assert counted["PUT activate/environment"] == 1


def test_commands_that_fail_against_fastly_fail_the_same_way(emulator: Any,
                                                              tmp_path: Path) -> None:
    cli = Cli(_binary(), emulator, tmp_path)
    cli.run("service", "create", "--name", "strict")
    sid = _service_id(emulator, "strict")
    missing = cli.run("service", "backend", "describe", "--service-id", sid, "--version", "1",
                      "--name", "nope", ok=False)
    assert missing.returncode == 1
    assert "404 Not Found: Record not found (Couldn't find Backend" in missing.stderr
    cli.run("service", "version", "activate", "--service-id", sid, "--version", "1")
    locked = cli.run("service", "domain", "create", "--service-id", sid, "--version", "1",
                     "--name", "late.example.com", ok=False)
    assert locked.returncode == 1 and "locked" in locked.stderr
    gone = cli.run("service", "describe", "--service-id", "nosuchservice00000000", ok=False)
    assert gone.returncode == 1 and "400 Bad Request" in gone.stderr
