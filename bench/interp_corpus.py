"""Run a plain `GET /` through a whole service for every main VCL file of a folder.

    python bench/interp_corpus.py FOLDER [--show N] [--json] [--varied]

For each `*.vcl` under FOLDER that defines `vcl_recv` (templates with `${...}` or ERB `<%` are
skipped: they are not VCL), builds a throwaway repository: a spec with one backend, the file as
the main VCL, the other `.vcl` files of its folder as includable VCLs, the `F_<name>` backends
and `table.*` dictionaries the file names but does not declare (a real service configures them),
an empty VCL for each include the corpus lacks, with empty subs for the calls nothing defines
(counted as "stubbed includes"),
and one test case: `GET /`, every backend answering 200. A folder whose files are all named
after a subroutine (`recv.vcl`, `fetch.vcl`... as in fastly-magento2's `vcl_snippets`) is one
service of snippets of those types on Fastly's boilerplate; their `####NAME####` install-time
placeholders get a plain value (`60` for timeouts, a
regex match for conditions, `admin` otherwise). Prints how many cases ran through
(passed), stopped on an unsupported function/variable, or stopped on another error, and the
reasons. `--varied` sends nine requests per file instead (query string and cookies, POST, OPTIONS
over HTTP, a cached hit, origin 404/503/unreachable, HEAD) and counts a file as passed only when
every one runs through. Prints figures only; the corpus itself is never part of the repository.
"""

from __future__ import annotations

import argparse
import collections
import json
import re
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from fastlysync.behave.runner import run_tests  # noqa: E402

BACKEND_REF = re.compile(r"\bF_(\w+)")
TABLE_CALL = re.compile(r"\btable\.\w+\(\s*(\w+)")
TABLE_DECL = re.compile(r"^\s*table\s+(\w+)", re.M)
BACKEND_DECL = re.compile(r"^\s*backend\s+(\w+)", re.M)
INCLUDE = re.compile(r'^\s*include\s+"([^"]+)"', re.M)
CALL = re.compile(r"\bcall\s+(\w+)\s*;")
SUB_DECL = re.compile(r"^\s*sub\s+(\w+)", re.M)
STUB = "# not in the corpus: an include kept in another repository\n"
NAME_OK = re.compile(r"^[A-Za-z_][A-Za-z0-9_-]*$")

CASE = """service: corpus
cases:
  - name: GET /
    request: {url: /, headers: {Host: www.example.com}}
    backends: {"*": {status: 200, headers: {Content-Type: text/html}, body: "<p>ok</p>"}}
    expect: {}
"""

# --varied: requests that reach more of a real file than a plain GET / (cookies, query strings,
# methods, client data, origin errors, a cached hit); a file passes when every case runs through.
VARIED = CASE + """  - name: GET with query, cookies and browser headers
    request:
      url: /products/item.html?utm_source=news&b=2&a=1&id=42
      client_ip: 198.51.100.7
      geo: {country_code: DE}
      headers:
        Host: www.example.com
        Cookie: "session=abc123; ab_test=b; consent=1"
        Accept-Encoding: gzip, deflate, br
        Accept-Language: de-DE,de;q=0.9,en;q=0.8
        Accept: text/html,application/xhtml+xml,image/webp,*/*;q=0.8
        User-Agent: Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) Mobile/15E148
        Referer: https://www.example.com/
        X-Forwarded-For: 192.0.2.50
    backends: {"*": {status: 200, headers: {Content-Type: text/html, Cache-Control: "max-age=60",
                                            Set-Cookie: "s=1; Path=/"}, body: "<p>ok</p>"}}
    expect: {}
  - name: POST JSON with a bearer token
    request:
      method: POST
      url: /api/v1/login
      headers: {Host: www.example.com, Content-Type: application/json,
                Authorization: "Bearer eyJhbGciOiJIUzI1NiJ9.e30.sig", Origin: "https://app.example.com"}
      body: '{"user": "a"}'
    backends: {"*": {status: 201, headers: {Content-Type: application/json}, body: "{}"}}
    expect: {}
  - name: OPTIONS preflight over plain HTTP
    request:
      method: OPTIONS
      url: /api/v1/items
      tls: false
      headers: {Host: www.example.com, Origin: "https://app.example.com",
                Access-Control-Request-Method: PUT}
    expect: {}
  - name: static asset, then a cached hit
    request: {url: /static/app.js?v=3, headers: {Host: www.example.com}}
    backends: {"*": {status: 200, headers: {Content-Type: application/javascript,
                                            Cache-Control: "public, max-age=3600"},
                     body: "console.log(1)"}}
    expect: {}
    then:
      - after: 5
        expect: {}
  - name: origin 404
    request: {url: /missing/page, headers: {Host: www.example.com}}
    backends: {"*": {status: 404, headers: {Content-Type: text/html}, body: "not found"}}
    expect: {}
  - name: origin 503
    request: {url: /, headers: {Host: www.example.com}}
    backends: {"*": {status: 503, body: "down"}}
    expect: {}
  - name: origin unreachable
    request: {url: /, headers: {Host: www.example.com}}
    backends: {"*": unreachable}
    expect: {}
  - name: HEAD of an admin path
    request: {method: HEAD, url: /admin/, client_ip: "2001:db8::7",
              headers: {Host: www.example.com}}
    expect: {}
"""


