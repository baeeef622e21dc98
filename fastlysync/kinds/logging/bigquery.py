"""Google BigQuery logging (one row per request)."""

from __future__ import annotations

from pydantic import Field

from .base import LoggingEndpoint, logging_kind


class LoggingBigquery(LoggingEndpoint):
    project_id: str = Field(description="Google Cloud project id.")
    dataset: str = Field(description="BigQuery dataset.")
    table: str = Field(description="BigQuery table.")
    template_suffix: str | None = Field(None, description="BigQuery template table suffix. API "
                                                          "default: none (null).")
    user: str | None = Field(None, description="Service account email. API default: none (null).")
    account_name: str | None = Field(None, description="Google service account to impersonate "
                                                       "instead of user/secret_key. API default: "
                                                       "none (null).")
    secret_key: str | None = Field(None, description="Secret key. Sensitive: write it as "
                                                     "${env:NAME}. API default: none (null).")


KIND = logging_kind("bigquery", LoggingBigquery, sensitive=frozenset({"secret_key"}),
                    unset_wire=dict.fromkeys(
                        ("user", "account_name", "secret_key", "template_suffix"), "blank"))
