"""Syntax errors, reported by the parser."""

from __future__ import annotations

from .base import Rule

TYPE_CHECKING = False  # typing itself costs a cold lint its import
if TYPE_CHECKING:
    from ..diagnostic import Diagnostic
    from .analysis import Analysis


class SyntaxError_(Rule):
    """The file does not parse as VCL."""

    code = "VCL001"
    name = "syntax-error"
    severity = "error"
    aliases = ("syntax", "parse-error")
    doc = (
        "The parser could not read the file (or snippet, or condition). Nothing else is checked "
        "in a file with a syntax error, so fix these first. Syntax errors cannot be ignored with "
        "comments. A file (or snippet) over Fastly's limit of 1 MB (1,048,576 bytes) per custom "
        "VCL file or snippet is reported here too; it is still checked, up to 4 MiB."
    )
    bad = 'sub vcl_recv {\n  set req.http.X-Foo = "a"\n}\n'
    good = 'sub vcl_recv {\n  set req.http.X-Foo = "a";\n}\n'

    def check(self, context: Analysis) -> list[Diagnostic]:
        return [d for f in context.files for d in f.syntax if d.code == self.code]


class Template(Rule):
    """The file is a template (Terraform `${...}`, ERB `<%= %>`, `####NAME####`), not VCL yet."""

    code = "VCL002"
    name = "unrendered-template"
    severity = "info"
    doc = (
        "Files holding template placeholders cannot be parsed until they are rendered, so they "
        "are reported once, as a note, instead of as a cascade of syntax errors. Lint the "
        "rendered output instead."
    )
    bad = 'sub vcl_recv {\n  #FASTLY recv\n  %{ if force_tls }\n  error 801;\n  %{ endif }\n}\n'
    good = 'sub vcl_recv {\n  #FASTLY recv\n  error 801;\n}\n'

    def check(self, context: Analysis) -> list[Diagnostic]:
        return [d for f in context.files for d in f.syntax if d.code == self.code]
