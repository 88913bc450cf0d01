"""undefined-mention: a mention (``@[Title]`` or ``@<Title>``) of a title the brief never
writes.

A mention links to a statement or argument from inside a text without relating to it;
Argdown renders a mention of a missing title as a dead link and does not warn. It is
usually a typo or a node that was renamed; the message suggests a close title, and says
what differs when it cannot be seen (a zero-width space, a curly apostrophe). (A title
that is referenced but has no text is undefined-reference's finding, not this rule's.)

PASS::

    [Cost]: Uniforms cost families money.

    [Equality]: Uniforms hide income differences, whatever @[Cost] says.

FAIL::

    [Cost]: Uniforms cost families money.

    [Equality]: Uniforms hide income differences, whatever @[Costs] says.
"""

from __future__ import annotations

from collections.abc import Iterator

from argmap.diagnostics import Severity
from argmap.model import node_id_for
from argmap.rules.base import Context, Finding
from argmap.source import Span
from argmap.suggest import Suggester

CODE = "AM107"
NAME = "undefined-mention"
SEVERITY = Severity.WARNING
SUMMARY = "A mention names a title the brief never writes."
# About the text as written: its findings stand on a line the parser misread too.
ABOUT_THE_TEXT = True


def check(ctx: Context) -> Iterator[Finding]:
    amap = ctx.map
    suggesters: dict[str, Suggester] = {}
    for node in amap.nodes:
        for occurrence in node.occurrences:
            for node_type, title in occurrence.mentions:
                if node_id_for(node_type, title) in amap:
                    continue
                if node_type == "argument":
                    written, what = f"@<{title}>", "an argument"
                else:
                    written, what = f"@[{title}]", "a statement"
                suggester = suggesters.get(node_type)
                if suggester is None:  # built once, for the first mention that needs it
                    titles = (n.title for n in amap.nodes if n.type == node_type)
                    suggester = suggesters[node_type] = Suggester(titles)
                hint = suggester.hint(title, "<>" if node_type == "argument" else "[]")
                yield Finding(
                    _where(ctx, occurrence.span, written),
                    f"{written} mentions {what} that the brief never writes{hint}",
                    node.id,
                )


def _where(ctx: Context, within: Span, written: str) -> Span:
    """Where ``written`` is, from the start of the text that holds it (that text's own
    span if it cannot be found, as when the mention spells its title with escapes)."""
    source = ctx.map.source
    if source is None:
        return within
    start = source.offset(within.line, within.column)
    found = source.text.find(written, start)
    if found < 0:
        return within
    return source.span(found, found + len(written))
