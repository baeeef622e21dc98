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
