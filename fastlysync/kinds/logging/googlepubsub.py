"""Google Cloud Pub/Sub logging (the API's `pubsub`; Terraform's `logging_googlepubsub`)."""

from __future__ import annotations

from pydantic import Field

from .base import SECRET, UNSET, LoggingEndpoint, logging_kind


class LoggingGooglepubsub(LoggingEndpoint):
    project_id: str = Field(description="Google Cloud project id.")
    topic: str = Field(description="Pub/Sub topic.")
    user: str | None = Field(None, description="Service account email. " + UNSET)
    secret_key: str | None = Field(None, description="Service account secret key." + SECRET
                                   + " " + UNSET)
    account_name: str | None = Field(None, description="Google service account to impersonate "
                                     "instead of user/secret_key. " + UNSET)


KIND = logging_kind("googlepubsub", LoggingGooglepubsub, api_name="pubsub", label="pubsub",
                    sensitive=frozenset({"secret_key"}),
                    unset_wire=dict.fromkeys(("user", "secret_key", "account_name"), "blank"))
