"""`@record`, the dataclass subset the lint path uses without importing `dataclasses`."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

import fastlysync
from fastlysync.vcl.records import as_dict, field, record


@record(slots=True)
class Point:
    x: int
    y: int = 0
    tags: list[str] = field(default_factory=list)


@record(frozen=True, slots=True)
class Frozen:
    name: str
    size: int = 1


@record(eq=False)
class Fixed:
    value: int
    seen: int = 0

    def __post_init__(self) -> None:
        self.seen = self.value * 2


def test_init_defaults_factories_repr_eq() -> None:
    a, b = Point(1), Point(1)
    assert (a.x, a.y, a.tags) == (1, 0, []) and a.tags is not b.tags
    assert a == b and a != Point(1, 2) and repr(a) == "Point(x=1, y=0, tags=[])"
    assert as_dict(Point(2, tags=["t"])) == {"x": 2, "y": 0, "tags": ["t"]}
    assert not hasattr(a, "__dict__")  # slotted
    with pytest.raises(TypeError):
        Point()  # type: ignore[call-arg]
    with pytest.raises(TypeError):
        hash(a)


def test_frozen_is_hashable_and_read_only() -> None:
    f = Frozen("a")
    assert hash(f) == hash(Frozen("a", 1)) and f == Frozen("a")
    with pytest.raises(AttributeError):
        f.size = 2  # type: ignore[misc]


def test_post_init_and_identity_equality() -> None:
    one = Fixed(3)
    assert one.seen == 6 and one != Fixed(3) and one == one


def test_a_plain_lint_imports_neither_dataclasses_nor_typing(tmp_path) -> None:
    # `-S` skips site's `.pth` files: some machines carry one that imports certifi (and with it
    # `typing`) into every interpreter, which would say nothing about what lint itself imports.
    # The parent's `sys.path` is set by hand so fastlysync and its dependencies still resolve.
    path = tmp_path / "x.vcl"
    path.write_text('sub vcl_recv {\n#FASTLY recv\n  set req.http.X = "1";\n}\n')
    code = ("import sys; sys.path[:] = sys.argv[2:];"
            "from fastlysync.vcl.lint import lint_paths; lint_paths([sys.argv[1]]);"
            "print('dataclasses' in sys.modules, 'inspect' in sys.modules,"
            " 'typing' in sys.modules)")
    package_root = str(Path(fastlysync.__file__).resolve().parent.parent)
    search_path = [package_root, *(entry for entry in sys.path if entry)]
    out = subprocess.run([sys.executable, "-S", "-c", code, str(path), *search_path],
                         capture_output=True, text=True, timeout=60, check=True).stdout
    assert out.split() == ["False", "False", "False"]
