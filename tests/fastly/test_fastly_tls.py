"""The client over TLS against the emulator served with a test CA, directly and through a
CONNECT proxy; the trust settings (--ca-bundle, SSL_CERT_FILE) and their errors."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from loopback import ConnectProxy
from tls_support import HOST, TLS_TOKEN, TlsFiles

from fastlysync.cli.main import cli
from fastlysync.emulator import BackgroundServer
from fastlysync.fastly.client import FastlyClient
from fastlysync.fastly.config import resolve_config
from fastlysync.fastly.errors import ConfigError, ProxyError, TlsError


def names(config: Any) -> list[str]:
    async def main() -> list[str]:
        async with FastlyClient(config) as client:
            await client.call("POST", "/service", form={"name": "over-tls"})
            return [s["name"] for s in await client.get("/service")]
    return asyncio.run(main())


def env_for(server: BackgroundServer, **extra: str) -> dict[str, str]:
    return {"FASTLY_API_TOKEN": TLS_TOKEN, "FASTLY_API_ENDPOINT": server.url, **extra}


@pytest.fixture
def tls_server(tls_emulator: BackgroundServer) -> BackgroundServer:
    tls_emulator.app.reset()
    return tls_emulator


def test_client_speaks_tls_with_the_ca_bundle(tls_server: BackgroundServer,
                                              tls_files: TlsFiles) -> None:
    assert tls_server.url.startswith("https://127.0.0.1:")
    config = resolve_config(ca_bundle=tls_files.ca, env=env_for(tls_server))
    assert names(config) == ["over-tls"]


def test_ssl_cert_file_is_honoured(tls_server: BackgroundServer, tls_files: TlsFiles) -> None:
    config = resolve_config(env=env_for(tls_server, SSL_CERT_FILE=str(tls_files.ca)))
    assert names(config) == ["over-tls"]


@pytest.mark.parametrize("trust", ["system", "other-ca"])
def test_untrusted_certificate_is_refused_once_with_one_line(
        tls_server: BackgroundServer, tls_files: TlsFiles, trust: str) -> None:
    bundle = tls_files.other_ca if trust == "other-ca" else None
    config = resolve_config(ca_bundle=bundle, env=env_for(tls_server))
    with pytest.raises(TlsError) as caught:
        names(config)
    message = str(caught.value)
    assert "not trusted" in message and "--ca-bundle" in message and "\n" not in message
    assert tls_server.app.counter_snapshot()["total"] == 0  # nothing reached HTTP


def test_missing_or_broken_bundle_is_a_config_error(tls_server: BackgroundServer,
                                                    tmp_path: Path) -> None:
    junk = tmp_path / "junk.pem"
    junk.write_text("not a certificate\n")
    with pytest.raises(ConfigError, match=r"junk\.pem"):
        resolve_config(ca_bundle=junk, env=env_for(tls_server))
    with pytest.raises(ConfigError, match=r"SSL_CERT_FILE: .*does not exist"):
        resolve_config(env=env_for(tls_server, SSL_CERT_FILE=str(tmp_path / "nope.pem")))


def test_cli_plan_over_tls(tls_server: BackgroundServer, tls_files: TlsFiles,
                           www_repo: Path) -> None:
    env = env_for(tls_server)
    ok = CliRunner().invoke(cli, ["plan", "--ca-bundle", str(tls_files.ca)], env=env)
    assert ok.exit_code == 0, ok.output
    assert "www" in ok.stdout
    refused = CliRunner().invoke(cli, ["plan"], env=env)
    assert refused.exit_code == 1
    lines = refused.stderr.strip().splitlines()
    assert any("not trusted" in line for line in lines), refused.stderr
    assert "Traceback" not in refused.output and TLS_TOKEN not in refused.output


# ----- through a CONNECT proxy --------------------------------------------------------------


def proxied(server: BackgroundServer, proxy: ConnectProxy, **extra: str) -> dict[str, str]:
    return {"FASTLY_API_TOKEN": TLS_TOKEN,
            "FASTLY_API_ENDPOINT": f"https://{HOST}:{server.port}",
            "HTTPS_PROXY": proxy.url, **extra}


def test_https_goes_through_the_proxy_in_a_tunnel(tls_server: BackgroundServer,
                                                  tls_files: TlsFiles) -> None:
    with ConnectProxy({HOST: "127.0.0.1"}) as proxy:
        config = resolve_config(ca_bundle=tls_files.ca, env=proxied(tls_server, proxy))
        assert names(config) == ["over-tls"]
    assert proxy.heads and all(h.startswith(f"CONNECT {HOST}:{tls_server.port} ".encode())
                               for h in proxy.heads)
    assert len(proxy.tunnelled) > 0
    assert TLS_TOKEN.encode() not in proxy.tunnelled  # TLS end to end: the proxy never sees it
    assert b"Fastly-Key" not in b"".join(proxy.heads)


def test_lowercase_variable_and_proxy_credentials(tls_server: BackgroundServer,
                                                  tls_files: TlsFiles) -> None:
    with ConnectProxy({HOST: "127.0.0.1"}) as proxy:
        url = proxy.url.replace("http://", "http://alice:s3cret@")
        env = proxied(tls_server, proxy, https_proxy=url, HTTPS_PROXY="http://127.0.0.1:9")
        assert names(resolve_config(ca_bundle=tls_files.ca, env=env)) == ["over-tls"]
    assert b"Proxy-Authorization: Basic YWxpY2U6czNjcmV0" in proxy.heads[0]


def test_no_proxy_bypasses_it(tls_server: BackgroundServer, tls_files: TlsFiles) -> None:
    with ConnectProxy({HOST: "127.0.0.1"}) as proxy:
        env = proxied(tls_server, proxy, NO_PROXY=f"example.com,.{HOST.split('.', 1)[1]}")
        env["FASTLY_API_ENDPOINT"] = f"https://{HOST}:{tls_server.port}"
        config = resolve_config(ca_bundle=tls_files.ca, env=env)
        assert config.proxy is None
        with pytest.raises(Exception, match=HOST):  # direct: the name does not resolve
            names(config)
    assert proxy.heads == []


def test_refused_tunnel_is_one_line_without_credentials(tls_server: BackgroundServer,
                                                         tls_files: TlsFiles) -> None:
    with ConnectProxy(refuse="407 Proxy Authentication Required") as proxy:
        url = proxy.url.replace("http://", "http://bob:hunter2@")
        config = resolve_config(ca_bundle=tls_files.ca,
                                env=proxied(tls_server, proxy, HTTPS_PROXY=url))
        with pytest.raises(ProxyError) as caught:
            names(config)
    message = str(caught.value)
    assert "407" in message and "refused CONNECT" in message
    assert "hunter2" not in message and "bob" not in message


def test_cli_through_the_proxy(tls_server: BackgroundServer, tls_files: TlsFiles,
                               www_repo: Path) -> None:
    with ConnectProxy({HOST: "127.0.0.1"}) as proxy:
        result = CliRunner().invoke(
            cli, ["apply", "--auto-approve", "--ca-bundle", str(tls_files.ca)],
            env=proxied(tls_server, proxy))
    assert result.exit_code == 0, result.output
    assert len(proxy.heads) >= 1 and TLS_TOKEN.encode() not in proxy.tunnelled
    assert tls_server.app.counter_snapshot()["requests"].get("POST service") == 1


def test_cli_with_a_refusing_proxy_is_one_line(tls_server: BackgroundServer,
                                               tls_files: TlsFiles, www_repo: Path) -> None:
    with ConnectProxy(refuse="403 Forbidden") as proxy:
        env = proxied(tls_server, proxy, HTTPS_PROXY=proxy.url.replace("//", "//u:pw-x9@"))
        result = CliRunner().invoke(cli, ["drift", "--ca-bundle", str(tls_files.ca)], env=env)
    assert result.exit_code == 1
    problems = [line for line in result.stderr.splitlines() if "refused CONNECT" in line]
    assert len(problems) == 1 and "403 Forbidden" in problems[0], result.stderr
    assert "pw-x9" not in result.output and "Traceback" not in result.output
