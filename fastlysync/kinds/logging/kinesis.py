"""Amazon Kinesis Data Streams logging."""

from __future__ import annotations

from pydantic import Field, field_validator

from .. import validators
from .base import SECRET, UNSET, LoggingEndpoint, logging_kind
from .s3 import NO_KEYS_WITH_ROLE


class LoggingKinesis(LoggingEndpoint):
    topic: str = Field(description="Kinesis stream name.")
    region: str = Field("us-east-1", description="AWS region of the stream. API default: "
                                                 "us-east-1.")
    access_key: str | None = Field(None, description="AWS access key id." + SECRET + " "
                                   + UNSET)
    secret_key: str | None = Field(None, description="AWS secret key." + SECRET + " " + UNSET)
    iam_role: str | None = Field(None, description="IAM role ARN to assume instead of access "
                                 "keys. " + UNSET)

    @field_validator("iam_role")
    @classmethod
    def _iam_role(cls, value: str | None) -> str | None:
        return value if value is None else validators.iam_role_arn(value)


KIND = logging_kind("kinesis", LoggingKinesis, sensitive=frozenset({"access_key", "secret_key"}),
                    exclusive=(NO_KEYS_WITH_ROLE,))
