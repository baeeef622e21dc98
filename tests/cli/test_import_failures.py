"""A read that fails while import reads a service's many logging kinds at once: the first
failure fails the service, and the reads still in flight must be awaited, not abandoned. They
were, and each one that then failed printed "unhandled exception during asyncio.run()
shutdown" and a traceback."""

from __future__ import annotations

import subprocess
from pathlib import Path

from proc_support import api, cli_env, fastlysync, spawned_emulator


def test_failing_reads_end_in_one_line_per_service_not_tracebacks(tmp_path: Path) -> None:
    with spawned_emulator(tmp_path, "--fault", "method=GET path=/logging/ p429=1") as url:
        with api(url) as http:
            http.post("/service", data={"name": "www"}).raise_for_status()
        proc = subprocess.run(fastlysync("import", "www", "--out", str(tmp_path / "out")),
                              env=cli_env(url), capture_output=True, text=True, timeout=120)
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr and "unhandled exception" not in proc.stderr, \
        proc.stderr[:3000]
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("fastlysync: service www: GET /service/")
    assert "/logging/" in lines[0] and ": 429 " in lines[0]
