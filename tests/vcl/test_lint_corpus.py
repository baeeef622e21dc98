"""The corpus lints with no error-severity finding, except documented true bugs.

tests/vcl/corpus holds production-style VCL; corpus/real_world reproduces patterns from public
Fastly VCL that the linter once reported wrongly (see corpus/real_world/SOURCE.md). Folders
are linted as a whole (their files include or call each other); single files on their own.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from fastlysync.vcl.lint import lint_paths

CORPUS = Path(__file__).parent / "corpus"
REAL = CORPUS / "real_world"
TRUE_BUGS = {
    # path relative to the corpus: the (line, code) of each error it must keep reporting
    "real_world/true_bugs/remote_port.snippet.vcl": [(7, "VCL401")],
    "real_world/true_bugs/missing_semicolon.vcl": [(7, "VCL001")],
    "real_world/true_bugs/synthetic_in_deliver.vcl": [(8, "VCL304")],
}
UNITS = sorted([*CORPUS.glob("*.vcl"), *REAL.glob("*.vcl"),
                *(p for p in REAL.iterdir() if p.is_dir() and p.name != "true_bugs"),
                *(REAL / "true_bugs").glob("*.vcl")])


def _errors(target: Path) -> dict[str, list[tuple[int, str]]]:
    folder = target if target.is_dir() else target.parent
    result = lint_paths([target], vcl_dirs=[folder])
    found: dict[str, list[tuple[int, str]]] = {}
    for d in result.diagnostics:
        if d.severity == "error":
            found.setdefault(Path(d.path).relative_to(CORPUS).as_posix(), []).append(
                (d.line, d.code))
    return found


@pytest.mark.parametrize("target", UNITS, ids=[p.relative_to(CORPUS).as_posix() for p in UNITS])
def test_no_false_errors(target: Path) -> None:
    found = _errors(target)
    expected = {k: v for k, v in TRUE_BUGS.items() if (CORPUS / k) == target
                or (target.is_dir() and (CORPUS / k).parent == target)}
    assert found == expected


def test_corpus_covers_every_documented_pattern() -> None:
    listed = (REAL / "SOURCE.md").read_text()
    for path in REAL.rglob("*.vcl"):
        rel = path.relative_to(REAL).as_posix()
        assert rel in listed or f"{path.parent.name}/" in listed, rel
    assert len(UNITS) >= 14
