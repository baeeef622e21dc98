"""Find the live service a lifecycle command names: by the spec's id, else by name."""

from __future__ import annotations

from ..fastly.client import FastlyClient
from ..fastly.remote import ServiceRef, find_service_id
from .versions import LifecycleError


async def service_id_for(client: FastlyClient, ref: ServiceRef) -> str:
    if ref.id:
        return ref.id
    found = await find_service_id(client, ref.name)
    if found is None:
        raise LifecycleError(f"no live service named {ref.name!r}")
    return found
