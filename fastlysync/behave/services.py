"""Find the service a test file names and build it once (specs load once per run)."""

from __future__ import annotations

from pathlib import Path

from fastlysync.interp.errors import VclRuntimeError
from fastlysync.interp.service import Service, vcl_source
from fastlysync.interp.spec_source import spec_source
from fastlysync.spec import load_specs
from fastlysync.spec.loader import LoadedService
from fastlysync.spec.placeholders import Placeholders


class ServiceError(Exception):
    """A test file's service cannot be found or built."""


def _test_placeholder(key: str) -> str:
    """Tests need no secrets: an unset `${env:NAME}` reads as a placeholder."""
    return f"fastlysync-test-placeholder-{key.lower()}"


class Services:
    def __init__(self, root: Path) -> None:
        self.root = root
        self._loaded: list[LoadedService] | None = None
        self._errors: list[str] = []
        self._built: dict[tuple[str, str], Service] = {}

    def loaded(self) -> list[LoadedService]:
        if self._loaded is None:
            result = load_specs(None, root=self.root, env=Placeholders(_test_placeholder))
            self._loaded = list(result.services)
            self._errors = [f"{e.path}:{e.line}:{e.column}: {e.message}" for e in result.errors]
        return self._loaded

    def find(self, name: str, environment: str | None) -> LoadedService:
        services = self.loaded()
        matches = [s for s in services
                   if name in (s.service.name, Path(s.path).stem, str(s.path))
                   or Path(name).resolve() == Path(s.path).resolve()]
        if environment:
            matches = [s for s in matches if s.environment == environment]
        if not matches:
            known = ", ".join(sorted({s.service.name for s in services})) or "none"
            hint = f"; spec problems: {self._errors[0]}" if self._errors else ""
            raise ServiceError(f"no service {name!r}"
                               + (f" with environment {environment!r}" if environment else "")
                               + f" in {self.root / 'services'} (services: {known}){hint}")
        if len(matches) > 1:
            envs = ", ".join(str(s.environment) for s in matches)
            raise ServiceError(f"service {name!r} has several environments ({envs}); "
                               "say which with `environment:`")
        return matches[0]

    def build(self, name: str, environment: str | None) -> Service:
        key = (name, environment or "")
        if key not in self._built:
            loaded = self.find(name, environment)
            try:
                self._built[key] = Service(spec_source(loaded))
            except VclRuntimeError as exc:
                raise ServiceError(str(exc)) from None
        return self._built[key]

    def build_vcl(self, path: Path) -> Service:
        key = (str(path.resolve()), "<vcl>")
        if key not in self._built:
            try:
                text = path.read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError) as exc:
                raise ServiceError(f"cannot read {path}: {exc}") from None
            try:
                self._built[key] = Service(vcl_source(text, str(path)))
            except VclRuntimeError as exc:
                raise ServiceError(str(exc)) from None
        return self._built[key]

    def for_vcl_file(self, path: Path) -> LoadedService | None:
        """The spec service whose custom VCL is ``path`` (for falco test files)."""
        target = path.resolve()
        for loaded in self.loaded():
            for vcl in loaded.service.vcls:
                if vcl.file and loaded.vcl_file(vcl.file).resolve() == target:
                    return loaded
        return None
