"""evidence-lookalike: a claim that was meant as evidence, but is not marked as evidence.

A statement is evidence when it is tagged ``#evidence`` or ``#card`` or has ``cite``,
``source`` or ``url`` data. Tags are case-sensitive, so ``#Evidence`` does not mark
evidence, nor does a misspelt tag (``#evidnce``, ``#evidance``, ``#crad``), nor a
citation typed at the end of the text, ``(Smith 2020)``, instead of written as data.
The message says what to write; until then the claim is not evidence, and what rests
on it has no chain of support.

PASS::

    [Uniforms]: Schools should require uniforms. #thesis
      + [Survey]: 40 schools reported less teasing. #evidence {cite: "Doe 2019"}

FAIL::

    [Uniforms]: Schools should require uniforms. #thesis
      + [Survey]: 40 schools reported less teasing. #Evidence
      + [Study]: Grades rose in uniformed schools (Roe 2021).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator

from argmap.diagnostics import Severity
from argmap.model import Node
from argmap.rules.base import Context, Finding, node_finding

CODE = "AM205"
NAME = "evidence-lookalike"
SEVERITY = Severity.WARNING
SUMMARY = "A tag or a citation in the text looks like evidence, but does not mark it."
# About the text as written: its findings stand on a line the parser misread too.
ABOUT_THE_TEXT = True

# How far a tag may be from each evidence tag (edits: a letter added, dropped, changed
# or two swapped) and still be taken for a misspelling of it; "card" is short, so one.
_TAGS = (("evidence", 2), ("card", 1))
# A citation at the end of a text (before its tags), such as "(Smith 2020)",
# "(Smith et al., 2020a)" or "— Smith and Jones 2020".
_NAME = r"[A-Z][\w'’.-]*(?:\s+(?:et al\.?|and|&|[A-Z][\w'’.-]*))*"
_YEAR = r"(?:19|20)\d\d[a-z]?"
CITATION_AT_END = re.compile(
    r"(?:\((?P<inside>" + _NAME + r",?\s+" + _YEAR + r")\)"
    r"|[—–-]\s*(?P<after>" + _NAME + r",?\s+" + _YEAR + r"))"
    r"\.?(?:\s+#\S+)*\s*$"
)


def check(ctx: Context) -> Iterator[Finding]:
    supporters = ctx.map.adjacency.supporters  # by node number, as the nodes are
    for node, evidence, support in zip(ctx.map.nodes, ctx.evidence, supporters, strict=True):
        if evidence:
            continue
        for tag in node.tags:
            meant = _meant_tag(tag)
            if meant is None:
                continue
            why = " (tags are case-sensitive)" if tag.lower() == meant else ""
            message = (
                f"#{tag} is not #{meant}{why}, so {node.label} is not evidence: write #{meant}"
            )
            yield _at(ctx, node, f"#{tag}", message)
        # A card rests on nothing: a claim with support that names a source in its text
        # is a claim, not a card written wrongly.
        citation = None if support else text_citation(node.text)
        if citation is not None:
            written, cite = citation
            message = (
                f'{node.label} ends with "{written}", a citation typed into its text, which '
                f'does not mark evidence: write it as data, {{cite: "{cite}"}}'
            )
            yield _at(ctx, node, written, message)


def text_citation(text: str | None) -> tuple[str, str] | None:
    """The citation a text ends with, as written and as a ``cite`` value: ("(Smith
    2020)", "Smith 2020"); None if it ends with none."""
    if not text:
        return None
    start = max(0, len(text) - 80)
    # Most texts hold no year: a quick search rules them out (a generator over the
    # characters took 2.3 s of 4.3 s on a 100,000-statement brief).
    if _YEAR_ANYWHERE.search(text, start) is None:
        return None
    match = CITATION_AT_END.search(text, start)
    if match is None:
        return None
    cite = match.group("inside") or match.group("after")
    written = f"({cite})" if match.group("inside") else cite
    return written, " ".join(cite.split())


_YEAR_ANYWHERE = re.compile(_YEAR)


# A brief repeats a few tags many times: each distinct tag is weighed once.
@functools.lru_cache(maxsize=4096)
def _meant_tag(tag: str) -> str | None:
    """The evidence tag that ``tag`` misspells or writes in other case, if any."""
    lowered = tag.lower()
    for meant, most in _TAGS:
        if lowered == meant or lowered == meant + "s":
            return meant
        if abs(len(lowered) - len(meant)) <= most and _distance(lowered, meant) <= most:
            return meant
    return None


def _distance(a: str, b: str) -> int:
    """Edits from ``a`` to ``b``: letters added, dropped, changed, or two neighbours
    swapped (optimal string alignment distance)."""
    before: list[int] = []
    previous = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        current = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                current[j] = min(current[j], before[j - 2] + 1)
        before, previous = previous, current
    return previous[len(b)]


def _at(ctx: Context, node: Node, written: str, message: str) -> Finding:
    """A finding at the first place ``written`` appears on a line of one of the node's
    definitions; at the node if it appears on none."""
    source = ctx.map.source
    if source is not None:
        for occurrence in node.occurrences:
            if occurrence.is_reference:
                continue
            span = occurrence.span
            for number in range(span.line, span.end_line + 1):
                line = source.line_text(number)
                column = line.find(written, span.column - 1 if number == span.line else 0)
                if column >= 0:
                    start = source.offset(number, column + 1)
                    return Finding(source.span(start, start + len(written)), message, node.id)
    return node_finding(node, message)
