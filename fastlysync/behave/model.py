"""The test file format (``tests/<service>.yaml``), as pydantic models: they validate a file and
give its JSON Schema (``fastlysync test --schema``)."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

Headers = dict[str, str | list[str]]


def _header_list(value: Any) -> Any:
    """Headers may also be written as a list of ``"Name: value"`` lines."""
    if isinstance(value, list):
        out: dict[str, Any] = {}
        for line in value:
            if not isinstance(line, str) or ":" not in line:
                raise ValueError(f"header line {line!r} is not 'Name: value'")
            name, _, text = line.partition(":")
            key = next((k for k in out if k.lower() == name.strip().lower()), name.strip())
            out.setdefault(key, []).append(text.strip())
        return out
    return value


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class RequestModel(Strict):
    method: str = Field("GET", description="HTTP method.")
    url: str = Field("/", description="Path and query (`/a?b=1`) or a full URL, whose scheme "
                                      "sets TLS and whose host the Host header.")
    headers: Headers | list[str] = Field(
        default_factory=dict, description="Request headers: a mapping (a list value sends the "
                                          "header several times) or `Name: value` lines.")
    client_ip: str = Field("203.0.113.10", description="The client's IP address (client.ip).")
    geo: dict[str, str | int | float] = Field(
        default_factory=dict, description="client.geo.* values, e.g. {country_code: DE}.")
    tls: bool | None = Field(None, description="Client connection over TLS (default: true, or "
                                               "the URL's scheme).")
    tls_client: dict[str, str | int | bool] = Field(
        default_factory=dict, description="tls.client.* values of the handshake (over TLS), "
                                          "e.g. {ja3_md5: ..., ja4: ...}; unset ones read "
                                          "not set, with a note.")
    http2: bool = Field(False, description="Client speaks HTTP/2.")
    body: str = Field("", description="Request body (req.body).")

    _headers = field_validator("headers", mode="before")(_header_list)


class BackendModel(Strict):
    status: int = Field(200, ge=100, le=999)
    headers: Headers | list[str] = Field(default_factory=dict)
    body: str = ""
    unreachable: bool = Field(False, description="Connection fails: Fastly runs vcl_error "
                                                 "with 503.")

    _headers = field_validator("headers", mode="before")(_header_list)


BackendSpec = BackendModel | Literal["unreachable"]


class HeaderExpect(Strict):
    equals: str | None = None
    match: str | None = Field(None, description="Regular expression the value must match.")
    contains: str | None = None
    absent: bool | None = Field(None, description="true: the header must not be there.")


class OriginExpect(Strict):
    """What the backend received (the last fetch of the request)."""

    method: str | None = None
    url: str | HeaderExpect | None = Field(None, description="Path and query: a string means "
                                                             "equal.")
    headers: dict[str, str | list[str] | HeaderExpect | None] = Field(default_factory=dict)


class LogExpect(Strict):
    equals: str | None = None
    match: str | None = None
    contains: str | None = None


class Expect(Strict):
    status: int | None = None
    response: str | None = Field(None, description="Status text (resp.response).")
    headers: dict[str, str | list[str] | HeaderExpect | None] = Field(
        default_factory=dict, description="A string means equal (to the first field); a list, "
                                          "every field in order; null means absent.")
    body: str | None = Field(None, description="The whole body.")
    body_contains: str | list[str] | None = None
    backend: str | None = Field(None, description="Backend that was fetched from (spec name "
                                                  "or VCL name); `none` for no fetch.")
    origin: OriginExpect | None = Field(None, description="The request the backend got.")
    cache: Literal["hit", "miss", "pass", "error"] | None = Field(
        None, description="How the response was made: from cache (hit), fetched and cached "
                          "(miss), fetched without caching (pass), or by vcl_error (error).")
    restarts: int | None = None
    logs: dict[str, list[str | LogExpect]] | None = Field(
        None, description="Lines each logging endpoint got, in order.")
    subroutines: list[str] | None = Field(
        None, description="Subroutines that ran, in order (vcl_ prefix optional); a subset in "
                          "order is enough.")
    not_subroutines: list[str] | None = Field(None, description="Subroutines that must not run.")

    @field_validator("cache", mode="before")
    @classmethod
    def _lower(cls, value: Any) -> Any:
        return value.lower() if isinstance(value, str) else value


class StepModel(Strict):
    request: RequestModel | None = Field(None, description="Default: the case's request.")
    after: float = Field(0, ge=0, description="Seconds after the previous request.")
    backends: dict[str, BackendSpec] | None = None
    expect: Expect = Field(default_factory=Expect)


class CaseModel(Strict):
    name: str
    request: RequestModel = Field(default_factory=RequestModel)
    backends: dict[str, BackendSpec] = Field(default_factory=dict, description="What each "
                                             "backend answers, by spec name or VCL name; `*` "
                                             "for any. Default: 200 with an empty body.")
    expect: Expect = Field(default_factory=Expect)
    then: list[StepModel] = Field(default_factory=list, description="Further requests on the "
                                  "same cache (e.g. to see a hit).")
    seed: int = Field(0, description="Seed of the random functions.")
    now: str | float | None = Field(None, description="Time of the request (epoch seconds or "
                                                      "ISO 8601); default 2026-01-01T00:00Z.")
    skip: bool = False


class Defaults(Strict):
    request: RequestModel | None = None
    backends: dict[str, BackendSpec] = Field(default_factory=dict)


class TestFileModel(Strict):
    __test__ = False  # not a pytest class
    service: str | None = Field(None, description="Name of the service in services/ (or its "
                                                  "spec file path).")
    environment: str | None = Field(None, description="Which environment of the service.")
    vcl: str | None = Field(None, description="Instead of a service: one VCL file to run "
                                              "(relative to this file).")
    defaults: Defaults = Field(default_factory=Defaults)
    cases: list[CaseModel]

    @field_validator("cases")
    @classmethod
    def _unique(cls, cases: list[CaseModel]) -> list[CaseModel]:
        seen: set[str] = set()
        for case in cases:
            if case.name in seen:
                raise ValueError(f"two cases are named {case.name!r}")
            seen.add(case.name)
        return cases


def file_schema() -> dict[str, Any]:
    schema = TestFileModel.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "fastlysync behaviour tests"
    return schema
