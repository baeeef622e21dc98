from fastlysync.interp.cache import initial_ttl
from fastlysync.interp.headers import Headers

NOW = 1_767_225_600.0


def ttl(*headers: tuple[str, str]) -> float:
    return initial_ttl(Headers(headers), NOW, 3600)


def test_first_ttl_follows_fastlys_order() -> None:
    assert ttl(("Surrogate-Control", "max-age=900"), ("Cache-Control", "max-age=60")) == 900
    assert ttl(("Cache-Control", "max-age=60, s-maxage=300")) == 300
    assert ttl(("Cache-Control", "public, max-age=60"), ("Age", "20")) == 40
    assert ttl(("Expires", "Thu, 01 Jan 2026 01:00:00 GMT")) == 3600
    assert ttl(("Expires", "not a date")) == 0
    assert ttl(("Cache-Control", "no-cache")) == 3600
    assert ttl() == 3600
