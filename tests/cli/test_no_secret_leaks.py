"""Every command in every format, on specs whose secrets end up in error messages (a spec
value that fails validation, a missing `file:`, a VCL syntax error inside a snippet, the API's
"failed validation" answer): no secret in stdout, stderr, written files or the step summary.

Each secret holds the word `Leak`, so one grep over everything finds any spelling of any of
them that escaped the masking (raw, escaped, truncated, one line of a PEM key).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from fastlysync.cli.main import cli

SECRETS = {
    "PORT_SECRET": "PortLeak-'quoted'\"-" + "Q" * 80 + "-end",
    "FILE_SECRET": "FileLeak-zzzz-path.vcl",
    "VCL_SECRET": "if VclLeakMuLongName",  # quoted by syntax errors: 'VclLeakMuLongName'
    "DD_SECRET": "DdLeak-token-0123456789",
    "SHORT_SECRET": "Leak",
    "PEM_SECRET": ("-----BEGIN PRIVATE KEY-----\nPemLeakLineOneAAAAAAAAAAAAAAAAAA\n"
                   "PemLeakLineTwoBBBBBBBBBBBBBBBBBB\n-----END PRIVATE KEY-----"),
}

BAD = """name: bad
domains:
  - name: bad.example.com
backends:
  - name: o
    address: o.example.com
    port: ${env:PORT_SECRET}
vcls:
  - name: main
    file: ${env:FILE_SECRET}
    main: true
"""

SNIPPET = """name: snip
comment: ${env:SHORT_SECRET}
domains:
  - name: snip.example.com
backends:
  - name: o
    address: o.example.com
    ssl_client_key: ${env:PEM_SECRET}
snippets:
  - name: s
    type: recv
    content: |
      set req.http.X-Key = ${env:VCL_SECRET};
logging_datadog:
  - name: dd
    token: ${env:DD_SECRET}
"""


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "repo"
    (root / "services").mkdir(parents=True)
    (root / "vcl").mkdir()
    (root / "services" / "bad.yaml").write_text(BAD)
    (root / "services" / "snip.yaml").write_text(SNIPPET)
    monkeypatch.chdir(root)
    return root


def test_no_command_or_format_prints_a_secret(emulator: Any, repo: Path,
                                              tmp_path: Path) -> None:
    outputs = tmp_path / "outputs"
    outputs.mkdir()
    summary = outputs / "step-summary.md"
    env = {"FASTLY_API_ENDPOINT": emulator.url, "FASTLY_API_TOKEN": emulator.token,
           "GITHUB_STEP_SUMMARY": str(summary), **SECRETS}
    snip = "services/snip.yaml"
    runs: list[list[str]] = []
    for fmt in ("text", "json"):
        runs += [["validate", "--format", fmt], ["validate", "--format", fmt, snip]]
    for fmt in ("text", "json", "sarif", "github"):
        runs += [["lint", "--format", fmt], ["lint", "--format", fmt, snip]]
    for fmt in ("text", "json", "markdown", "sarif", "github"):
        runs += [["check", "--format", fmt, "--summary", str(outputs / f"check-{fmt}.md")],
                 ["check", "--format", fmt, snip]]
    for fmt in ("text", "json", "markdown"):
        runs.append(["plan", "--format", fmt, "--out", str(outputs / f"plan-{fmt}.json"), snip])
    for fmt in ("text", "json"):
        runs.append(["apply", "--auto-approve", "--format", fmt, snip])
    for fmt in ("text", "json", "markdown"):
        runs.append(["drift", "--format", fmt, "--out", str(outputs / f"drift-{fmt}.json"),
                     "--out", str(outputs / f"drift-{fmt}.md"), snip])
    for fmt in ("text", "json"):
        runs.append(["import", "snip", "--force", "--format", fmt,
                     "--out", str(outputs / f"import-{fmt}")])

    seen: list[str] = []
    failed_validation = False
    for args in runs:
        result = CliRunner().invoke(cli, args, env=env, catch_exceptions=False)
        text = result.stdout + result.stderr
        assert "Traceback" not in text, (args, text)
        seen.append(f"$ {' '.join(args)} -> {result.exit_code}\n{text}")
        failed_validation |= "failed validation" in text
    imported = []
    for path in sorted(outputs.rglob("*")):
        if path.is_file():
            text = f"== {path.name}\n{path.read_text(encoding='utf-8')}"
            (imported if "import-" in str(path) else seen).append(text)
    # Import writes the live service back: a secret spliced into VCL or a comment is plain
    # configuration once live; sensitive fields must still never be written.
    assert imported and not [t for t in imported if "DdLeak" in t or "PemLeak" in t]
    assert summary.exists() and failed_validation  # the risky paths did run
    leaks = [(block.splitlines()[0], [ln for ln in block.splitlines() if "Leak" in ln][:3])
             for block in seen if "Leak" in block]
    assert not leaks, leaks


def test_a_token_from_a_token_file_is_masked_too(emulator: Any, repo: Path,
                                                 tmp_path: Path) -> None:
    """Whatever echoes it (here a spec that, by mistake, holds the token in a comment)."""
    token = emulator.admin.add_account("tokfile-Leak-0123456789abcdef")
    emulator.client(token=token).post("/service", data={"name": "echo"}).raise_for_status()
    token_file = tmp_path / "token"
    token_file.write_text(token + "\n")
    (repo / "services" / "bad.yaml").unlink()
    (repo / "services" / "snip.yaml").write_text(
        f"name: echo\ncomment: 'pasted by mistake: {token}'\n"
        "domains:\n  - name: echo.example.com\n")
    env = {"FASTLY_API_ENDPOINT": emulator.url, "FASTLY_API_TOKEN": None}
    for fmt in ("text", "json", "markdown"):
        result = CliRunner().invoke(cli, ["plan", "--token-file", str(token_file),
                                          "--format", fmt], env=env, catch_exceptions=False)
        assert result.exit_code == 0, result.stderr
        assert "pasted by mistake" in result.stdout  # the comment change is shown...
        assert "Leak" not in result.stdout + result.stderr  # ...without the token
