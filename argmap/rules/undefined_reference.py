"""undefined-reference: a title that is referenced but never defined with text.

A reference to a title that no definition gives a text is usually a typo; it silently
creates a second, empty claim (Argdown does not warn). The message suggests the closest
defined titles that start with the same letter (in a huge brief with many undefined
titles, such suggestions stop once 200,000 titles have been compared, so checking stays
fast), and a defined title that differs only in case or by characters that cannot be
seen (a zero-width space, a no-break space, a curly apostrophe, another Unicode
normalisation), saying what differs.

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

from collections.abc import Iterator

from argmap.diagnostics import Severity
from argmap.rules.base import Context, Finding
from argmap.suggest import Suggester

CODE = "AM101"
NAME = "undefined-reference"
SEVERITY = Severity.ERROR
SUMMARY = "A title is referenced but never defined with text."


# Titles compared for close matches in one brief, for statements and for arguments, at
# most: difflib compares one pair at a time, and a brief with many typos and many titles
# must not take quadratic time.
SUGGESTION_BUDGET = 200_000


def check(ctx: Context) -> Iterator[Finding]:
    nodes = ctx.map.nodes
    # A node written first as a definition is defined: only the others need the search.
    # A reconstructed argument is defined by its premise–conclusion structure.
    undefined = [
        node
        for node in nodes
        if node.occurrences[0].is_reference and not node.is_defined and not node.pcs
    ]
    if not undefined:
        return
    defined: dict[str, list[str]] = {"statement": [], "argument": []}
    for node in nodes:
        if node.is_defined:
            defined.setdefault(node.type, []).append(node.title)
    suggesters: dict[str, Suggester] = {}
    budget = SUGGESTION_BUDGET
    for node in undefined:
        kind = "statement" if node.type == "statement" else "argument"
        message = (
            f"{node.label} is referenced but never defined: no {kind} with this title has text"
        )
        suggester = suggesters.get(node.type)
        if suggester is None:
            suggester = suggesters[node.type] = Suggester(defined.get(node.type, []), budget)
        message += suggester.hint(node.title, "<>" if node.type == "argument" else "[]")
        yield Finding(node.occurrences[0].span, message, node.id, tuple(node.spans[1:]))
