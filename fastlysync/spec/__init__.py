"""Service specs: the pydantic model and the YAML loader."""

from .model import Service, ServiceBase

__all__ = ["Service", "ServiceBase"]
