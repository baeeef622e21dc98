"""`fastlysync import` against the emulator: files written, secrets as placeholders with a
note, then `plan` shows no changes once the variables are set; bad input is one line."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from cli_support import invoke, write_repo

SHOP = """name: shop
domains:
  - name: shop.example.com
backends:
  - name: origin
    address: origin.example.com
    port: 443
    use_ssl: true
vcls:
  - name: main
    file: main.vcl
    main: true
snippets:
  - name: recv_flags
    type: recv
    content: |
      set req.http.X-Flags = "1";
logging_s3:
  - name: archive
    bucket_name: shop-logs
    access_key: ${env:SEED_ACCESS}
    secret_key: ${env:SEED_SECRET}
"""
MAIN = "sub vcl_recv {\n#FASTLY recv\n  return(lookup);\n}\n"
SECRETS = {"SEED_ACCESS": "AKIA-seed-access", "SEED_SECRET": "seed-secret-value-42"}


@pytest.fixture
def seeded(emulator: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A repo whose spec was applied, so the live service exists."""
    seed = write_repo(tmp_path / "seed", {"services/shop.yaml": SHOP, "vcl/main.vcl": MAIN})
    monkeypatch.chdir(seed)
    result = invoke(emulator, "apply", "--auto-approve", env=SECRETS)
    assert result.exit_code == 0, result.stderr
    target = tmp_path / "imported"
    target.mkdir()
    monkeypatch.chdir(target)
    return target


def test_import_then_plan_shows_no_changes(emulator: Any, seeded: Path) -> None:
    result = invoke(emulator, "import", "shop")
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith("imported shop (") and "and 2 VCL file(s)" in lines[0]
    assert lines[1:] == ["  set SHOP_ARCHIVE_ACCESS_KEY (logging_s3 archive.access_key)",
                         "  set SHOP_ARCHIVE_SECRET_KEY (logging_s3 archive.secret_key)"]
    spec = (seeded / "services" / "shop.yaml").read_text()
    assert "secret_key: ${env:SHOP_ARCHIVE_SECRET_KEY}" in spec
    assert "#   SHOP_ARCHIVE_SECRET_KEY  (logging_s3 archive.secret_key)" in spec
    assert (seeded / "vcl" / "shop" / "vcls" / "main.vcl").read_text() == MAIN
    everything = result.output + "".join(p.read_text() for p in seeded.rglob("*") if p.is_file())
    assert not any(value in everything for value in SECRETS.values())

    unset = invoke(emulator, "plan")
    assert unset.exit_code == 1
    assert "environment variable SHOP_ARCHIVE_ACCESS_KEY is not set" in unset.stderr
    env = {"SHOP_ARCHIVE_ACCESS_KEY": SECRETS["SEED_ACCESS"],
           "SHOP_ARCHIVE_SECRET_KEY": SECRETS["SEED_SECRET"]}
    planned = invoke(emulator, "plan", "--detailed-exitcode", env=env)
    assert planned.exit_code == 0, planned.stdout + planned.stderr
    assert planned.stdout.splitlines()[-1] == "No changes. 1 service(s) in step."
    assert invoke(emulator, "validate", env=env).exit_code == 0
    assert invoke(emulator, "lint").exit_code == 0


def test_import_by_id_and_json(emulator: Any, seeded: Path) -> None:
    sid = emulator.client().get("/service/search", params={"name": "shop"}).json()["id"]
    result = invoke(emulator, "import", sid, "--out", "elsewhere", "--format", "json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    [service] = data["services"]
    assert (service["name"], service["id"], service["version"]) == ("shop", sid, 1)
    assert service["differences"] == [] and data["ok"] is True
    assert [e["name"] for e in service["env"]] == ["SHOP_ARCHIVE_ACCESS_KEY",
                                                   "SHOP_ARCHIVE_SECRET_KEY"]
    assert (seeded / "elsewhere" / "services" / "shop.yaml").is_file()


def test_import_all(emulator: Any, seeded: Path) -> None:
    emulator.create_service("empty-one")
    result = invoke(emulator, "import", "--all")
    assert result.exit_code == 0, result.stderr
    assert sorted(p.name for p in (seeded / "services").iterdir()) == ["empty-one.yaml",
                                                                       "shop.yaml"]
    assert "note: no version is active; imported version 1, the newest" in result.stdout


def test_existing_files_need_force(emulator: Any, seeded: Path) -> None:
    assert invoke(emulator, "import", "shop").exit_code == 0
    again = invoke(emulator, "import", "shop")
    assert again.exit_code == 1
    assert again.stderr == (f"fastlysync: {seeded / 'services' / 'shop.yaml'} exists "
                            "(and 2 more); use --force to overwrite\n")
    assert invoke(emulator, "import", "shop", "--force").exit_code == 0


@pytest.mark.parametrize(("args", "message"), [
    (("nosuch",), "fastlysync: service nosuch: no service named or with id 'nosuch'\n"),
    ((), "fastlysync: give SERVICE_ID_OR_NAME (one or more) or --all\n"),
    (("shop", "--all"), "fastlysync: give SERVICE_ID_OR_NAME (one or more) or --all\n"),
])
def test_bad_arguments(emulator: Any, seeded: Path, args: tuple[str, ...], message: str) -> None:
    result = invoke(emulator, "import", *args)
    assert result.exit_code == 1
    assert result.stderr == message
    assert not (seeded / "services").exists()


def test_one_unknown_service_does_not_stop_the_others(emulator: Any, seeded: Path) -> None:
    result = invoke(emulator, "import", "nosuch", "shop")
    assert result.exit_code == 1
    assert (seeded / "services" / "shop.yaml").is_file()


def test_revoked_token(emulator: Any, seeded: Path) -> None:
    result = invoke(emulator, "import", "shop", token="revoked-token-abcdef")
    assert result.exit_code == 1
    [line] = result.stderr.splitlines()
    assert line.startswith("fastlysync: service shop: ") and "401" in line
    assert "revoked-token-abcdef" not in result.output


def test_service_declared_by_an_existing_spec_needs_force(emulator: Any, seeded: Path) -> None:
    seed = seeded.parent / "seed"
    (seed / "services" / "shop.yaml").rename(seed / "services" / "storefront.yaml")
    result = invoke(emulator, "import", "shop", "--out", str(seed), env=SECRETS)
    assert result.exit_code == 1
    assert result.stderr.startswith("fastlysync: service shop is already declared in ")
    assert result.stderr.rstrip().endswith(
        "storefront.yaml; use --force to write another spec for it")
    assert not (seed / "vcl" / "shop").exists()


def test_a_hostile_live_name_cannot_forge_output_lines(emulator: Any, tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    """A service named with a line break and an escape sequence (made in the console or by
    another tool): every line import prints stays one line, with neither spelt raw."""
    hostile = "evil\x1b[31mred\n::error::forged"
    created = emulator.client().post("/service", data={"name": hostile, "type": "vcl"})
    assert created.status_code == 200
    monkeypatch.chdir(tmp_path)
    result = invoke(emulator, "import", created.json()["id"])
    for line in (result.stdout + result.stderr).splitlines():
        assert not line.startswith("::") and "\x1b" not in line, line
    assert "evil\\u001b[31mred\\u000a::error::forged" in result.stdout + result.stderr
