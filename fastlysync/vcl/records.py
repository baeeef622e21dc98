"""`@record`: the part of `@dataclass` the linter uses, without importing `dataclasses`.

`dataclasses` imports `inspect` (and with it `ast`, `dis`, `tokenize`, ...), a sizeable share of
a cold `fastlysync lint` (see `bench/lint_cold_start.py`). A record gets what the lint path's
data classes need: an `__init__` from the annotations (defaults, `field(default_factory=...)`,
`__post_init__`), `__repr__`, field-wise `__eq__` (unless `eq=False`), `frozen` and `slots`.
"""

from __future__ import annotations

from collections.abc import Callable

from fastlysync.vcl.codecache import compile_cached

TYPE_CHECKING = False  # typing itself costs a cold lint its import
if TYPE_CHECKING:
    from typing import Any, TypeVar

if TYPE_CHECKING:
    _T = TypeVar("_T")
_MISSING: Any = object()


class _Factory:
    __slots__ = ("make",)

    def __init__(self, make: Callable[[], Any]) -> None:
        self.make = make


def field(*, default_factory: Callable[[], Any]) -> Any:
    """A default made fresh for each instance (`list`, `dict`, ...)."""
    return _Factory(default_factory)


def fields(obj: object) -> tuple[str, ...]:
    return type(obj).__record_fields__  # type: ignore[attr-defined, no-any-return]


def as_dict(obj: object) -> dict[str, Any]:
    """Field name -> value (shallow: records here hold plain values)."""
    return {name: getattr(obj, name) for name in fields(obj)}


def _frozen_setattr(self: object, name: str, value: object) -> None:
    raise AttributeError(f"cannot assign to field {name!r} of a frozen {type(self).__name__}")


def record(cls: type[_T] | None = None, *, frozen: bool = False, slots: bool = False,
           eq: bool = True) -> Any:
    def wrap(cls: type[_T]) -> type[_T]:
        annotations = cls.__dict__.get("__annotations__", {})  # noqa: RUF063
        names = [n for n, t in annotations.items() if not str(t).startswith("ClassVar")]
        defaults = {n: cls.__dict__[n] for n in names if n in cls.__dict__}
        namespace = {k: v for k, v in cls.__dict__.items()
                     if k not in ("__dict__", "__weakref__")
                     and not (k in defaults and (slots or isinstance(v, _Factory)))}
        if slots:
            namespace["__slots__"] = tuple(names)
        namespace["__record_fields__"] = tuple(names)
        env: dict[str, Any] = {"_MISSING": _MISSING, "_set": object.__setattr__}
        params, body = [], []
        for n in names:
            value = defaults.get(n, _MISSING)
            if value is _MISSING:
                params.append(n)
                body.append(n)
            elif isinstance(value, _Factory):
                env[f"_f_{n}"] = value.make
                params.append(f"{n}=_MISSING")
                body.append(f"_f_{n}() if {n} is _MISSING else {n}")
            else:
                env[f"_d_{n}"] = value
                params.append(f"{n}=_d_{n}")
                body.append(n)
        lines = [f"  _set(self, {n!r}, {v})" if frozen else f"  self.{n} = {v}"
                 for n, v in zip(names, body, strict=True)]
        if "__post_init__" in cls.__dict__:
            lines.append("  self.__post_init__()")
        source = f"def __init__(self, {', '.join(params)}):\n" + ("\n".join(lines) or "  pass")
        # One small function per class, as dataclasses does (its compiled code is cached).
        exec(compile_cached(source, f"fastlysync-record-{cls.__module__}.{cls.__qualname__}"),
             env)
        namespace["__init__"] = env["__init__"]

        def __repr__(self: Any) -> str:
            inner = ", ".join(f"{n}={getattr(self, n)!r}" for n in names)
            return f"{type(self).__qualname__}({inner})"

        namespace.setdefault("__repr__", __repr__)
        if eq:
            def __eq__(self: Any, other: object) -> bool:
                if other.__class__ is not self.__class__:
                    return NotImplemented
                return all(getattr(self, n) == getattr(other, n) for n in names)

            namespace["__eq__"] = __eq__
            if frozen:
                namespace["__hash__"] = lambda self: hash(tuple(getattr(self, n) for n in names))
            else:
                namespace["__hash__"] = None
        if frozen:
            namespace["__setattr__"] = _frozen_setattr
            namespace["__delattr__"] = _frozen_setattr
        new_cls = type(cls)(cls.__name__, cls.__bases__, namespace)
        new_cls.__qualname__ = cls.__qualname__
        return new_cls

    return wrap if cls is None else wrap(cls)
