"""Convert go-fastly's go-vcr cassettes into the replay fixtures of `tests/emulator/recordings/`.

Usage: python tools/recordings_to_json.py SOURCE_DIR OUT_DIR

One JSON file per recorded test sequence (a cassette folder), its interactions in the order
they were recorded (the `X-Timer` start stamp Fastly puts on every response). Only what the
replay compares is kept: method, path, request body and content type, status and response
body. Compute-service cassettes are skipped (fastlysync manages VCL services only).
"""

from __future__ import annotations

import json
import sys
from email.utils import parsedate_to_datetime
from pathlib import Path
from urllib.parse import urlsplit

import yaml

RANKS = [  # go-fastly's test functions run their cassettes in this order
    ("create_service", 0), ("version_1", 1), ("version_2", 1.1), ("version", 1),
    ("create_version", 1), ("acl", 2), ("dictionary", 2), ("create_acl", 2),
    ("create_dictionary_items", 3), ("create_acl_entries", 3), ("create_dictionary", 2),
    ("create_expected_error", 3.5), ("create", 3),
    ("list_before", 4), ("list_after", 9), ("list", 5), ("search", 5.5), ("get_again", 9),
    ("get", 6), ("details", 6), ("domain", 6), ("multiple", 6), ("active", 6),
    ("lock", 7.5), ("activate", 7.5), ("validation", 7.6), ("validate-all", 7.7),
    ("update_ignore_empty_values", 7.1), ("update_allow_empty_values", 7.2),
    ("update", 7), ("upsert", 7), ("delete_acl_entries", 7), ("delete_dictionary_items", 7),
    ("clone", 8), ("delete_service", 12), ("delete_acl", 11), ("delete_dictionary", 11),
    ("delete", 10), ("cleanup", 11),
]


OVERRIDES = {("services__details_with_filters", "version"): 6}
"""Cassettes whose name misleads: there `version` reads details of a given version."""


def _rank(group: str, cassette: str) -> tuple[float, str]:
    stem = cassette.removesuffix(".yaml")
    if (group, stem) in OVERRIDES:
        return OVERRIDES[group, stem], stem
    for prefix, rank in RANKS:
        if stem == prefix or stem.startswith(prefix + "_") or (stem.startswith(prefix) and \
                stem[len(prefix):].replace("-", "").isdigit()):
            return rank, stem
    for prefix, rank in RANKS:
        if stem.startswith(prefix):
            return rank, stem
    raise ValueError(f"no recorded order for cassette {cassette}")


def convert(source: Path, out: Path) -> int:
    sequences: dict[str, list[dict]] = {}
    for cassette in sorted(source.rglob("*.yaml")):
        rel = cassette.relative_to(source)
        if "compute" in str(rel).lower():
            continue
        group = str(rel.parent).replace("/", "__")
        for interaction in yaml.safe_load(cassette.read_text())["interactions"]:
            request, response = interaction["request"], interaction["response"]
            url = urlsplit(request["url"].replace("\n", "").replace(" ", ""))
            body = response.get("body") or ""
            try:
                parsed = json.loads(body) if body else None
            except ValueError:
                parsed = {"_text": body}
            date = ((response.get("headers") or {}).get("Date") or [""])[0]
            sequences.setdefault(group, []).append({
                "at": len(sequences.get(group, [])), "cassette": rel.name,
                "recorded": parsedate_to_datetime(date).date().isoformat() if date else "",
                "method": request["method"],
                "path": url.path + (f"?{url.query}" if url.query else ""),
                "content_type": ((request.get("headers") or {}).get("Content-Type") or [""])[0],
                "body": request.get("body") or "",
                "status": response["code"], "response": parsed})
    count = 0
    out.mkdir(parents=True, exist_ok=True)
    for group, interactions in sequences.items():
        interactions.sort(key=lambda i: (_rank(group, i["cassette"]), i["at"]))
        for interaction in interactions:
            del interaction["at"]
        count += len(interactions)
        (out / f"{group}.json").write_text(json.dumps(interactions, indent=1) + "\n")
    return count


if __name__ == "__main__":
    print(convert(Path(sys.argv[1]), Path(sys.argv[2])), "interactions")
