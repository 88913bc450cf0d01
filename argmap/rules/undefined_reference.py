"""undefined-reference: a title that is referenced but never defined with text.

A reference to a title that no definition gives a text is usually a typo; it silently
creates a second, empty claim (Argdown does not warn). The message suggests the closest
defined titles that start with the same letter (in a huge brief with many undefined
titles, suggestions stop once 200,000 titles have been compared, so checking stays fast).

PASS::

    [DTT since 2008]: Defense Trilateral Talks have run since 2008.

    [Track record]: The allies cooperate on security.
      + [DTT since 2008]

FAIL::

    [DTT since 2008]: Defense Trilateral Talks have run since 2008.

    [Track record]: The allies cooperate on security.
      + [DTT since 2009]
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator

from argmap.diagnostics import Severity
from argmap.rules.base import Context, Finding

CODE = "AM101"
NAME = "undefined-reference"
SEVERITY = Severity.ERROR
SUMMARY = "A title is referenced but never defined with text."


# Titles compared for suggestions in one brief, at most: difflib compares one pair at a
# time, and a brief with many typos and many titles must not take quadratic time.
SUGGESTION_BUDGET = 200_000


def check(ctx: Context) -> Iterator[Finding]:
    nodes = ctx.map.nodes
    # A node written first as a definition is defined: only the others need the search.
    undefined = [node for node in nodes if node.occurrences[0].is_reference and not node.is_defined]
    if not undefined:
        return
    # Defined titles by type and first letter: a typo rarely changes the first letter.
    defined: dict[tuple[str, str], list[str]] = {}
    for node in nodes:
        if node.is_defined:
            defined.setdefault((node.type, _initial(node.title)), []).append(node.title)
    budget = SUGGESTION_BUDGET
    for node in undefined:
        kind = "statement" if node.type == "statement" else "argument"
        message = (
            f"{node.label} is referenced but never defined: no {kind} with this title has text"
        )
        pool = defined.get((node.type, _initial(node.title)), [])
        close: list[str] = []
        if len(pool) <= budget:
            budget -= len(pool)
            close = difflib.get_close_matches(node.title, pool, n=3, cutoff=0.6)
        if close:
            wrap = "<{}>" if node.type == "argument" else "[{}]"
            message += "; did you mean " + " or ".join(wrap.format(t) for t in close) + "?"
        yield Finding(node.occurrences[0].span, message, node.id, tuple(node.spans[1:]))


def _initial(title: str) -> str:
    return title.strip()[:1].casefold()