SNIPPET_TYPES = ("init", "recv", "hash", "hit", "miss", "pass", "fetch", "error", "deliver", "log")
PLACEHOLDER = re.compile(r"####(\w+?)####")


def placeholder(match: re.Match[str]) -> str:
    name = match.group(1)
    if name.endswith("TIMEOUT"):
        return "60"
    if name.endswith(("ITEMS", "PATHS", "ALLOWLIST")):  # a condition
        return 'req.url.path ~ "^/blocked/"'
    return "admin"


def is_snippet_folder(folder: Path) -> bool:
    names = [p.stem for p in folder.glob("*.vcl")]
    return bool(names) and all(n in SNIPPET_TYPES for n in names) and "recv" in names


def is_main(text: str) -> bool:
    return "sub vcl_recv" in text and "${" not in text and "<%" not in text


def spec_for(main: Path, text: str) -> tuple[str, dict[str, str]]:
    """The spec YAML and the VCL files (name -> text) of the service around ``main``."""
    snippets: dict[str, str] = {}
    files: dict[str, str] = {}
    if main.is_dir():
        snippets = {p.stem: PLACEHOLDER.sub(placeholder, p.read_text(errors="replace"))
                    for p in sorted(main.glob("*.vcl"))}
    else:
        files["main"] = text
        for other in sorted(main.parent.glob("*.vcl")):
            if other != main and NAME_OK.match(other.stem) and other.stem != "main":
                try:
                    files[other.stem] = other.read_text(errors="replace")
                except OSError:
                    continue
    every = "\n".join([*files.values(), *snippets.values()])
    # `include "name.vcl"` names the VCL "name" as often as a VCL called "name.vcl"
    included = {n.removesuffix(".vcl") for n in INCLUDE.findall(every)}
    missing = [n for n in sorted(included - set(files)) if NAME_OK.match(n)]
    if files and missing:
        # the subs those includes defined: empty, so the calls to them still resolve
        called = set(CALL.findall(every)) - set(SUB_DECL.findall(every))
        for name in missing:
            files[name] = STUB
        files[missing[0]] = STUB + "".join(f"sub {c} {{ }}\n" for c in sorted(called))
    declared = set(BACKEND_DECL.findall(every))
    named = {b for b in BACKEND_REF.findall(every)
             if f"F_{b}" not in declared and b != "origin" and NAME_OK.match(b)}
    backends = ["origin", *sorted(named)]
    tables = sorted(set(TABLE_CALL.findall(every)) - set(TABLE_DECL.findall(every)))
    spec: dict[str, object] = {
        "name": "corpus", "domains": [{"name": "www.example.com"}],
        "backends": [{"name": b, "address": f"{b.replace('_', '-').lower()}.example.com"}
                     for b in backends]}
    if tables:
        spec["dictionaries"] = [{"name": t, "items": {}} for t in tables]
    if snippets:
        spec["snippets"] = [{"name": f"{kind}_snippet", "type": kind, "content": body}
                            for kind, body in snippets.items()]
    if files:
        spec["vcls"] = [{"name": name, "file": f"{name}.vcl", **({"main": True}
                         if name == "main" else {})} for name in files]
    return yaml.safe_dump(spec, sort_keys=False), files


