"""Talking to the Fastly API: the client, its configuration, and reading live services."""

from .client import FastlyClient
from .config import ClientConfig, resolve_config
from .errors import ApiError, ConfigError, FastlyError
from .remote import RemoteService, ServiceRef, read_remote, resolve_ids

__all__ = ["ApiError", "ClientConfig", "ConfigError", "FastlyClient", "FastlyError",
           "RemoteService", "ServiceRef", "read_remote", "resolve_config", "resolve_ids"]
