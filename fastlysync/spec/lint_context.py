"""What a loaded spec declares around its VCL, in the shape the linter reads."""

from __future__ import annotations

from ..kinds import KINDS
from ..vcl.context import ConditionSource, ServiceContext, SnippetSource, VclSource
from .loader import LoadedService, display_path
from .secrets import MASK, mask

LINT_MASK = "env_secret"
"""What a secret reads as to the linter: a plain word, valid inside strings and regexes (the
usual `****` would itself be reported as a bad regex)."""


def masked(text: str, secrets: frozenset[str]) -> str:
    """`text` with `${env:NAME}` values hidden, for the linter (its findings quote source)."""
    return mask(text, secrets).replace(MASK, LINT_MASK) if secrets else text


def _names(loaded: LoadedService, kind_name: str) -> set[str]:
    return {str(obj.name) for obj in loaded.service.objects(KINDS[kind_name])}


def _source(loaded: LoadedService, file: str | None, *keys: str | int) -> tuple[str, int]:
    """Where content came from: its VCL file (line 1), else the spec line it starts on."""
    if file:
        return str(display_path(loaded.vcl_file(file).absolute())), 1
    return str(loaded.path), loaded.positions.content_line(tuple(keys))


def _exact(loaded: LoadedService, file: str | None, text: str, *keys: str | int) -> bool:
    """Whether line N of the content is line N of its source: a file, a `|` block, or one line
    (a quoted string's escaped newlines or a folded `>` block does not keep the spec's lines)."""
    if file or "\n" not in text.rstrip("\n"):
        return True
    return loaded.positions.styles.get(tuple(keys)) == "|"


def service_context(loaded: LoadedService) -> ServiceContext:
    service = loaded.service
    context = ServiceContext(
        backends=_names(loaded, "backend"),
        directors=_names(loaded, "director"),
        tables=_names(loaded, "dictionary"),
        acls=_names(loaded, "acl"),
        name=service.name,
        path=str(loaded.path),
    )
    snippets = KINDS["snippet"]
    for i, snippet in enumerate(service.objects(snippets)):
        path, line = _source(loaded, snippet.file, snippets.spec_key, i, "content")
        context.snippets.append(SnippetSource(
            name=snippet.name, type=snippet.type, priority=snippet.priority,
            content=masked(snippet.content or "", loaded.secrets), path=path, line=line,
            exact_lines=_exact(loaded, snippet.file, snippet.content or "", snippets.spec_key,
                               i, "content")))
    vcls = KINDS["vcl"]
    for i, vcl in enumerate(service.objects(vcls)):
        path, line = _source(loaded, vcl.file, vcls.spec_key, i, "content")
        context.vcls.append(VclSource(
            name=vcl.name, content=masked(vcl.content or "", loaded.secrets), main=vcl.main,
            path=path, line=line,
            exact_lines=_exact(loaded, vcl.file, vcl.content or "", vcls.spec_key, i, "content")))
    conditions = KINDS["condition"]
    for i, condition in enumerate(service.objects(conditions)):
        line = loaded.positions.content_line((conditions.spec_key, i, "statement"))
        context.conditions.append(ConditionSource(
            name=condition.name, type=condition.type,
            statement=masked(condition.statement, loaded.secrets), path=str(loaded.path),
            line=line,
            exact_lines=_exact(loaded, None, condition.statement, conditions.spec_key, i,
                               "statement")))
    return context
