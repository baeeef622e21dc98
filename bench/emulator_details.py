"""Throughput of `GET /service/{id}/details` against a real emulator server.

Starts `fastlysync emulator` in a subprocess on a free loopback port, seeds one service with
a typical configuration (two versions, one active), then fetches its details from this one
process over keep-alive connections (one by default, or several from threads) and prints
requests per second.

    python bench/emulator_details.py [--seconds 5] [--connections 1]
                                      [--client raw|http.client|httpx]

FASTLYSYNC_EMULATOR_HTTP=h11 forces uvicorn's pure-Python HTTP parser (the default picks
httptools when it is installed).
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import socket
import threading
import time
from urllib.parse import urlencode

from emulator_process import start_emulator, stop_emulator

TOKEN = "bench-token"


def call(conn: http.client.HTTPConnection, method: str, path: str,
         form: dict[str, str] | None = None) -> dict:
    headers = {"Fastly-Key": TOKEN}
    body = None
    if form is not None:
        body = urlencode(form)
        headers["Content-Type"] = "application/x-www-form-urlencoded"
    conn.request(method, path, body=body, headers=headers)
    response = conn.getresponse()
    data = response.read()
    if response.status != 200:
        raise SystemExit(f"{method} {path}: {response.status} {data[:200]!r}")
    return json.loads(data)


def seed(conn: http.client.HTTPConnection) -> str:
    sid = call(conn, "POST", "/service", {"name": "bench"})["id"]
    base = f"/service/{sid}/version/1"
    for i in range(8):
        call(conn, "POST", f"{base}/backend", {"name": f"origin_{i}", "address": f"10.0.0.{i}",
                                               "port": "443", "use_ssl": "1"})
        call(conn, "POST", f"{base}/condition", {"name": f"cond_{i}", "type": "REQUEST",
                                                 "statement": f'req.url ~ "^/{i}/"'})
        call(conn, "POST", f"{base}/header", {"name": f"hdr_{i}", "action": "set",
                                              "type": "request", "dst": f"http.X-{i}",
                                              "src": '"1"'})
    for i in range(4):
        call(conn, "POST", f"{base}/domain", {"name": f"www{i}.example.com"})
        call(conn, "POST", f"{base}/snippet", {"name": f"snip_{i}", "type": "recv",
                                               "content": f'set req.http.s{i} = "1";'})
    call(conn, "POST", f"{base}/vcl", {"name": "main", "main": "true",
                                       "content": "sub vcl_recv {\n#FASTLY recv\n}\n" * 30})
    call(conn, "PUT", f"{base}/activate")
    call(conn, "PUT", f"{base}/clone")
    return sid


def run_http_client(url: str, path: str, seconds: float) -> float:
    host, port = url.removeprefix("http://").rsplit(":", 1)
    conn = http.client.HTTPConnection(host, int(port))
    headers = {"Fastly-Key": TOKEN}
    count, started = 0, time.perf_counter()
    while (elapsed := time.perf_counter() - started) < seconds:
        conn.request("GET", path, headers=headers)
        response = conn.getresponse()
        response.read()
        assert response.status == 200
        count += 1
    return count / elapsed


def run_raw(url: str, path: str, seconds: float) -> float:
    """A minimal keep-alive HTTP/1.1 client on a plain socket (like wrk): it costs far less
    CPU than http.client, so the figure is the server's throughput, not the client's."""
    host, port = url.removeprefix("http://").rsplit(":", 1)
    sock = socket.create_connection((host, int(port)))
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    request = (f"GET {path} HTTP/1.1\r\nHost: {host}:{port}\r\nFastly-Key: {TOKEN}\r\n"
               "Accept: application/json\r\n\r\n").encode()
    buffer = b""
    count, started = 0, time.perf_counter()
    while (elapsed := time.perf_counter() - started) < seconds:
        sock.sendall(request)
        while b"\r\n\r\n" not in buffer:
            buffer += sock.recv(262144)
        head, _, buffer = buffer.partition(b"\r\n\r\n")
        assert head.startswith(b"HTTP/1.1 200"), head[:80]
        length = int(head.lower().split(b"content-length:")[1].split(b"\r\n")[0])
        while len(buffer) < length:
            buffer += sock.recv(262144)
        buffer = buffer[length:]
        count += 1
    sock.close()
    return count / elapsed


def run_httpx(url: str, path: str, seconds: float) -> float:
    import httpx

    with httpx.Client(base_url=url, headers={"Fastly-Key": TOKEN}) as client:
        count, started = 0, time.perf_counter()
        while (elapsed := time.perf_counter() - started) < seconds:
            client.get(path).raise_for_status()
            count += 1
    return count / elapsed


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process (Linux), to report cost per request under load."""
    try:
        with open(f"/proc/{pid}/stat") as stat:
            fields = stat.read().rsplit(")", 1)[1].split()
    except OSError:
        return float("nan")
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def run_threads(runner, url: str, path: str, seconds: float, connections: int) -> float:
    rates = [0.0] * connections

    def work(i: int) -> None:
        rates[i] = runner(url, path, seconds)

    threads = [threading.Thread(target=work, args=(i,)) for i in range(connections)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return sum(rates)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=5.0)
    parser.add_argument("--client", choices=["raw", "http.client", "httpx"], default="raw")
    parser.add_argument("--connections", type=int, default=1,
                        help="keep-alive connections, each driven by its own thread")
    args = parser.parse_args()
    proc, url = start_emulator(TOKEN, rate_limit=100000)
    try:
        host, port = url.removeprefix("http://").rsplit(":", 1)
        sid = seed(http.client.HTTPConnection(host, int(port)))
        path = f"/service/{sid}/details"
        runner = {"raw": run_raw, "http.client": run_http_client, "httpx": run_httpx}[args.client]
        runner(url, path, 0.5)  # warm up
        server_cpu, client_cpu = cpu_seconds(proc.pid), time.process_time()
        rate = run_threads(runner, url, path, args.seconds, args.connections)
        requests = rate * args.seconds
        server_us = (cpu_seconds(proc.pid) - server_cpu) / requests * 1e6
        client_us = (time.process_time() - client_cpu) / requests * 1e6
        size = len(json.dumps(call(http.client.HTTPConnection(host, int(port)), "GET", path)))
        parser_name = os.environ.get("FASTLYSYNC_EMULATOR_HTTP", "auto")
        if parser_name == "auto":
            try:
                import httptools  # noqa: F401
                parser_name = "httptools"
            except ImportError:
                parser_name = "h11"
        print(f"GET /service/{{id}}/details: {rate:,.0f} requests/s "
              f"({args.client} client, {args.connections} keep-alive connection(s), "
              f"uvicorn {parser_name}, "
              f"{size:,}-byte body, {args.seconds:g} s)")
        print(f"CPU per request: server {server_us:.0f} us, client {client_us:.0f} us "
              f"(load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs)")
    finally:
        stop_emulator(proc)


if __name__ == "__main__":
    main()