def run_one(main: Path, cases: str = CASE) -> tuple[str, str, float]:
    """(outcome, reason, seconds): outcome is passed, unsupported or error."""
    text = "" if main.is_dir() else main.read_text(errors="replace")
    spec, files = spec_for(main, text)
    stubbed = sum(body.startswith(STUB) for body in files.values())
    outcome, reason, seconds = _run(spec, files, cases)
    if stubbed:
        reason = f"{reason} [{stubbed} stubbed includes]".strip()
    return outcome, reason, seconds


NOTES: collections.Counter[str] = collections.Counter()
"""What the runs noted (variables not modelled, no-op functions), counted once per file."""


def _run(spec: str, files: dict[str, str], cases: str) -> tuple[str, str, float]:
    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        for folder in ("services", "vcl", "tests"):
            (root / folder).mkdir()
        (root / "services" / "corpus.yaml").write_text(spec)
        for name, body in files.items():
            (root / "vcl" / f"{name}.vcl").write_text(body)
        (root / "tests" / "corpus.yaml").write_text(cases)
        try:
            result = run_tests([root / "tests" / "corpus.yaml"], root=root)
        except Exception as exc:  # a crash is what this bench looks for
            return "error", f"crash: {type(exc).__name__}: {exc}", time.perf_counter() - started
    seconds = time.perf_counter() - started
    if result.problems:
        reason = result.problems[0]
        return ("unsupported" if "unsupported" in reason else "error"), reason, seconds
    NOTES.update({note for case in result.cases for note in case.notes})
    for case in result.cases:
        if case.status not in ("passed", "failed"):
            kind = "unsupported" if case.message.startswith("unsupported") else "error"
            return kind, f"{case.message} (case: {case.name})", seconds
    return "passed", "", seconds


def short(reason: str) -> str:
    """The reason without paths and line numbers, to group files by it."""
    reason = re.sub(r"/\S+?/(vcl|services|tests)/", "", reason)
    reason = re.sub(r"\bat \S+:\d+(:\d+)?", "", reason)
    return re.sub(r":\d+(:\d+)?\b", "", reason).strip()[:160]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("folder", type=Path)
    parser.add_argument("--show", type=int, default=40, help="reasons to print")
    parser.add_argument("--json", action="store_true", help="one JSON line per file")
    parser.add_argument("--varied", action="store_true",
                        help="nine requests per file (query, cookies, POST, OPTIONS, hit, "
                             "origin 404/503/unreachable, HEAD) instead of GET /")
    args = parser.parse_args()
    mains = []
    for path in sorted(args.folder.rglob("*.vcl")):
        if path.name.endswith(".test.vcl"):
            continue
        try:
            if is_main(path.read_text(errors="replace")):
                mains.append(path)
        except OSError:
            continue
    mains += sorted({p.parent for p in args.folder.rglob("*.vcl") if is_snippet_folder(p.parent)})
    counts: collections.Counter[str] = collections.Counter()
    reasons: collections.Counter[str] = collections.Counter()
    slowest = (0.0, "")
    for path in mains:
        outcome, reason, seconds = run_one(path, VARIED if args.varied else CASE)
        counts[outcome] += 1
        slowest = max(slowest, (seconds, str(path)))
        if outcome != "passed":
            reasons[f"{outcome}: {short(reason)}"] += 1
        if args.json:
            print(json.dumps({"file": str(path.relative_to(args.folder)), "outcome": outcome,
                              "reason": reason, "seconds": round(seconds, 3)}))
    total = len(mains) or 1
    print(f"files: {len(mains)} main VCL files under {args.folder}")
    print(f"passed: {counts['passed']} ({100 * counts['passed'] / total:.0f}%), "
          f"unsupported: {counts['unsupported']}, error: {counts['error']}")
    print(f"slowest: {slowest[0]:.2f} s {slowest[1]}")
    for reason, n in reasons.most_common(args.show):
        print(f"  {n:3d}  {reason}")
    if NOTES:
        print("notes (files whose cases noted it):")
        for note, n in NOTES.most_common(args.show):
            print(f"  {n:4d}  {note}")


if __name__ == "__main__":
    main()
