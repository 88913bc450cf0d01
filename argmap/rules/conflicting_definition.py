"""conflicting-definition: one title defined with different texts.

The same title is the same claim; if two definitions say different things, only one text
survives (the one marked ``{isCanonical: true}``, else the last), which is rarely what
the author meant.

PASS::

    [Cost]: Uniforms cost money.

    [Cost]
      - [Exchanges]: Free exchanges exist.

FAIL::

    [Cost]: Uniforms cost money.

    [Cost]: Uniforms are cheap.
"""

from __future__ import annotations

from collections.abc import Iterator

from argmap.diagnostics import Severity
from argmap.rules.base import Context, Finding

CODE = "AM102"
NAME = "conflicting-definition"
SEVERITY = Severity.WARNING
SUMMARY = "One title is defined with different texts."


def _normal(text: str | None) -> str:
    return " ".join((text or "").split())


def check(ctx: Context) -> Iterator[Finding]:
    for node in ctx.map.nodes:
        if len(node.occurrences) < 2:
            continue
        definitions = [o for o in node.occurrences if not o.is_reference and o.text is not None]
        if len(definitions) < 2:
            continue
        winner = _normal(node.text)
        first = definitions[0]
        for other in definitions[1:]:
            if _normal(other.text) == _normal(first.text):
                continue
            wins = (
                "this one"
                if _normal(other.text) == winner
                else (
                    f"the one at line {first.span.line}"
                    if _normal(first.text) == winner
                    else "another definition"
                )
            )
            yield Finding(
                other.span,
                f"{node.label} is defined again with a different text (first at line "
                f"{first.span.line}, column {first.span.column}); {wins} wins",
                node.id,
                (first.span,),
            )
