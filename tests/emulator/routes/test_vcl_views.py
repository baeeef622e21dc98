"""Custom VCL as a download, as content, the boilerplate, lint and the VCL diff (real wire)."""

from __future__ import annotations

from typing import Any

from fastlysync.emulator.routes.vcl_views import BOILERPLATE
from fastlysync.vcl.parser import parse

MAIN = 'sub vcl_recv {\n#FASTLY recv\n  set req.http.X-View = "1";\n}\n'


def _service_with_vcl(emulator: Any) -> tuple[Any, str]:
    client = emulator.client()
    sid = emulator.create_service("views")["id"]
    created = client.post(f"/service/{sid}/version/1/vcl",
                          data={"name": "main", "content": MAIN, "main": "1"})
    assert created.status_code == 200, created.text
    return client, sid


def test_download_and_content(emulator: Any) -> None:
    client, sid = _service_with_vcl(emulator)
    raw = client.get(f"/service/{sid}/version/1/vcl/main/download")
    assert raw.status_code == 200 and raw.text == MAIN
    assert raw.headers.get_list("content-type") == ["text/plain; charset=utf-8"]
    assert raw.headers["content-disposition"] == 'attachment; filename="main.vcl"'
    content = client.get(f"/service/{sid}/version/1/vcl/main/content")
    assert content.json() == {"content": MAIN}
    missing = client.get(f"/service/{sid}/version/1/vcl/other/download")
    assert missing.status_code == 404 and "Couldn't find" in missing.json()["detail"]
    assert client.get(f"/service/{sid}/version/7/vcl/main/content").status_code == 404
    other = emulator.client(emulator.other_token)
    assert other.get(f"/service/{sid}/version/1/vcl/main/download").status_code in (400, 404)


def test_boilerplate_has_every_macro_and_parses(emulator: Any) -> None:
    client, sid = _service_with_vcl(emulator)
    answer = client.get(f"/service/{sid}/version/1/boilerplate")
    assert answer.status_code == 200 and answer.text == BOILERPLATE
    for sub in ("recv", "hash", "hit", "miss", "pass", "fetch", "error", "deliver", "log"):
        assert f"sub vcl_{sub} {{\n" in BOILERPLATE and f"#FASTLY {sub}\n" in BOILERPLATE
    hash_sub = BOILERPLATE.split("sub vcl_hash {")[1].split("}")[0]
    assert hash_sub.index("req.http.host") < hash_sub.index("#FASTLY hash")
    result = parse(BOILERPLATE, "boilerplate.vcl", mode="file")
    assert [d for d in result.diagnostics if d.severity == "error"] == []


def test_lint_reports_syntax_errors_in_fastly_words(emulator: Any) -> None:
    client, sid = _service_with_vcl(emulator)
    good = client.post("/vcl_lint", json={"vcl": MAIN}).json()["data"]
    assert good["type"] == "validator_result"
    assert good["attributes"] == {"msg": None, "status": "ok", "errors": [], "warnings": [],
                                  "messages": []}
    bad = client.post(f"/service/{sid}/lint",
                      json={"vcl": "sub vcl_recv {\n  set req.http.X = ;\n}\n"}).json()
    attributes = bad["data"]["attributes"]
    assert attributes["status"] == "error" and len(attributes["errors"]) == 1
    assert attributes["errors"][0].startswith("Syntax error: ")
    assert "(input Line 2 Pos" in attributes["errors"][0]
    assert attributes["messages"][0]["message"] == attributes["errors"][0]
    assert client.post("/vcl_lint", json={"content": MAIN}).status_code == 400
    assert client.post("/service/nope/lint", json={"vcl": MAIN}).status_code == 400
    emulator.admin.reset_counters()
    client.post("/vcl_lint", json={"vcl": MAIN})
    assert emulator.admin.counters()["requests"]["POST vcl_lint"] == 1


def test_vcl_diff_compares_generated_vcl(emulator: Any) -> None:
    client, sid = _service_with_vcl(emulator)
    assert client.put(f"/service/{sid}/version/1/clone").is_success
    client.post(f"/service/{sid}/version/2/backend",
                data={"name": "origin", "address": "origin.example.com"})
    diff = client.get(f"/service/{sid}/vcl/diff/from/1/to/2").json()
    assert diff["from"] == "1" and diff["to"] == "2" and diff["format"] == "text"
    lines = diff["diff"].splitlines()
    assert "+backend F_origin {" in lines and '+  .host = "origin.example.com";' in lines
    assert "   set req.http.X-View = \"1\";" in lines  # unchanged custom VCL
    html = client.get(f"/service/{sid}/vcl/diff/from/1/to/2",
                      params={"format": "html_simple"}).json()["diff"]
    assert '<span class="added">+backend F_origin {</span>' in html
    assert client.get(f"/service/{sid}/vcl/diff/from/1/to/2",
                      params={"format": "pdf"}).status_code == 400
    assert client.get(f"/service/{sid}/vcl/diff/from/1/to/5").status_code == 404


def test_download_type_in_process(client: Any) -> None:
    """The in-process transport sends the same single content type as the server."""
    sid = client.post("/service", data={"name": "inproc"}).json()["id"]
    client.post(f"/service/{sid}/version/1/vcl", data={"name": "main", "content": MAIN})
    raw = client.get(f"/service/{sid}/version/1/vcl/main/download")
    assert raw.headers.get_list("content-type") == ["text/plain; charset=utf-8"]
    assert raw.text == MAIN
