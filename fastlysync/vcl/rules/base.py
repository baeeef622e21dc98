"""The shape of a lint rule."""

from __future__ import annotations

from ..diagnostic import Diagnostic

TYPE_CHECKING = False  # typing itself costs a cold lint its import
if TYPE_CHECKING:
    from typing import ClassVar

    from .. import ast as A
    from .analysis import Analysis, Container, SourceFile


class Rule:
    """A check with a stable code and name. The docstring's first line is its summary.

    `doc` holds the explanation with a `Bad:` and a `Good:` VCL example; the tests run both
    examples (the bad one must fire, the good one must not) and `fastlysync lint --explain CODE`
    prints it. `bad_context`/`good_context` name the lint mode the examples need: "file"
    (standalone), or "service" with `example_service` giving the declared names.
    """

    code: ClassVar[str]
    name: ClassVar[str]
    severity: ClassVar[str] = "error"
    aliases: ClassVar[tuple[str, ...]] = ()
    """Other names accepted in ignore comments and config (falco's rule names)."""
    doc: ClassVar[str] = ""
    bad: ClassVar[str] = ""
    good: ClassVar[str] = ""
    example_service: ClassVar[dict[str, list[str]] | None] = None

    def check(self, context: Analysis) -> list[Diagnostic]:
        raise NotImplementedError

    @classmethod
    def summary(cls) -> str:
        return (cls.__doc__ or "").strip().splitlines()[0]

    def scoped_severity(self, cont: Container) -> str | None:
        """A scope finding in a sub whose scope is only guessed from its name is a warning:
        what Fastly would say depends on callers we cannot see."""
        return "warning" if cont.guessed and self.severity == "error" else None

    def diag(
        self,
        node: A.Node,
        file: SourceFile,
        message: str,
        severity: str | None = None,
    ) -> Diagnostic:
        line, end_line = file.lines(node.line, node.end_line or node.line)
        return Diagnostic(
            path=file.path,
            line=line,
            column=node.column,
            end_line=end_line,
            end_column=node.end_column or node.column,
            code=self.code,
            name=self.name,
            severity=severity or self.severity,
            message=message,
        )
