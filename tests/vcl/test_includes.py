"""Includes in standalone lint: include-only main VCLs, cycles, files linted together."""

from __future__ import annotations

from pathlib import Path

from fastlysync.vcl.lint import guess_mode, lint_paths, lint_source


def _write(folder: Path, **files: str) -> None:
    for name, text in files.items():
        (folder / name).write_text(text)


RECV = 'sub vcl_recv {\n#FASTLY recv\n  set req.http.X = "1";\n  return(lookup);\n}\n'


def test_a_main_vcl_of_only_includes_is_a_main_vcl(tmp_path: Path) -> None:
    main = '# the service\ninclude "recv";\ninclude "deliver.vcl";\n'
    assert guess_mode(main) == "file"
    _write(tmp_path, **{"main.vcl": main, "recv.vcl": RECV,
                        "deliver.vcl": "sub vcl_deliver {\n#FASTLY deliver\n}\n"})
    result = lint_paths([tmp_path / "main.vcl"], vcl_dirs=[tmp_path])
    assert result.diagnostics == []
    # ... and the included files are still checked, at their own lines.
    (tmp_path / "recv.vcl").write_text(RECV.replace('"1"', "1"))
    found = lint_paths([tmp_path / "main.vcl"], vcl_dirs=[tmp_path]).diagnostics
    assert [(Path(d.path).name, d.line, d.code) for d in found] == [("recv.vcl", 3, "VCL404")]


def test_include_cycle_names_the_chain_and_both_files_are_linted(tmp_path: Path) -> None:
    _write(tmp_path, **{"a.vcl": 'include "b";\n' + RECV.replace('"1"', "1"),
                        "b.vcl": 'include "a";\nsub helper {\n  set req.http.Y = 2;\n}\n'})
    result = lint_paths([tmp_path], vcl_dirs=[tmp_path])
    found = {(Path(d.path).name, d.line, d.code, d.message) for d in result.diagnostics
             if d.severity == "error"}
    assert ("a.vcl", 1, "VCL508", "include cycle: b.vcl -> a.vcl -> b.vcl") in found
    assert ("b.vcl", 1, "VCL508", "include cycle: a.vcl -> b.vcl -> a.vcl") in found
    assert ("a.vcl", 4, "VCL404", "cannot assign an INTEGER literal to req.http.X (STRING)") \
        in found
    assert any(f[0] == "b.vcl" and f[2] == "VCL404" for f in found)
    assert result.files == 2


def test_a_file_including_itself_inside_a_sub_does_not_hang(tmp_path: Path) -> None:
    _write(tmp_path, **{"r.vcl": 'sub vcl_recv {\n#FASTLY recv\n  include "c";\n}\n',
                        "c.vcl": 'include "c";\n'})
    found = lint_paths([tmp_path / "r.vcl"], vcl_dirs=[tmp_path]).diagnostics
    assert [(Path(d.path).name, d.code, d.message) for d in found] == [
        ("c.vcl", "VCL508", "include cycle: c.vcl -> c.vcl")]
    assert [d.code for d in lint_source('include "self";\n', "self.vcl")] == ["VCL508"]


def test_subs_defined_in_files_linted_together_are_not_undefined(tmp_path: Path) -> None:
    # Files a build step concatenates (fingerprintjs' Fastly VCL integration does).
    _write(tmp_path, **{"index.vcl": "sub vcl_recv {\n#FASTLY recv\n  call route;\n}\n",
                        "routing.vcl": "sub route {\n  set req.http.R = \"1\";\n}\n"})
    together = lint_paths([tmp_path], vcl_dirs=[tmp_path])
    assert together.errors == 0
    assert "VCL504" not in {d.code for d in together.diagnostics}  # called from index.vcl
    # Alone, index.vcl may still call what its neighbour defines ...
    assert lint_paths([tmp_path / "index.vcl"], vcl_dirs=[tmp_path]).errors == 0
    # ... but not a sub that no file beside it defines.
    (tmp_path / "routing.vcl").unlink()
    assert lint_paths([tmp_path / "index.vcl"], vcl_dirs=[tmp_path]).errors == 1


MAIN_WITH_TABLE_INCLUDE = ('include "blocklist";\n\nsub vcl_recv {\n#FASTLY recv\n'
                           '  if (table.contains(blocklist, req.url.path)) {\n    error 403;\n  }\n'
                           '  call normalise;\n}\n')
