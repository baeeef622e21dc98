"""Generated VCL: backends, tables, ACLs and snippets rendered into the main VCL."""

from __future__ import annotations

from typing import Any

MAIN = "sub vcl_recv {\n#FASTLY recv\n  return(lookup);\n}\n"


def test_generated_vcl_renders_the_version(emulator: Any) -> None:
    client = emulator.client()
    sid = emulator.create_service("gen")["id"]
    base = f"/service/{sid}/version/1"
    client.post(f"{base}/backend", data={"name": "my origin", "address": "o.example.com",
                                         "port": "8443"})
    dictionary = client.post(f"{base}/dictionary", data={"name": "redirects"}).json()
    client.put(f"/service/{sid}/dictionary/{dictionary['id']}/item/k", data={"item_value": "v"})
    acl = client.post(f"{base}/acl", data={"name": "blocked"}).json()
    client.post(f"/service/{sid}/acl/{acl['id']}/entry", data={"ip": "192.0.2.0", "subnet": 24,
                                                               "negated": "1"})
    client.post(f"{base}/snippet", data={"name": "late", "type": "recv", "priority": "200",
                                         "content": "set req.http.Late = \"1\";"})
    client.post(f"{base}/snippet", data={"name": "early", "type": "recv", "priority": "10",
                                         "content": "set req.http.Early = \"1\";"})
    answer = client.get(f"{base}/generated_vcl").json()
    assert answer["main"] is True and answer["version"] == 1 and answer["service_id"] == sid
    content = answer["content"]
    assert 'backend F_my_origin {\n  .host = "o.example.com";\n  .port = "8443";' in content
    assert 'table redirects {\n  "k": "v",\n}' in content
    assert 'acl blocked {\n  !"192.0.2.0"/24;\n}' in content
    recv = content[content.index("sub vcl_recv"):]
    assert recv.index("#FASTLY recv") < recv.index("Early") < recv.index("Late")
    assert "sub vcl_deliver {\n#FASTLY deliver\n}" in content  # no custom VCL: defaults

    client.post(f"{base}/vcl", data={"name": "main", "content": MAIN, "main": "true"})
    content = client.get(f"{base}/generated_vcl").json()["content"]
    assert "return(lookup);" in content and "vcl_deliver" not in content
    assert client.get(f"{base}/generated_vcl/content").json()["content"] == content
    assert client.get(f"/service/{sid}/version/7/generated_vcl").status_code == 404
