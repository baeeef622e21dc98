"""Behaviour-test throughput: `fastlysync test` over a generated 2,500-line service.

    python bench/test_speed.py [--cases 1000] [--lines 2500]

Writes a throwaway repository (services/bench.yaml, vcl/main.vcl of about --lines lines: route
tables, regex rules, custom subs, header rewrites in every subroutine; tests/*.yaml with
--cases cases in files of 100, a quarter of them with a second request for a cache hit), runs
the test runner in-process on one core and prints cases/s. Prints figures only.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from fastlysync.behave.runner import run_tests  # noqa: E402

SPEC = """name: bench
domains:
  - name: bench.example.com
backends:
  - name: origin
    address: origin.example.com
  - name: api
    address: api.example.com
    request_condition: is_api
conditions:
  - name: is_api
    type: REQUEST
    statement: req.url.path ~ "^/api/"
dictionaries:
  - name: redirects
    items:
{items}
vcls:
  - name: main
    file: main.vcl
    main: true
"""


def rule(i: int) -> str:
    return f"""
sub rule_{i} {{
  if (req.url.path ~ "^/section{i}/(\\w+)/(\\d+)") {{
    set req.http.X-Section = "{i}";
    set req.http.X-Item = re.group.1 ":" re.group.2;
    if (req.http.Cookie:variant == "b{i % 7}") {{
      set req.http.X-Variant = "b";
    }} else {{
      set req.http.X-Variant = "a";
    }}
  }} elsif (req.url.path == "/legacy{i}") {{
    error 618 "legacy";
  }}
}}
"""


def main_vcl(lines: int) -> str:
    head = """
sub vcl_recv {
#FASTLY recv
  set req.url = querystring.filter(req.url, "utm_source" + querystring.filtersep() + "fbclid");
  set req.http.X-Norm = std.tolower(req.url.path);
  if (table.contains(redirects, req.url.path)) {
    error 618 "redirect";
  }
"""
    body: list[str] = []
    count = 0
    while True:
        calls = "".join(f"  call rule_{i};\n" for i in range(count))
        if (head + calls + TAIL + "".join(body)).count("\n") >= lines:
            break
        body.append(rule(count))
        count += 1
    return head + calls + TAIL + "".join(body)


TAIL = """
  if (req.method != "GET" && req.method != "HEAD") {
    return(pass);
  }
  return(lookup);
}

sub vcl_hash {
  set req.hash += req.url;
  set req.hash += req.http.host;
#FASTLY hash
  return(hash);
}

sub vcl_fetch {
#FASTLY fetch
  if (beresp.status >= 500) {
    set beresp.ttl = 1s;
    return(pass);
  }
  set beresp.http.X-Fetched = "1";
  return(deliver);
}

sub vcl_error {
#FASTLY error
  if (obj.status == 618) {
    set obj.status = 301;
    set obj.http.Location = if(table.lookup(redirects, req.url.path),
      table.lookup(redirects, req.url.path), "/");
    synthetic "";
    return(deliver);
  }
}

sub vcl_deliver {
#FASTLY deliver
  set resp.http.X-Section = req.http.X-Section;
  set resp.http.X-Item = req.http.X-Item;
  set resp.http.X-Variant = req.http.X-Variant;
  return(deliver);
}
"""


def case(i: int, sections: int) -> str:
    s = i % sections
    kind = i % 4
    if kind == 0:
        return f"""  - name: case {i} section
    request:
      url: /section{s}/item/{i}?utm_source=x&q={i}
      headers: {{Cookie: "variant=b{s % 7}"}}
    expect:
      status: 200
      headers: {{X-Section: "{s}", X-Item: "item:{i}", X-Variant: b}}
      backend: origin
      cache: miss
    then:
      - expect: {{cache: hit, status: 200}}
"""
    if kind == 1:
        return f"""  - name: case {i} redirect
    request: {{url: /old/{i % 50}}}
    expect:
      status: 301
      headers: {{Location: /new/{i % 50}}}
"""
    if kind == 2:
        return f"""  - name: case {i} api
    request: {{url: /api/v1/{i}, method: POST}}
    expect: {{status: 200, backend: api, cache: pass}}
"""
    return f"""  - name: case {i} legacy
    request: {{url: /legacy{s}}}
    expect: {{status: 301, headers: {{Location: /}}}}
"""


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cases", type=int, default=1000)
    parser.add_argument("--lines", type=int, default=2500)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        for folder in ("services", "vcl", "tests"):
            (root / folder).mkdir()
        items = "".join(f"      /old/{i}: /new/{i}\n" for i in range(50))
        (root / "services" / "bench.yaml").write_text(SPEC.format(items=items))
        vcl = main_vcl(args.lines)
        (root / "vcl" / "main.vcl").write_text(vcl)
        sections = vcl.count("sub rule_")
        for f in range(0, args.cases, 100):
            cases = "".join(case(i, sections) for i in range(f, min(f + 100, args.cases)))
            (root / "tests" / f"bench{f // 100:02d}.yaml").write_text(
                "service: bench\ndefaults:\n  request:\n    headers: {Host: bench.example.com}\n"
                "cases:\n" + cases)
        started, cpu = time.perf_counter(), time.process_time()
        result = run_tests([], root=root)
        seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
        one = root / "tests" / "bench00.yaml"
        started = time.perf_counter()
        single = run_tests([one], root=root)
        single_seconds = time.perf_counter() - started
    print(f"service: {vcl.count(chr(10))} lines of VCL, {sections} rule subs")
    print(f"cases: {len(result.cases)} ({result.count('passed')} passed, "
          f"{result.count('failed')} failed, {result.count('error')} errors, "
          f"problems: {result.problems[:1]})")
    print(f"all cases: {seconds:.2f} s wall, {cpu:.2f} s CPU "
          f"({len(result.cases) / cpu:.0f} cases per CPU second)")
    print(f"one file of {len(single.cases)} cases (incl. loading the spec): "
          f"{single_seconds:.2f} s")
    bad = [c for c in result.cases if not c.ok][:3]
    for c in bad:
        print("  not passing:", c.name, c.message, [m.text() for m in c.mismatches])


if __name__ == "__main__":
    main()