BLOCKLIST = ('table blocklist {\n  "/admin": "1",\n}\n\n'
             'sub normalise {\n  set req.url = std.tolower(req.url);\n}\n')


def test_an_include_names_a_file_in_a_subfolder_linted_along(tmp_path: Path) -> None:
    # Fastly's custom VCL names have no folders; a repo may keep `includes/blocklist.vcl`.
    (tmp_path / "includes").mkdir()
    _write(tmp_path, **{"main.vcl": MAIN_WITH_TABLE_INCLUDE,
                        "includes/blocklist.vcl": BLOCKLIST})
    found = lint_paths([tmp_path], vcl_dirs=[tmp_path / "vcl"]).diagnostics
    assert [d for d in found if d.severity == "error"] == []
    # Linting main.vcl alone finds it too: it is below main.vcl's folder.
    found = lint_paths([tmp_path / "main.vcl"], vcl_dirs=[tmp_path / "vcl"]).diagnostics
    assert [d for d in found if d.severity == "error"] == []
    # Two files of that name in different folders: which one is meant is unknown.
    (tmp_path / "other").mkdir()
    _write(tmp_path, **{"other/blocklist.vcl": BLOCKLIST})
    found = lint_paths([tmp_path], vcl_dirs=[tmp_path / "vcl"]).diagnostics
    assert [(Path(d.path).name, d.line, d.code) for d in found if d.severity == "error"] == [
        ("main.vcl", 1, "VCL506")]


def test_a_missing_include_is_one_error_not_one_per_sub_it_may_define(tmp_path: Path) -> None:
    _write(tmp_path, **{"main.vcl": MAIN_WITH_TABLE_INCLUDE})
    found = lint_paths([tmp_path / "main.vcl"], vcl_dirs=[tmp_path]).diagnostics
    assert [(d.line, d.code) for d in found if d.severity == "error"] == [(1, "VCL506")]
    # Without the include, the undefined sub is reported again.
    _write(tmp_path, **{"main.vcl": MAIN_WITH_TABLE_INCLUDE.replace('include "blocklist";', "")})
    found = lint_paths([tmp_path / "main.vcl"], vcl_dirs=[tmp_path]).diagnostics
    assert ("VCL501", 8) in [(d.code, d.line) for d in found if d.severity == "error"]


def test_a_file_linted_alone_may_call_subs_its_neighbours_define(tmp_path: Path) -> None:
    # A service split over one folder: main.vcl includes both; linting the caller alone.
    caller = ('sub vcl_recv {\n#FASTLY recv\n  call crumbs_recv;\n  call nowhere;\n'
              '  return(lookup);\n}\n')
    _write(tmp_path, **{"service.vcl": caller,
                        "crumbs.vcl": "sub crumbs_recv {\n  set req.http.X-C = \"1\";\n}\n",
                        "crumbs.test.vcl": "sub nowhere {\n  testing.call_subroutine(\"x\");\n}\n",
                        "main.vcl": 'include "crumbs";\ninclude "service";\n'})
    found = lint_paths([tmp_path / "service.vcl"], vcl_dirs=[tmp_path / "vcl"]).diagnostics
    # Only the sub defined nowhere (a falco test file does not count) is an error; the
    # neighbours themselves are not reported on.
    assert [(Path(d.path).name, d.line, d.code) for d in found if d.severity == "error"] == [
        ("service.vcl", 4, "VCL501")]
    assert {Path(d.path).name for d in found} == {"service.vcl"}


def test_neighbours_include_the_folders_below(tmp_path: Path) -> None:
    # routing.vcl dispatches to handlers a build step concatenates from v2/handlers/.
    (tmp_path / "v2" / "handlers").mkdir(parents=True)
    (tmp_path / ".git").mkdir()
    _write(tmp_path, **{
        "routing.vcl": "sub vcl_recv {\n#FASTLY recv\n  call handle_v2;\n  call hidden;\n}\n",
        "v2/handlers/v2.vcl": "sub handle_v2 {\n  set req.http.V = \"2\";\n}\n",
        ".git/hidden.vcl": "sub hidden {\n}\n"})
    found = lint_paths([tmp_path / "routing.vcl"], vcl_dirs=[tmp_path / "vcl"]).diagnostics
    assert [(d.line, d.code, d.message) for d in found if d.severity == "error"] == [
        (4, "VCL501", "sub hidden is not defined")]
