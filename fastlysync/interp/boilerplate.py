"""The VCL Fastly runs where a service has no custom VCL (or lacks a builtin subroutine).

Written for this project after Fastly's documented boilerplate and default caching policy
(https://www.fastly.com/documentation/guides/full-site-delivery/custom-vcl/creating-custom-vcl/):
each subroutine holds its ``#FASTLY`` macro and ends with its default return; ``vcl_recv`` passes
methods other than GET/HEAD/FASTLYPURGE; ``vcl_fetch`` passes responses with ``Set-Cookie`` or
``Cache-Control: private`` and retries a 500/503 of an idempotent request once.
"""

from __future__ import annotations

PATH = "<fastly boilerplate>"


def _plain(name: str, action: str | None) -> str:
    """A subroutine that is only its macro and its default return."""
    ret = f"  return({action});\n" if action else ""
    return f"sub vcl_{name} {{\n#FASTLY {name}\n{ret}}}\n"


SUBS: dict[str, str] = {
    "vcl_recv": """sub vcl_recv {
#FASTLY recv
  if (req.method != "HEAD" && req.method != "GET" && req.method != "FASTLYPURGE") {
    return(pass);
  }
  return(lookup);
}
""",
    "vcl_hash": """sub vcl_hash {
  set req.hash += req.url;
  set req.hash += req.http.host;
#FASTLY hash
  return(hash);
}
""",
    "vcl_fetch": """sub vcl_fetch {
#FASTLY fetch
  if ((beresp.status == 500 || beresp.status == 503) && req.restarts < 1
      && (req.method == "GET" || req.method == "HEAD")) {
    restart;
  }
  if (req.restarts > 0) {
    set beresp.http.Fastly-Restarts = req.restarts;
  }
  if (beresp.http.Set-Cookie) {
    set req.http.Fastly-Cachetype = "SETCOOKIE";
    return(pass);
  }
  if (beresp.http.Cache-Control ~ "private") {
    set req.http.Fastly-Cachetype = "PRIVATE";
    return(pass);
  }
  if (beresp.status == 500 || beresp.status == 503) {
    set req.http.Fastly-Cachetype = "ERROR";
    set beresp.ttl = 1s;
    set beresp.grace = 5s;
    return(deliver);
  }
  return(deliver);
}
""",
    **{f"vcl_{name}": _plain(name, action) for name, action in (
        ("hit", "deliver"), ("miss", "fetch"), ("pass", "pass"), ("error", "deliver"),
        ("deliver", "deliver"), ("log", None))},
}
