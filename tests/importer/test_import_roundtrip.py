"""Import round-trips: seed a service through the API, import it, set the env vars to the real
secret values, plan -> no changes. For every kind, and for a service holding all of them."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import pytest

from fastlysync.apply.run import apply_all
from fastlysync.fastly.client import FastlyClient
from fastlysync.fastly.config import ClientConfig
from fastlysync.fastly.remote import RemoteService
from fastlysync.importer.build import ImportedService
from fastlysync.importer.run import import_services, read_many
from fastlysync.kinds import KINDS, Kind
from fastlysync.kinds.product_enablement import PRODUCTS, SETTINGS
from fastlysync.kinds.stores import is_dynamic, store_for
from fastlysync.kinds.wire import to_form
from fastlysync.plan.build import plan_all
from fastlysync.plan.model import Plan
from fastlysync.plan.samples import sample_service
from fastlysync.spec import load_specs
from fastlysync.spec.loader import LoadedService
from fastlysync.spec.model import ServiceBase


def config(emulator: Any) -> ClientConfig:
    return ClientConfig(token=emulator.token, endpoint=emulator.url, backoff=0.001,
                        backoff_cap=0.01)


def apply(emulator: Any, root: Path, service: ServiceBase) -> str:
    # one spec file per service: a file's next service would be a rename (plan/renames.py)
    loaded = LoadedService(service=service, path=root / f"{service.name}.yaml", environment=None,
                           secrets=frozenset(), root=root)

    async def run() -> str:
        async with FastlyClient(config(emulator)) as client:
            plan, planned = await plan_all(client, [loaded])
            assert not plan.errors, plan.errors
            [outcome] = await apply_all(client, planned)
            assert outcome.ok, outcome.message
            return str(outcome.service_id)
    return asyncio.run(run())


def import_to(emulator: Any, out: Path, *targets: str) -> list[ImportedService]:
    async def read() -> list[tuple[str, RemoteService | Exception]]:
        async with FastlyClient(config(emulator)) as client:
            return await read_many(client, targets)
    remotes = []
    for target, remote in asyncio.run(read()):
        assert isinstance(remote, RemoteService), (target, remote)
        remotes.append(remote)
    done: list[ImportedService] = []

    def check(imported: ImportedService, differences: list[str]) -> None:
        assert differences == [], differences
        done.append(imported)
    import_services(remotes, out, force=False, on_done=check)
    return done


def secret_env(imported: ImportedService, seeded: ServiceBase) -> dict[str, str]:
    """Each placeholder's variable set to the value the seed really used."""
    env = {}
    for secret in imported.secrets:
        kind = KINDS[secret.kind]
        obj = next(o for o in seeded.objects(kind)
                   if kind.singleton or o.name == secret.object)  # type: ignore[attr-defined]
        env[secret.env] = getattr(obj, secret.field)
    return env


def plan_imported(emulator: Any, out: Path, env: dict[str, str]) -> Plan:
    loaded = load_specs(root=out, env=env)
    assert not loaded.errors, [str(e) for e in loaded.errors]

    async def run() -> Plan:
        async with FastlyClient(config(emulator)) as client:
            return (await plan_all(client, loaded.services))[0]
    return asyncio.run(run())


def assert_no_changes(plan: Plan) -> None:
    assert not plan.errors, plan.errors
    changed = {s.name: [f"{c.action} {c.label} {[f.field for f in c.fields]}"
                        for c in [*s.changes, *s.versionless]]
               for s in plan.services if s.has_changes}
    assert not changed, changed


@pytest.mark.parametrize("variant", [0, 1])
def test_service_with_every_kind_round_trips(emulator: Any, tmp_path: Path,
                                             variant: int) -> None:
    seeded = sample_service("everything", variant)
    apply(emulator, tmp_path, seeded)
    out = tmp_path / "repo"
    [imported] = import_to(emulator, out, "everything")
    assert {s.kind for s in imported.secrets} == {k.name for k in KINDS.values() if k.sensitive}
    assert_no_changes(plan_imported(emulator, out, secret_env(imported, seeded)))
    written = "".join((out / p).read_text() for p in imported.files)
    for kind in KINDS.values():
        for obj in seeded.objects(kind):
            for name in kind.sensitive:
                value = getattr(obj, name)
                if value:
                    assert value not in written, (kind.name, name)


@pytest.mark.parametrize("kind_name", list(KINDS))
def test_each_kind_seeded_over_raw_http_round_trips(emulator: Any, tmp_path: Path,
                                                    kind_name: str) -> None:
    """Objects created the way the console or the Fastly CLI would: form posts on a draft,
    then items, entries and dynamic content through their own endpoints, then activate.
    The version has no fastlysync marker."""
    kind = KINDS[kind_name]
    seeded = sample_service(f"raw-{kind.name}".replace("_", "-"), 0, kinds=[kind])
    sid = seed_over_http(emulator, seeded)
    out = tmp_path / "repo"
    [imported] = import_to(emulator, out, sid)
    assert imported.id == sid
    assert_no_changes(plan_imported(emulator, out, secret_env(imported, seeded)))


