"""The go-fastly decoder model refuses what Go would and accepts the weak spellings it takes."""

from __future__ import annotations

from . import go_decoder as go


def test_weak_spellings_decode() -> None:
    assert go.go_errors({"port": "443", "use_ssl": "1", "weight": 100.0, "comment": 5,
                         "ssl_check_cert": "", "created_at": "2026-01-02T03:04:05Z",
                         "updated_at": "2026-01-02 03:04:05", "deleted_at": None},
                        go.BACKEND) == []


def test_what_go_cannot_decode_is_reported_with_its_path() -> None:
    errors = go.go_errors({"port": "https", "use_ssl": "yes", "name": ["a"],
                           "created_at": "05/12/2026", "unknown": object()}, go.BACKEND)
    assert sorted(e.split(":")[0] for e in errors) == [
        "$.created_at", "$.name", "$.port", "$.use_ssl"]
    nested = go.go_errors({"versions": [{"number": "one"}], "environments": {}}, go.SERVICE)
    assert nested == ["$.versions[0].number: 'one' does not decode as a Go int",
                      "$.environments: dict where go-fastly wants a list"]
