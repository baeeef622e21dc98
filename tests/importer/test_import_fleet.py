"""Importing a fleet: shared VCL written once, one variable per secret value, VCL secrets as
placeholders, and containers whose contents another system manages."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

from test_import_roundtrip import apply, assert_no_changes, config, plan_imported

from fastlysync.fastly.client import FastlyClient
from fastlysync.fastly.remote import RemoteService
from fastlysync.importer.build import ImportedService
from fastlysync.importer.run import import_services, read_many
from fastlysync.spec.model import Service

MAIN = 'sub vcl_recv {\n  set req.http.X-Fleet = "1";\n#FASTLY recv\n}\n'
TOKEN = "dd-t0ken-shared-4242"


def site(name: str, *, vcl: str = MAIN, token: str = TOKEN, snippet: str | None = None,
         **extra: Any) -> Service:
    data: dict[str, Any] = {
        "name": name, "domains": [{"name": f"{name}.example.com"}],
        "backends": [{"name": "origin", "address": f"{name}.origin.example.com"}],
        "vcls": [{"name": "main", "content": vcl, "main": True}],
        "logging_datadog": [{"name": "dd", "token": token}], **extra}
    if snippet is not None:
        data["snippets"] = [{"name": "auth", "type": "recv", "content": snippet}]
    return Service.model_validate(data)


def import_all(emulator: Any, out: Path, *targets: str, elsewhere: bool = False
               ) -> list[ImportedService]:
    async def read() -> list[tuple[str, RemoteService | Exception]]:
        async with FastlyClient(config(emulator)) as client:
            return await read_many(client, targets)
    remotes = [r for _, r in asyncio.run(read()) if isinstance(r, RemoteService)]
    done: list[ImportedService] = []

    def check(imported: ImportedService, differences: list[str]) -> None:
        assert differences == [], differences
        done.append(imported)
    import_services(remotes, out, force=False, on_done=check, elsewhere=elsewhere)
    return done


def env_of(imports: list[ImportedService]) -> dict[str, str]:
    return {s.env: s.value for imported in imports for s in imported.secrets}


def test_shared_vcl_is_written_once_and_referenced(emulator: Any, tmp_path: Path) -> None:
    for name in ("fleet-a", "fleet-b"):
        apply(emulator, tmp_path, site(name))
    apply(emulator, tmp_path, site("fleet-c", vcl=MAIN.replace('"1"', '"3"')))
    out = tmp_path / "repo"
    imports = import_all(emulator, out, "fleet-a", "fleet-b", "fleet-c")
    shared = sorted(p.relative_to(out).as_posix() for p in (out / "vcl" / "shared").rglob("*"))
    assert shared == ["vcl/shared/vcls", "vcl/shared/vcls/main.vcl"]
    assert (out / "vcl/shared/vcls/main.vcl").read_text() == MAIN
    specs = {i.name: (out / i.spec_path).read_text() for i in imports}
    assert "file: shared/vcls/main.vcl" in specs["fleet-a"]
    assert "file: shared/vcls/main.vcl" in specs["fleet-b"]
    assert "file: fleet-c/vcls/main.vcl" in specs["fleet-c"]
    written = [path for i in imports for path in i.files]
    assert len(written) == len(set(written))  # the shared file belongs to one import only
    assert_no_changes(plan_imported(emulator, out, env_of(imports)))


def test_identical_secrets_become_one_variable(emulator: Any, tmp_path: Path) -> None:
    apply(emulator, tmp_path, site("sec-a"))
    apply(emulator, tmp_path, site("sec-b"))
    apply(emulator, tmp_path, site("sec-c", token="other-t0ken-9999"))
    out = tmp_path / "repo"
    imports = import_all(emulator, out, "sec-a", "sec-b", "sec-c")
    names = {i.name: {s.env for s in i.secrets} for i in imports}
    assert names["sec-a"] == names["sec-b"]
    assert names["sec-a"] != names["sec-c"]
    assert len(env_of(imports)) == 2
    assert_no_changes(plan_imported(emulator, out, env_of(imports)))


def test_vcl_holding_a_sensitive_value_gets_the_placeholder(emulator: Any,
                                                            tmp_path: Path) -> None:
    snippet = (f'if (req.http.X-Token != "{TOKEN}") {{\n  error 403;\n}}\n'
               'set req.http.X-Literal = "${env:NOT_A_SECRET}";\n')
    apply(emulator, tmp_path, site("vclsec", snippet=snippet))
    out = tmp_path / "repo"
    [imported] = import_all(emulator, out, "vclsec")
    [env] = {s.env for s in imported.secrets}
    written = "".join((out / p).read_text() for p in imported.files)
    assert TOKEN not in written
    text = (out / "vcl/vclsec/snippets/auth.vcl").read_text()
    assert f'"${{env:{env}}}"' in text and "$${env:NOT_A_SECRET}" in text
    assert_no_changes(plan_imported(emulator, out, env_of([imported])))


def test_a_sensitive_value_in_other_fields_gets_the_placeholder(emulator: Any,
                                                                  tmp_path: Path) -> None:
    """The token a logging endpoint keeps, also in a header's source and a dictionary item
    (fields not marked sensitive): no imported file holds it, and the plan is empty."""
    extra = {"headers": [{"name": "auth", "action": "set", "type": "request",
                          "dst": "http.X-Key", "src": f'"{TOKEN}"'}],
             "dictionaries": [{"name": "keys", "items": {"k1": TOKEN}}]}
    apply(emulator, tmp_path, site("fieldsec", **extra))
    out = tmp_path / "repo"
    [imported] = import_all(emulator, out, "fieldsec")
    [env] = {s.env for s in imported.secrets}
    written = "".join((out / p).read_text() for p in imported.files)
    assert TOKEN not in written and TOKEN[:12] not in written
    assert f"src: '\"${{env:{env}}}\"'" in written and f"k1: ${{env:{env}}}" in written
    assert_no_changes(plan_imported(emulator, out, env_of([imported])))


def test_contents_elsewhere_is_offered(emulator: Any, tmp_path: Path) -> None:
    apply(emulator, tmp_path, site(
        "else", dictionaries=[{"name": "flags", "items": {"beta": "on"}}],
        acls=[{"name": "blocked", "entries": [{"ip": "192.0.2.1"}]}],
        snippets=[{"name": "waf", "type": "recv", "dynamic": True,
                   "content": "set req.http.X-Waf = \"1\";"}]))
    out = tmp_path / "repo"
    [imported] = import_all(emulator, out, "else", elsewhere=True)
    spec = (out / imported.spec_path).read_text()
    assert "manage_items: false" in spec and "manage_entries: false" in spec
    assert "manage_content: false" in spec
    assert "beta" not in spec and "192.0.2.1" not in spec and "X-Waf" not in spec
    assert "\n    content:" not in spec  # left out, not written as an empty string
    assert_no_changes(plan_imported(emulator, out, env_of([imported])))
