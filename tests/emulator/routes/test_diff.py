"""Version diffs: the real API's YAML document with every line marked."""

from __future__ import annotations

from typing import Any

from fastlysync.emulator.routes.diff import dump, marked_lines


def test_dump_sorts_keys_name_first_and_spells_null_as_nothing() -> None:
    data = {"b": [{"z": 1, "name": "web", "a": None}], "a": "", "c": [], "d": {"x": True}}
    assert dump(data) == [
        "a: ''", "b:", "- name: web", "  a:", "  z: 1", "c: []", "d:", "  x: true"]
    assert dump({"port": "80", "host": "10.0.0.1", "vcl": "a\nb"}) == [
        "host: 10.0.0.1", "port: '80'", "vcl: |-", "  a", "  b"]


def test_marked_lines_show_the_whole_document() -> None:
    assert marked_lines(["a", "b", "c"], ["a", "x", "c"]) == [" a", "-b", "+x", " c"]


def test_diff_between_versions(emulator: Any) -> None:
    client = emulator.client()
    sid = emulator.create_service("diffed")["id"]
    assert client.put(f"/service/{sid}/version/1/clone").is_success
    client.post(f"/service/{sid}/version/2/backend",
                data={"name": "origin", "address": "origin.example.com"})
    same = client.get(f"/service/{sid}/diff/from/1/to/1").json()
    assert same["from"] == "1" and same["to"] == "1" and same["format"] == "text"
    assert all(line.startswith(" ") for line in same["diff"].splitlines())
    assert " backends: []" in same["diff"].splitlines()
    changed = client.get(f"/service/{sid}/diff/from/1/to/2").json()["diff"].splitlines()
    assert "-backends: []" in changed and "+backends:" in changed
    assert "+- name: origin" in changed and "+  address: origin.example.com" in changed
    assert not any("created_at" in line or "service_id: " in line[3:] for line in changed[1:])
    html = client.get(f"/service/{sid}/diff/from/1/to/2", params={"format": "html"}).json()
    assert '<span class="added">+backends:</span>' in html["diff"]
    bad = client.get(f"/service/{sid}/diff/from/1/to/2", params={"format": "pdf"})
    assert bad.status_code == 400
    assert client.get(f"/service/{sid}/diff/from/1/to/9").status_code == 404
