"""Token and endpoint resolution."""

from __future__ import annotations

from pathlib import Path

import pytest

from fastlysync.fastly.config import DEFAULT_ENDPOINT, resolve_config
from fastlysync.fastly.errors import ConfigError


def test_token_from_environment_and_default_endpoint() -> None:
    config = resolve_config(env={"FASTLY_API_TOKEN": " abc \n"})
    assert (config.token, config.endpoint) == ("abc", DEFAULT_ENDPOINT)
    assert "abc" not in repr(config)


def test_token_file_wins_over_environment(tmp_path: Path) -> None:
    path = tmp_path / "token"
    path.write_text("from-file\n")
    config = resolve_config(token_file=path, env={"FASTLY_API_TOKEN": "from-env"})
    assert config.token == "from-file"


@pytest.mark.parametrize(("content", "message"), [(None, "cannot read token file"),
                                                  ("  \n", "is empty")])
def test_bad_token_file(tmp_path: Path, content: str | None, message: str) -> None:
    path = tmp_path / "token"
    if content is not None:
        path.write_text(content)
    with pytest.raises(ConfigError, match=message):
        resolve_config(token_file=path, env={})


def test_missing_token() -> None:
    with pytest.raises(ConfigError, match="FASTLY_API_TOKEN"):
        resolve_config(env={})


@pytest.mark.parametrize("endpoint", ["http://127.0.0.1:8787", "http://localhost:1/",
                                      "http://[::1]:8787", "https://api.example.com"])
def test_allowed_endpoints(endpoint: str) -> None:
    config = resolve_config(endpoint=endpoint, env={"FASTLY_API_TOKEN": "t"})
    assert config.endpoint == endpoint.rstrip("/")


@pytest.mark.parametrize("endpoint", ["http://api.fastly.com", "http://10.0.0.1:80",
                                      "ftp://127.0.0.1", "api.fastly.com"])
def test_refused_endpoints(endpoint: str) -> None:
    with pytest.raises(ConfigError):
        resolve_config(env={"FASTLY_API_TOKEN": "t", "FASTLY_API_ENDPOINT": endpoint})


def test_flag_endpoint_wins_over_environment() -> None:
    config = resolve_config(endpoint="http://127.0.0.1:9", env={
        "FASTLY_API_TOKEN": "t", "FASTLY_API_ENDPOINT": "https://elsewhere.example.com"})
    assert config.endpoint == "http://127.0.0.1:9"


SECRET = "s3cr3t-token-VALUE"


@pytest.mark.parametrize(("raw", "expected"), [(f"{SECRET}\n", SECRET),
                                               (f"{SECRET}\r\n", SECRET),
                                               (f"  {SECRET} \n", SECRET)])
def test_one_trailing_newline_is_stripped(tmp_path: Path, raw: str, expected: str) -> None:
    path = tmp_path / "token"
    path.write_bytes(raw.encode())
    assert resolve_config(token_file=path, env={}).token == expected
    assert resolve_config(env={"FASTLY_API_TOKEN": raw}).token == expected


@pytest.mark.parametrize(("raw", "message"), [
    (f"{SECRET}\nsecond-line\n", "more than one line"),
    (f"{SECRET}\n\n", "more than one line"),
    (f"{SECRET}\r\nX-Injected: yes", "more than one line"),
    (f"{SECRET}\rX", "more than one line"),
    (f"{SECRET}\x00", "a control character"),
    (f"{SECRET}\x1b[31m", "a control character"),
    (f"{SECRET}\tx", "a control character"),
    (f"{SECRET} x", "a space"),
    (f"{SECRET}é", "a non-ASCII character"),
])
def test_a_token_with_other_characters_is_refused_without_echoing_it(
        tmp_path: Path, raw: str, message: str) -> None:
    path = tmp_path / "token"
    path.write_bytes(raw.encode())
    for source in ({"token_file": path, "env": {}}, {"env": {"FASTLY_API_TOKEN": raw}}):
        with pytest.raises(ConfigError, match=message) as caught:
            resolve_config(**source)  # type: ignore[arg-type]
        text = str(caught.value)
        assert SECRET not in text and SECRET[:6] not in text and "\n" not in text


def test_a_token_file_that_is_not_text(tmp_path: Path) -> None:
    path = tmp_path / "token"
    path.write_bytes(b"\xff\xfe" + SECRET.encode())
    with pytest.raises(ConfigError, match="is not text") as caught:
        resolve_config(token_file=path, env={})
    assert SECRET not in str(caught.value)


def test_an_endpoint_with_credentials_is_refused_without_showing_them() -> None:
    with pytest.raises(ConfigError, match="user name or password") as caught:
        resolve_config(env={"FASTLY_API_TOKEN": "t",
                            "FASTLY_API_ENDPOINT": f"https://me:{SECRET}@api.fastly.com"})
    assert SECRET not in str(caught.value)


@pytest.mark.parametrize("proxy", [f"https://u:{SECRET}@proxy.example:8443",
                                   f"http://u:{SECRET}@proxy.example:notaport"])
def test_a_bad_proxy_url_never_shows_its_password(proxy: str) -> None:
    with pytest.raises(ConfigError, match="HTTPS_PROXY") as caught:
        resolve_config(env={"FASTLY_API_TOKEN": "t", "HTTPS_PROXY": proxy})
    assert SECRET not in str(caught.value)


@pytest.mark.parametrize(("host", "no_proxy", "bypassed"), [
    ("api.fastly.com", "fastly.com", True),
    ("api.fastly.com", ".fastly.com", True),
    ("api.fastly.com", "*.fastly.com", True),
    ("api.fastly.com", "*", True),
    ("api.fastly.com", "notfastly.com,example.com", False),
    ("api.fastly.com", "api.fastly.com:8443", False),
    ("api.fastly.com", "api.fastly.com:443", True),
    ("10.1.2.3", "10.0.0.0/8", True),
    ("10.1.2.3", "192.168.0.0/16", False),
])
def test_no_proxy_matching(host: str, no_proxy: str, bypassed: bool) -> None:
    env = {"FASTLY_API_TOKEN": "t", "HTTPS_PROXY": "http://proxy.example:3128",
           "NO_PROXY": no_proxy}
    config = resolve_config(endpoint=f"https://{host}", env=env)
    assert (config.proxy is None) == bypassed


def test_loopback_is_never_proxied_and_lowercase_wins() -> None:
    env = {"FASTLY_API_TOKEN": "t", "HTTP_PROXY": "http://proxy.example:3128",
           "HTTPS_PROXY": "http://upper.example:1", "https_proxy": "lower.example:2"}
    assert resolve_config(endpoint="http://127.0.0.1:8787", env=env).proxy is None
    proxy = resolve_config(env=env).proxy
    assert proxy is not None and str(proxy) == "http://lower.example:2"
