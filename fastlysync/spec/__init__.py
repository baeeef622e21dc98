"""Service specs: the pydantic model, the YAML loader and its error positions.

`load_specs` is the one entry point for every command that reads `services/`.
"""

from .dump import dump_service
from .errors import SpecError
from .loader import LoadedService, LoadResult, find_root, load_specs, load_text
from .model import Service, ServiceBase
from .secrets import mask

__all__ = ["LoadResult", "LoadedService", "Service", "ServiceBase", "SpecError", "dump_service",
           "find_root", "load_specs", "load_text", "mask"]
