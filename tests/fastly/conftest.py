"""Fixtures for the client's TLS tests: certificates for this session and the emulator
served over https with them; and the one-spec repository the command-line tests run in."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from tls_support import TLS_TOKEN, TlsFiles, make_tls_files

from fastlysync.emulator import BackgroundServer, create_app
from fastlysync.emulator.server import Tls


@pytest.fixture(scope="session")
def tls_files(tmp_path_factory: pytest.TempPathFactory) -> TlsFiles:
    return make_tls_files(tmp_path_factory.mktemp("tls"))


@pytest.fixture(scope="session")
def tls_emulator(tls_files: TlsFiles) -> Iterator[BackgroundServer]:
    """The emulator over https on a free loopback port (its own app and account)."""
    app = create_app(tokens=[TLS_TOKEN], seed=7)
    server = BackgroundServer(app, tls=Tls(str(tls_files.cert), str(tls_files.key))).start()
    try:
        yield server
    finally:
        server.stop()
        app.close()


@pytest.fixture
def www_repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A repository holding one small spec, `www`, as the working directory."""
    (tmp_path / "services").mkdir()
    (tmp_path / "services" / "www.yaml").write_text(
        "name: www\ndomains:\n  - name: www.example.com\n"
        "backends:\n  - name: origin\n    address: origin.example.com\n")
    monkeypatch.chdir(tmp_path)
    return tmp_path
