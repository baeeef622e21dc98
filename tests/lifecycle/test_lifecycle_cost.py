"""API economy of the lifecycle commands: every write needed, reads from what one GET gives."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from lifecycle_support import run, write_spec


def requests(emulator: Any) -> dict[str, int]:
    return dict(emulator.admin.counters()["requests"])


def writes(counts: dict[str, int]) -> dict[str, int]:
    return {k: v for k, v in counts.items() if not k.startswith("GET")}


def test_costs(emulator: Any, root: Path) -> None:
    assert run(emulator, "apply", "--auto-approve").exit_code == 0
    write_spec(root, address="b.example.com", beta="on")

    emulator.admin.reset_counters()
    assert run(emulator, "apply", "--stage", "--auto-approve").exit_code == 0
    # k + 3: clone, the backend update, the version comment, the staging activation.
    assert writes(requests(emulator)) == {"PUT clone": 1, "PUT backend": 1, "PUT version": 1,
                                          "PUT activate/environment": 1}

    emulator.admin.reset_counters()
    assert run(emulator, "activate", "shop", "--auto-approve").exit_code == 0
    # The activation, the marker's staged tag removed, the item the draft waited for.
    assert writes(requests(emulator)) == {"PUT activate": 1, "PUT version": 1,
                                          "PATCH items": 1}

    emulator.admin.reset_counters()
    assert run(emulator, "rollback", "shop", "--auto-approve").exit_code == 0
    counts = requests(emulator)
    assert writes(counts) == {"PUT activate": 1}
    # The active version and the target; versionless data is shared, so it is not read.
    assert counts["GET details"] == 2 and "GET items" not in counts
