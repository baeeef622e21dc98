"""Views of custom VCL a client reads beside the VCL objects themselves (fastly-py `VclApi`,
`VclDiffApi`):

- `GET …/vcl/{name}/download`: the file's text, as a download (`text/plain`);
- `GET …/vcl/{name}/content`: `{"content": …}` (Fastly adds syntax-highlighting markup; the
  emulator sends the text, as it does for `generated_vcl/content`);
- `GET …/version/{n}/boilerplate`: the VCL Fastly offers to start a custom VCL from;
- `POST /vcl_lint` and `POST /service/{id}/lint` with `{"vcl": …}`: a `ValidatorResult`
  from the compile check activation runs (syntax, in Fastly's words);
- `GET /service/{id}/vcl/diff/from/{a}/to/{b}`: two versions' generated VCL, line by line,
  marked as `…/diff/from/{a}/to/{b}` marks the configuration.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ...kinds import KINDS
from ..bodies import parse_body
from ..compile import lint_source
from ..errors import bad_request
from ..messages import Request, Response, Route
from . import generated
from .diff import diff_answer
from .paths import bind

if TYPE_CHECKING:
    from ..api import FastlyApi

BOILERPLATE = """\
sub vcl_recv {
#FASTLY recv
  if (req.method != "HEAD" && req.method != "GET" && req.method != "FASTLYPURGE") {
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

sub vcl_hit {
#FASTLY hit
  return(deliver);
}

sub vcl_miss {
#FASTLY miss
  return(fetch);
}

sub vcl_pass {
#FASTLY pass
  return(pass);
}

sub vcl_fetch {
#FASTLY fetch
  if (beresp.http.Set-Cookie || beresp.http.Cache-Control ~ "(private|no-store)") {
    return(pass);
  }
  if (!beresp.http.Expires && !beresp.http.Surrogate-Control ~ "max-age"
      && !beresp.http.Cache-Control ~ "(s-maxage|max-age)") {
    set beresp.ttl = 3600s;
  }
  return(deliver);
}

sub vcl_error {
#FASTLY error
  return(deliver);
}

sub vcl_deliver {
#FASTLY deliver
  return(deliver);
}

sub vcl_log {
#FASTLY log
}
"""
"""The custom-VCL starting point Fastly documents: each lifecycle subroutine with its
`#FASTLY` macro (after the two hash lines in vcl_hash) and its default return, and vcl_fetch
passing responses that set cookies or are private, with a default TTL of an hour. (Fastly's
own text also carries comments and Image Optimizer rules.)"""

_TEXT = {"content-type": "text/plain; charset=utf-8"}


def route(api: FastlyApi, req: Request) -> Route | None:
    return (bind(api, req, "service/{sid}/version/{v}/vcl/{name}/download",
                 {"GET": ("GET vcl/download", download)})
            or bind(api, req, "service/{sid}/version/{v}/vcl/{name}/content",
                    {"GET": ("GET vcl/content", content)})
            or bind(api, req, "service/{sid}/version/{v}/boilerplate",
                    {"GET": ("GET boilerplate", boilerplate)})
            or bind(api, req, "vcl_lint", {"POST": ("POST vcl_lint", lint)}, limited=False)
            or bind(api, req, "service/{sid}/lint", {"POST": ("POST lint", lint)},
                    limited=False)
            or bind(api, req, "service/{sid}/vcl/diff/from/{a}/to/{b}",
                    {"GET": ("GET vcl diff", vcl_diff)}))


def _vcl_text(api: FastlyApi, customer: str, sid: str, v: str, name: str) -> str:
    api._service(customer, sid)
    number = api._version(sid, v)["number"]
    return str(api._object(sid, number, KINDS["vcl"], name)["fields"].get("content") or "")


def download(api: FastlyApi, req: Request, customer: str, sid: str, v: str,
             name: str) -> Response:
    text = _vcl_text(api, customer, sid, v, name)
    return Response(200, None, {**_TEXT, "content-disposition":
                                f'attachment; filename="{name}.vcl"'}, raw=text.encode())


def content(api: FastlyApi, req: Request, customer: str, sid: str, v: str,
            name: str) -> Response:
    return Response(200, {"content": _vcl_text(api, customer, sid, v, name)})


def boilerplate(api: FastlyApi, req: Request, customer: str, sid: str, v: str) -> Response:
    api._service(customer, sid)
    api._version(sid, v)
    return Response(200, None, dict(_TEXT), raw=BOILERPLATE.encode())


def lint(api: FastlyApi, req: Request, customer: str, sid: str | None = None) -> Response:
    if sid is not None:
        api._service(customer, sid)
    source = parse_body(req.body, req.headers.get("content-type") or "application/json") \
        .get("vcl")
    if not isinstance(source, str):
        raise bad_request("Invalid value for 'vcl': expected the VCL text")
    errors = [problem.detail() for problem in lint_source(source)]
    attributes: dict[str, Any] = {
        "msg": None, "status": "error" if errors else "ok", "errors": errors, "warnings": [],
        "messages": [{"type": "error", "warning": False, "message": error, "tokens": []}
                     for error in errors]}
    return Response(200, {"data": {"id": api.new_id(), "type": "validator_result",
                                   "attributes": attributes}})


def vcl_diff(api: FastlyApi, req: Request, customer: str, sid: str, a: str,
             b: str) -> Response:
    api._service(customer, sid)
    old, new = (generated.render(api, sid, api._version(sid, n)["number"]).split("\n")
                for n in (a, b))
    return diff_answer(api, req, a, b, old, new)
