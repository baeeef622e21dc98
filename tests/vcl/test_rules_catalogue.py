"""The committed catalogue: credited to falco, and holding the facts the rules rely on."""

from __future__ import annotations

import json

from fastlysync.vcl.catalogue import DATA_PATH, SCOPE_BIT, load


def test_header_credits_falco_and_licence_ships() -> None:
    data = json.loads(DATA_PATH.read_text())
    assert "falco" in data["_header"] and "MIT" in data["_header"]
    licence = DATA_PATH.with_name("LICENSE.falco").read_text()
    assert "MIT License" in licence and "Yoshiaki Sugimoto" in licence


def test_variable_facts() -> None:
    cat = load()
    ttl = cat.variable("beresp.ttl")
    assert ttl is not None and ttl.type == "RTIME"
    assert ttl.write == SCOPE_BIT["FETCH"] and ttl.read == SCOPE_BIT["FETCH"]
    status = cat.variable("obj.status")
    assert status is not None and status.write == SCOPE_BIT["ERROR"]
    assert status.read & SCOPE_BIT["HIT"]
    header = cat.variable("req.http.Cookie:session")
    assert header is not None and header.type == "STRING" and header.unset
    assert cat.variable("backend.F_origin.healthy").type == "BOOL"  # type: ignore[union-attr]
    assert cat.variable("ratecounter.rc.rate.10s") is not None
    assert cat.variable("re.group.3") is not None
    assert cat.variable("req.nonsense") is None
    restarts = cat.variable("req.restarts")
    assert restarts is not None and restarts.write == 0


def test_function_facts() -> None:
    cat = load()
    lookup = cat.function("table.lookup")
    assert lookup is not None and lookup.return_type == "STRING"
    assert set(lookup.overloads) == {("TABLE", "STRING", "STRING"), ("TABLE", "STRING")}
    tarpit = cat.function("resp.tarpit")
    assert tarpit is not None and tarpit.scopes == SCOPE_BIT["DELIVER"]
    assert cat.function("std.nonsense") is None
    assert len(cat.function_names()) > 190 and len(cat.variable_names()) > 470


def test_querystring_sort_takes_only_unique_keys() -> None:
    """Fastly's reference: `querystring.sort(url, true)` (and its alias) filter repeated keys."""
    from fastlysync.vcl.lint import lint_source

    for name in ("querystring.sort", "boltsort.sort"):
        assert set(load().function(name).overloads) == {  # type: ignore[union-attr]
            ("STRING",), ("STRING", "BOOL")}
        text = (f"sub vcl_recv {{\n#FASTLY recv\n  set req.url = {name}(req.url, true);\n"
                f"  set req.url = {name}(req.url);\n}}\n")
        assert [d.code for d in lint_source(text, "t.vcl")] == []
        bad = text.replace("req.url, true", 'req.url, true, "x"')
        assert any(d.severity == "error" for d in lint_source(bad, "t.vcl"))
