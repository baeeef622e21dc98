"""What every Fastly logging endpoint shares, and the helper that declares a logging kind."""

from __future__ import annotations

from typing import Literal

from ..base import Kind, NamedModel, Reference, WireType

DEFAULT_FORMAT = '%h %l %u %t "%r" %>s %b'


class LoggingEndpoint(NamedModel):
    format: str = DEFAULT_FORMAT
    format_version: Literal[1, 2] = 2
    placement: Literal["none", "none_vcl", "waf_debug"] | None = None
    response_condition: str | None = None


def logging_kind(
    provider: str,
    model: type[LoggingEndpoint],
    *,
    label: str | None = None,
    sensitive: frozenset[str] = frozenset(),
    wire: dict[str, WireType] | None = None,
    echoes: dict[str, str] | None = None,
) -> Kind:
    """Declare the logging kind `logging_<provider>` served at `logging/<provider>`."""
    return Kind(
        name=f"logging_{provider}",
        model=model,
        spec_key=f"logging_{provider}",
        api_path=f"logging/{provider}",
        api_label=label or provider,
        in_details=False,
        wire={"format_version": "str", **(wire or {})},
        version_wire="str",
        sensitive=sensitive,
        references=(Reference("response_condition", "condition", "RESPONSE"),),
        order=80,
        logging=True,
        echoes=echoes or {},
    )
