"""HTTP/3 (QUIC): a per-version switch that exists or not (`/version/{n}/http3`)."""

from __future__ import annotations

from pydantic import Field

from .base import Ignoring, Kind


class Http3(Ignoring):
    enabled: bool = Field(False, description="Serve HTTP/3 and advertise it (Alt-Svc). Read "
                          "only when the spec gives `http3:`; to turn it off write `enabled: "
                          "false`. API default: off (no http3 object).")


KIND = Kind(name="http3", model=Http3, spec_key="http3", api_path="http3", api_label="Http3",
            in_details=False, singleton=True, access="presence", order=85)
