"""Edge rate limiters: versioned, listed and created under the version, but read, changed and
deleted by id at `/rate-limiters/{id}` (ids change with every clone)."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator

from .base import Kind, KindModel, NamedModel, Reference

LOGGERS = ("azureblob", "bigquery", "cloudfiles", "datadog", "digitalocean", "elasticsearch",
           "ftp", "gcs", "googleanalytics", "heroku", "honeycomb", "http", "https", "kafka",
           "kinesis", "logentries", "loggly", "logshuttle", "newrelic", "openstack",
           "papertrail", "pubsub", "s3", "scalyr", "sftp", "splunk", "stackdriver",
           "sumologic", "syslog")


class RateLimitResponse(KindModel):
    status: int = Field(ge=100, le=999, description="HTTP status of the response.")
    content_type: str = Field(description="Content-Type of the response.")
    content: str = Field(description="Body of the response.")


class RateLimiter(NamedModel):
    uri_dictionary_name: str | None = Field(None, description="Dictionary of URLs to limit "
                                            "(all URLs when unset). API default: none.")
    http_methods: list[str] = Field(min_length=1, description="Methods counted (e.g. GET, "
                                    "POST).")
    rps_limit: int = Field(ge=10, le=10000, description="Requests per second allowed.")
    window_size: Literal[1, 10, 60] = Field(description="Seconds the rate is averaged over.")
    client_key: list[str] = Field(min_length=1, description="VCL variables identifying a client "
                                  "(req.http.Fastly-Client-IP).")
    penalty_box_duration: int = Field(ge=1, le=60, description="Minutes a client over the "
                                      "limit stays penalised.")
    action: Literal["response", "response_object", "log_only"] = Field(
        description="What happens to a client over the limit.")
    response: RateLimitResponse | None = Field(None, description="The response for action "
                                               "response. API default: none.")
    response_object_name: str | None = Field(None, description="Response object for action "
                                             "response_object. API default: none.")
    logger_type: Literal[LOGGERS] | None = Field(  # type: ignore[valid-type]
        None, description="Logging endpoint kind for action log_only. API default: none.")
    feature_revision: int = Field(1, ge=1, description="Revision of the rate-limiting feature."
                                  " API default: 1.")

    @model_validator(mode="after")
    def _action_needs(self) -> RateLimiter:
        if self.action == "response" and self.response is None:
            raise ValueError("action response needs response (status, content_type, content)")
        if self.action == "response_object" and not self.response_object_name:
            raise ValueError("action response_object needs response_object_name")
        return self


KIND = Kind(name="rate_limiter", model=RateLimiter, spec_key="rate_limiters",
            api_path="rate-limiters", api_label="ERL", in_details=False, has_id=True,
            access="by_id", order=70, unset_wire={"logger_type": "omit"},
            references=(Reference("uri_dictionary_name", "dictionary"),
                        Reference("response_object_name", "response_object")))