def seed_over_http(emulator: Any, service: ServiceBase) -> str:
    http = emulator.client()
    sid = emulator.create_service(service.name)["id"]
    base = f"/service/{sid}/version/1"
    for kind in KINDS.values():  # registry order: referenced kinds first
        for obj in service.objects(kind):
            fields = obj.model_dump(exclude=set(kind.spec_only))
            if kind.access != "standard":
                seed_extra(http, sid, base, kind, fields)
                continue
            if kind.singleton:
                http.put(f"{base}/{kind.api_path}", data=to_form(kind, fields)
                         ).raise_for_status()
                continue
            created = http.post(f"{base}/{kind.api_path}", data=to_form(kind, fields))
            assert created.status_code == 200, (kind.name, created.text)
            seed_detached(http, sid, base, kind, obj, created.json())
    http.put(f"{base}/activate").raise_for_status()
    return str(sid)


def seed_extra(http: Any, sid: str, base: str, kind: Kind, fields: dict[str, Any]) -> None:
    """Kinds with their own endpoints, written as the console or the CLI would."""
    if kind.access == "presence":
        if fields["enabled"]:
            http.post(f"{base}/{kind.api_path}").raise_for_status()
    elif kind.access == "json_patch":
        http.patch(f"{base}/{kind.api_path}", json=fields).raise_for_status()
    elif kind.access == "by_id":  # go-fastly's form: lists as key[], objects as key[sub]
        form: list[tuple[str, str]] = []
        for key, value in fields.items():
            if isinstance(value, list):
                form += [(f"{key}[]", str(v)) for v in value]
            elif isinstance(value, dict):
                form += [(f"{key}[{sub}]", str(v)) for sub, v in value.items()]
            elif value is not None:
                form.append((key, str(value)))
        http.post(f"{base}/{kind.api_path}", content=urlencode(form), headers={
            "content-type": "application/x-www-form-urlencoded"}).raise_for_status()
    else:
        for product in PRODUCTS:
            if not fields[product]:
                continue
            path = f"/enabled-products/v1/{product}/services/{sid}"
            body = {"workspace_id": fields["ngwaf_workspace_id"]} if product == "ngwaf" else {}
            http.put(path, json=body).raise_for_status()
            config = {key: str(fields[f]) for f, (p, key) in SETTINGS.items()
                      if p == product and fields[f] is not None}
            if config:
                http.patch(f"{path}/configuration", json=config).raise_for_status()


def seed_detached(http: Any, sid: str, base: str, kind: Kind, obj: Any,
                  created: dict[str, Any]) -> None:
    for field in sorted(kind.detached):
        value = getattr(obj, field)
        store = store_for(kind, field)
        if store.versioned:
            for member in value:
                http.post(f"{base}/{kind.api_path}/{obj.name}/backend/{member}"
                          ).raise_for_status()
        elif store.shape == "map":
            http.patch(f"/service/{sid}/{kind.api_path}/{created['id']}/{store.endpoint}", json={
                store.endpoint: [{"op": "upsert", "item_key": k, "item_value": v}
                        for k, v in value.items()]}).raise_for_status()
        else:
            for record in value:
                data = {k: v for k, v in record.model_dump().items() if v is not None}
                data["negated"] = int(data.get("negated", False))
                http.post(f"/service/{sid}/{kind.api_path}/{created['id']}/entry",
                          json=data).raise_for_status()
    if is_dynamic(kind, obj):
        http.put(f"/service/{sid}/{kind.api_path}/{created['id']}",
                 data={"content": obj.content}).raise_for_status()


def test_write_only_dictionary_imports_without_items(emulator: Any, tmp_path: Path) -> None:
    seeded = sample_service("hidden", 0, kinds=[KINDS["dictionary"]])
    seeded = seeded.model_copy(update={"dictionaries": [
        d.model_copy(update={"write_only": True}) for d in seeded.dictionaries]})  # type: ignore[attr-defined]
    apply(emulator, tmp_path, seeded)
    out = tmp_path / "repo"
    [imported] = import_to(emulator, out, "hidden")
    assert any("write-only" in note for note in imported.notes)
    assert_no_changes(plan_imported(emulator, out, {}))


def test_awkward_names_become_safe_file_names(emulator: Any, tmp_path: Path) -> None:
    from fastlysync.spec.model import Service

    seeded = Service.model_validate({
        "name": "Odd / Name", "domains": [{"name": "odd.example.com"}],
        "snippets": [{"name": "../escape", "type": "recv", "content": "set req.http.A = \"1\";\n"},
                     {"name": "Same", "type": "deliver", "content": "set resp.http.B = \"2\";\n"},
                     {"name": "same", "type": "fetch", "content": "set beresp.http.C = \"3\";\n"}],
    })
    apply(emulator, tmp_path, seeded)
    out = tmp_path / "repo"
    [imported] = import_to(emulator, out, "Odd / Name")
    names = sorted(str(p) for p in imported.files)
    assert names[0] == "services/Odd-Name.yaml"
    snippets = [n.rsplit("/", 1)[1] for n in names[1:]]
    assert all(n.startswith("vcl/Odd-Name/snippets/") for n in names[1:])
    assert "escape.vcl" in snippets and len({n.lower() for n in snippets}) == 3
    for path in imported.files:
        assert (out / path).resolve().is_relative_to(out.resolve())
    assert_no_changes(plan_imported(emulator, out, {}))
