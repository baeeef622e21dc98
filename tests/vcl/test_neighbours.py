"""The files beside a VCL file linted alone: found below its folder, bounded, sub names only."""

from __future__ import annotations

from pathlib import Path

import pytest

from fastlysync.vcl import neighbours
from fastlysync.vcl.neighbours import neighbour_files, sub_names


def test_neighbours_skip_hidden_test_and_linted_files(tmp_path: Path) -> None:
    for rel in ("a.vcl", "b.vcl", "sub/c.vcl", ".git/d.vcl", "node_modules/e.vcl",
                "a.test.vcl", "notes.txt"):
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        stem = Path(rel).stem.replace(".", "_")
        (tmp_path / rel).write_text(f"sub x_{stem} {{\n}}\n")
    found = neighbour_files([tmp_path / "a.vcl"], {tmp_path / "a.vcl"}, ".test.vcl")
    assert sorted(p.relative_to(tmp_path).as_posix() for p in found) == ["b.vcl", "sub/c.vcl"]
    assert sub_names(found) == {"x_b", "x_c"}


def test_the_walk_is_bounded(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    deep = tmp_path
    for i in range(6):
        deep = deep / f"d{i}"
        deep.mkdir()
        (deep / f"f{i}.vcl").write_text(f"sub s{i} {{\n}}\n")
    (tmp_path / "main.vcl").write_text("sub vcl_recv {\n}\n")
    monkeypatch.setattr(neighbours, "MAX_FOLDERS", 3)  # the top folder, d0, d1
    found = neighbour_files([tmp_path / "main.vcl"], set(), ".test.vcl")
    assert sorted(p.name for p in found) == ["f0.vcl", "f1.vcl", "main.vcl"]
    monkeypatch.setattr(neighbours, "MAX_FILES", 2)
    assert len(neighbour_files([tmp_path / "main.vcl"], set(), ".test.vcl")) == 2


def test_sub_names_reads_only_sub_lines(tmp_path: Path) -> None:
    f = tmp_path / "x.vcl"
    f.write_text('# sub commented {\nsub real_one {\n  set req.http.X = "sub nope";\n}\n'
                 "  sub indented BOOL {\n  return true;\n}\n")
    assert sub_names([f, tmp_path / "missing.vcl"]) == {"real_one", "indented"}


def test_scan_finds_wanted_names_used_outside_comments_and_definitions(tmp_path: Path) -> None:
    from fastlysync.vcl.neighbours import scan

    f = tmp_path / "main.vcl"
    f.write_text('# call in_a_comment;\nsub vcl_recv {\n  call recv_news; /* other_sub */\n'
                 '  set req.http.X = table.lookup(hosts, req.http.host);\n}\n'
                 'table defined_here {\n}\n')
    (tmp_path / "top.vcl").write_text(
        'include "main";\ninclude "end.vcl";\nsub vcl_recv {\n#FASTLY recv\n  # #FASTLY log\n}\n')
    wanted = frozenset({"recv_news", "hosts", "in_a_comment", "defined_here", "vcl_recv",
                        "host", "absent"})
    beside = scan([f, tmp_path / "top.vcl", tmp_path / "missing.vcl"], wanted)
    assert beside.subs == {"vcl_recv"}
    # `host` only occurs inside `req.http.host`, `defined_here` only where it is defined.
    assert beside.used == {"recv_news", "hosts"}
    assert beside.included == {"main", "end"}
    assert beside.macros == {"vcl_recv"}


def test_vcl_root_climbs_only_folders_holding_vcl(tmp_path: Path) -> None:
    from fastlysync.vcl.neighbours import vcl_root

    (tmp_path / "a" / "b" / "c").mkdir(parents=True)
    (tmp_path / "a" / "top.vcl").write_text("")
    (tmp_path / "a" / "b" / "mid.vcl").write_text("")
    c = tmp_path / "a" / "b" / "c"
    assert vcl_root(c, 0) == c
    assert vcl_root(c, 1) == tmp_path / "a" / "b"
    assert vcl_root(c, 2) == tmp_path / "a"
    assert vcl_root(c, 5) == tmp_path / "a"  # tmp_path holds no .vcl file: the climb stops
