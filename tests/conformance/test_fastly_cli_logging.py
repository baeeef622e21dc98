"""Every `fastly service logging <kind>` command of the official Fastly CLI against the emulator.

For each of the 27 kinds the CLI offers for VCL services: create with every flag the CLI has
for it, list (table and `--json`), describe (`--json`: each flag must come back under go-fastly's
field name), update, rename, delete. A flag the emulator dropped or a key it spelled so that
go-fastly cannot decode it fails here. The CLI has no `logentries` command (the API kind is
covered by fastlysync's own tests).
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path
from typing import Any

import pytest

from .test_fastly_cli import Cli, _binary, _service_id

PEM = "-----BEGIN CERTIFICATE-----\nMIIBcli\n-----END CERTIFICATE-----"
KEY = "-----BEGIN PRIVATE KEY-----\ncli\n-----END PRIVATE KEY-----"
PGP = "-----BEGIN PGP PUBLIC KEY BLOCK-----\ncli\n-----END PGP PUBLIC KEY BLOCK-----"
COMMON = {"--format": '{"t":"%{now}V"}', "--format-version": "1", "--response-condition": "resp",
          "--placement": "none", "--processing-region": "eu"}
COMMON_BACK = {"Format": '{"t":"%{now}V"}', "FormatVersion": 1, "ResponseCondition": "resp",
               "Placement": "none", "ProcessingRegion": "eu"}
FILES = {"--path": "/logs/", "--period": "600", "--message-type": "blank",
         "--timestamp-format": "%Y", "--public-key": PGP}
FILES_BACK = {"Path": "/logs/", "Period": 600, "MessageType": "blank", "TimestampFormat": "%Y",
              "PublicKey": PGP}
TLS = {"--tls-ca-cert": PEM, "--tls-client-cert": PEM, "--tls-client-key": KEY,
       "--tls-hostname": "logs.example.com"}
TLS_BACK = {"TLSCACert": PEM, "TLSClientCert": PEM, "TLSClientKey": KEY,
            "TLSHostname": "logs.example.com"}

# kind: (create flags, what describe --json must show, update flags, what it shows after)
KINDS: dict[str, tuple[dict[str, str], dict[str, Any], dict[str, str], dict[str, Any]]] = {
    "azureblob": (
        {"--account-name": "acct", "--container": "c", "--sas-token": "sv=x",
         "--file-max-bytes": "1048576", "--compression-codec": "zstd", **FILES},
        {"AccountName": "acct", "Container": "c", "SASToken": "sv=x", "FileMaxBytes": 1048576,
         "CompressionCodec": "zstd", **FILES_BACK},
        {"--container": "c2"}, {"Container": "c2"}),
    "bigquery": (
        {"--project-id": "p", "--dataset": "d", "--table": "t", "--user": "u@example.com",
         "--secret-key": "k", "--template-suffix": "_%Y", "--account-name": "sa"},
        {"ProjectID": "p", "Dataset": "d", "Table": "t", "User": "u@example.com",
         "SecretKey": "k", "Template": "_%Y", "AccountName": "sa"},
        {"--table": "t2"}, {"Table": "t2"}),
    "cloudfiles": (
        {"--user": "u", "--access-key": "ak", "--bucket": "b", "--region": "LON",
         "--gzip-level": "5", **FILES},
        {"User": "u", "AccessKey": "ak", "BucketName": "b", "Region": "LON", "GzipLevel": 5,
         **FILES_BACK},
        {"--region": "DFW"}, {"Region": "DFW"}),
    "datadog": ({"--auth-token": "t", "--region": "US"}, {"Token": "t", "Region": "US"},
                {"--region": "EU"}, {"Region": "EU"}),
    "digitalocean": (
        {"--bucket": "b", "--access-key": "ak", "--secret-key": "sk",
         "--domain": "ams3.digitaloceanspaces.com", "--compression-codec": "snappy", **FILES},
        {"BucketName": "b", "AccessKey": "ak", "SecretKey": "sk",
         "Domain": "ams3.digitaloceanspaces.com", "CompressionCodec": "snappy", **FILES_BACK},
        {"--domain": "nyc3.digitaloceanspaces.com"},
        {"Domain": "nyc3.digitaloceanspaces.com"}),
    "elasticsearch": (
        {"--url": "https://es.example.com", "--index": "i-%Y", "--request-max-bytes": "1000",
         "--request-max-entries": "10", **TLS},
        {"URL": "https://es.example.com", "Index": "i-%Y", "RequestMaxBytes": 1000,
         "RequestMaxEntries": 10, **TLS_BACK},
        {"--index": "i2"}, {"Index": "i2"}),
    "ftp": (
        {"--address": "ftp.example.com", "--user": "u", "--password": "p", "--port": "2121",
         "--gzip-level": "9", "--path": "/x/", "--period": "60", "--timestamp-format": "%Y"},
        {"Address": "ftp.example.com", "Username": "u", "Password": "p", "Port": 2121,
         "GzipLevel": 9, "Path": "/x/", "Period": 60, "TimestampFormat": "%Y"},
        {"--port": "21"}, {"Port": 21}),
    "gcs": (
        {"--bucket": "b", "--user": "u@example.com", "--secret-key": "k", "--project-id": "pr",
         "--compression-codec": "gzip", "--path": "/logs/", "--period": "600",
         "--message-type": "blank", "--timestamp-format": "%Y"},
        {"Bucket": "b", "User": "u@example.com", "SecretKey": "k", "ProjectID": "pr",
         "CompressionCodec": "gzip", "Path": "/logs/", "Period": 600, "MessageType": "blank",
         "TimestampFormat": "%Y"},
        {"--period": "60"}, {"Period": 60}),
    "googlepubsub": (
        {"--project-id": "p", "--topic": "t", "--user": "u@example.com", "--secret-key": "k",
         "--account-name": "sa"},
        {"ProjectID": "p", "Topic": "t", "User": "u@example.com", "SecretKey": "k",
         "AccountName": "sa"},
        {"--topic": "t2"}, {"Topic": "t2"}),
    "grafanacloudlogs": (
        {"--url": "https://g.example.com", "--user": "u", "--auth-token": "t",
         "--index": '{app="x"}'},
        {"URL": "https://g.example.com", "User": "u", "Token": "t", "Index": '{app="x"}'},
        {"--user": "u2"}, {"User": "u2"}),
    "heroku": ({"--url": "https://h.example.com", "--auth-token": "t"},
               {"URL": "https://h.example.com", "Token": "t"},
               {"--url": "https://h2.example.com"}, {"URL": "https://h2.example.com"}),
    "honeycomb": ({"--dataset": "d", "--auth-token": "t"}, {"Dataset": "d", "Token": "t"},
                  {"--dataset": "d2"}, {"Dataset": "d2"}),
    "https": (
        {"--url": "https://logs.example.com", "--content-type": "application/json",
         "--header-name": "X-Key", "--header-value": "v", "--json-format": "2",
         "--message-type": "blank", "--method": "PUT", "--request-max-bytes": "1000",
         "--request-max-entries": "5", "--compression-codec": "zstd", "--period": "5", **TLS},
        {"URL": "https://logs.example.com", "ContentType": "application/json",
         "HeaderName": "X-Key", "HeaderValue": "v", "JSONFormat": "2", "MessageType": "blank",
         "Method": "PUT", "RequestMaxBytes": 1000, "RequestMaxEntries": 5,
         "CompressionCodec": "zstd", "Period": 5, **TLS_BACK},
        {"--method": "POST"}, {"Method": "POST"}),
    "kafka": (
        {"--brokers": "b:9092,c:9092", "--topic": "t", "--required-acks": "-1",
         "--compression-codec": "lz4", "--use-tls": "", "--parse-log-keyvals": "",
         "--max-batch-size": "1024", "--use-sasl": "", "--auth-method": "scram-sha-512",
         "--username": "u", "--password": "p", **TLS},
        {"Brokers": "b:9092,c:9092", "Topic": "t", "RequiredACKs": "-1",
         "CompressionCodec": "lz4", "UseTLS": True, "ParseLogKeyvals": True,
         "RequestMaxBytes": 1024, "AuthMethod": "scram-sha-512", "User": "u", "Password": "p",
         **TLS_BACK},
        {"--topic": "t2"}, {"Topic": "t2"}),
    "kinesis": (
        {"--stream-name": "s", "--iam-role": "arn:aws:iam::123456789012:role/logs",
         "--region": "eu-west-1"},
        {"StreamName": "s", "IAMRole": "arn:aws:iam::123456789012:role/logs",
         "Region": "eu-west-1"},
        {"--stream-name": "s2"}, {"StreamName": "s2"}),
    "loggly": ({"--auth-token": "t"}, {"Token": "t"}, {"--auth-token": "t2"}, {"Token": "t2"}),
    "logshuttle": ({"--url": "https://l.example.com", "--auth-token": "t"},
                   {"URL": "https://l.example.com", "Token": "t"},
                   {"--auth-token": "t2"}, {"Token": "t2"}),
    "newrelic": ({"--key": "k", "--region": "EU"}, {"Token": "k", "Region": "EU"},
                 {"--region": "US"}, {"Region": "US"}),
    "newrelicotlp": ({"--key": "k", "--region": "US", "--url": "https://otlp.example.com"},
                     {"Token": "k", "Region": "US", "URL": "https://otlp.example.com"},
                     {"--region": "EU"}, {"Region": "EU"}),
    "openstack": (
        {"--url": "https://os.example.com", "--user": "u", "--access-key": "ak", "--bucket": "b",
         "--gzip-level": "1", **FILES},
        {"URL": "https://os.example.com", "User": "u", "AccessKey": "ak", "BucketName": "b",
         "GzipLevel": 1, **FILES_BACK},
        {"--period": "60"}, {"Period": 60}),
    "papertrail": ({"--address": "logs.papertrailapp.com", "--port": "514"},
                   {"Address": "logs.papertrailapp.com", "Port": 514},
                   {"--port": "515"}, {"Port": 515}),
    "s3": (
        {"--bucket": "b", "--iam-role": "arn:aws:iam::123456789012:role/logs",
         "--domain": "s3.eu-west-1.amazonaws.com", "--redundancy": "standard_ia",
         "--server-side-encryption": "aws:kms", "--server-side-encryption-kms-key-id": "kid",
         "--file-max-bytes": "2000000", "--compression-codec": "zstd", **FILES},
        {"BucketName": "b", "IAMRole": "arn:aws:iam::123456789012:role/logs",
         "Domain": "s3.eu-west-1.amazonaws.com", "Redundancy": "standard_ia",
         "ServerSideEncryption": "aws:kms", "ServerSideEncryptionKMSKeyID": "kid",
         "FileMaxBytes": 2000000, "CompressionCodec": "zstd", **FILES_BACK},
        {"--period": "60"}, {"Period": 60}),
    "scalyr": ({"--auth-token": "t", "--region": "EU", "--project-id": "pr"},
               {"Token": "t", "Region": "EU", "ProjectID": "pr"},
               {"--region": "US"}, {"Region": "US"}),
    "sftp": (
        {"--address": "sftp.example.com", "--user": "u", "--ssh-known-hosts": "h ssh-ed25519 A",
         "--secret-key": KEY, "--port": "2222", "--gzip-level": "3", **FILES},
        {"Address": "sftp.example.com", "User": "u", "SSHKnownHosts": "h ssh-ed25519 A",
         "SecretKey": KEY, "Port": 2222, "GzipLevel": 3, **FILES_BACK},
        {"--port": "22"}, {"Port": 22}),
    "splunk": ({"--url": "https://splunk.example.com", "--auth-token": "t", **TLS},
               {"URL": "https://splunk.example.com", "Token": "t", **TLS_BACK},
               {"--url": "https://splunk2.example.com"}, {"URL": "https://splunk2.example.com"}),
    "sumologic": ({"--url": "https://sumo.example.com", "--message-type": "logplex"},
                  {"URL": "https://sumo.example.com", "MessageType": "logplex"},
                  {"--message-type": "blank"}, {"MessageType": "blank"}),
    "syslog": (
        {"--address": "logs.example.com", "--port": "6514", "--use-tls": "", "--auth-token": "t",
         "--message-type": "loggly", **TLS},
        {"Address": "logs.example.com", "Port": 6514, "UseTLS": True, "Token": "t",
         "MessageType": "loggly", **TLS_BACK},
        {"--port": "601"}, {"Port": 601}),
}


def _flags(flags: dict[str, str]) -> list[str]:
    """`--flag=value` (values such as PEM blocks or `-1` start with a dash); bare booleans."""
    return [f"{flag}={value}" if value else flag for flag, value in flags.items()]


def _subset(described: dict[str, Any], expected: dict[str, Any]) -> dict[str, Any]:
    return {key: described.get(key, "<missing>") for key in expected}


@pytest.fixture
def logging_service(emulator: Any, tmp_path: Path) -> tuple[Cli, str]:
    """A service holding the RESPONSE condition every endpoint here refers to."""
    cli = Cli(_binary(), emulator, tmp_path)
    cli.run("service", "create", "--name", "cli-logging")
    sid = _service_id(emulator, "cli-logging")
    cli.run("service", "vcl", "condition", "create", "--service-id", sid, "--version", "1",
            "--name", "resp", "--statement", "resp.status >= 500", "--type", "RESPONSE")
    return cli, sid


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_logging_kind_round_trip(logging_service: tuple[Cli, str], kind: str) -> None:
    cli, sid = logging_service
    create, created, update, updated = KINDS[kind]
    on = ("service", "logging", kind)
    v1 = ("--service-id", sid, "--version", "1")
    name = f"cli-{kind}"

    cli.run(*on, "create", *v1, "--name", name, *_flags({**COMMON, **create}))
    table = cli.run(*on, "list", *v1).stdout
    assert name in table
    assert [e["Name"] for e in cli.json(*on, "list", *v1)] == [name]
    described = cli.json(*on, "describe", *v1, "--name", name)
    want = {"Name": name, "ServiceID": sid, "ServiceVersion": 1, **COMMON_BACK, **created}
    assert _subset(described, want) == want

    cli.run(*on, "update", *v1, "--name", name, *_flags(update))
    described = cli.json(*on, "describe", *v1, "--name", name)
    assert _subset(described, updated) == updated
    untouched = {k: v for k, v in created.items() if k not in updated}
    assert _subset(described, untouched) == untouched
    # `--placement ""` resets it to null: the CLI sends a JSON body `{"placement": null}`
    cli.run(*on, "update", *v1, "--name", name, "--placement", "")
    described = cli.json(*on, "describe", *v1, "--name", name)
    assert described["Placement"] is None and _subset(described, updated) == updated

    cli.run(*on, "update", *v1, "--name", name, "--new-name", f"{name}-2")
    assert [e["Name"] for e in cli.json(*on, "list", *v1)] == [f"{name}-2"]
    verbose = cli.run(*on, "list", *v1, "--verbose").stdout
    assert f"{name}-2" in verbose
    cli.run(*on, "delete", *v1, "--name", f"{name}-2")
    assert cli.json(*on, "list", *v1) == []
    gone = cli.run(*on, "describe", *v1, "--name", f"{name}-2", ok=False)
    assert gone.returncode == 1 and "404 Not Found" in gone.stderr


def test_every_cli_logging_kind_is_covered(tmp_path: Path) -> None:
    """The CLI's own list of logging commands is the list above: a new CLI kind fails here."""
    result = subprocess.run([_binary(), "service", "logging", "--help"], capture_output=True,
                            text=True, timeout=60, env={"HOME": str(tmp_path)})
    section = result.stderr + result.stdout
    commands = section.split("COMMANDS", 1)[1].split("SEE ALSO", 1)[0]
    offered = set(re.findall(r"^  ([a-z][a-z0-9-]*) {2,}\S", commands, re.M))
    offered -= {"debug", "insights", "log-explorer"}  # live tail and sampled logs, no config
    assert offered == set(KINDS)
